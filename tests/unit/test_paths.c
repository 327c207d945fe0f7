/*
 * test_paths.c - the fast paths against the plain path.
 *
 * Generated and mutated inputs are read on every path with chunk sizes
 * that put the chunk boundaries everywhere (inside quoted fields, inside
 * "", between CR and LF, inside multi-byte UTF-8 characters); every
 * record's values, line and file, and every error, must be the plain
 * path's.  The kernels are also compared with plain loops at every
 * offset and length around the 32-byte blocks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "talks.h"
#include "scan/scan.h"
#include "unit.h"
#include "gen.h"

/* Pieces of field text: the bytes that matter to a CSV reader. */
static const char *const pieces[] = {
	"a", "bc", "word", " ", "\xc3\xa9", "\xe6\x97\xa5", "\xf0\x9f\x98\x80",
	",", ";", "\t", "\"", "\n", "\r", "\r\n", "\\", "\\t", "\\n", "x\\",
	"\"\"", "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEF",
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

static void
field_text(struct tk_buf *t, unsigned maxpieces)
{
	unsigned n = rnd(maxpieces + 1);

	for (unsigned i = 0; i < n; i++) {
		const char *p = pieces[rnd(NPIECES)];
		tk_buf_add(t, p, strlen(p));
	}
}

/* Writes one field of text as the file would hold it. */
static void
put_field(struct tk_buf *b, int delim, unsigned maxpieces)
{
	struct tk_buf t = { 0 };
	int quote;

	field_text(&t, maxpieces);
	quote = rnd(3) == 0 || needs_quotes(&t, delim);
	if (quote) {
		put_quoted(b, &t);
	} else if (t.n) {
		tk_buf_add(b, t.p, t.n);
	}
	free(t.p);
}

static const char *const breaks[] = { "\n", "\r\n", "\r" };

/*
 * A file: a header of 3 columns (unless noheader) and records, some of
 * them broken.
 */
static void
gen_input(struct tk_buf *b, int delim, int noheader)
{
	unsigned nrec = rnd(12), maxpieces = 1 + rnd(20);
	const char *eol = breaks[rnd(3)];
	char d = (char)delim;
	size_t start = b->n;

	if (!noheader)
		putf(b, "title%cspeaker%cabstract%s", d, d, eol);
	for (unsigned r = 0; r < nrec; r++) {
		unsigned nf = 3;
		if (rnd(8) == 0)
			nf = 1 + rnd(5);
		if (rnd(6) == 0)
			tk_buf_add(b, breaks[rnd(3)], strlen(breaks[rnd(3)]));
		for (unsigned i = 0; i < nf; i++) {
			if (i > 0)
				tk_buf_add(b, &d, 1);
			put_field(b, delim, maxpieces);
		}
		if (rnd(4) == 0)
			eol = breaks[rnd(3)];
		if (r + 1 < nrec || rnd(3))
			tk_buf_add(b, eol, strlen(eol));
	}
	/* Mutations: a byte changed, inserted or removed. */
	for (unsigned m = rnd(3); m > 0 && b->n > start; m--) {
		static const char bytes[] = "\"\",\t\r\nx\\;";
		size_t at = start + rnd((unsigned)(b->n - start));
		char c = bytes[rnd(sizeof(bytes) - 1)];
		switch (rnd(3)) {
		case 0:
			b->p[at] = c;
			break;
		case 1:
			tk_buf_add(b, "", 1);
			memmove(b->p + at + 1, b->p + at, b->n - at - 1);
			b->p[at] = c;
			break;
		default:
			memmove(b->p + at, b->p + at + 1, b->n - at - 1);
			b->n--;
		}
	}
}

/* The columns a caller may ask for with tk_want_cols. */
static const size_t some_cols[] = { TK_TITLE, TK_ABSTRACT };

/* How a file is read. */
struct how {
	int delim;
	size_t max;                /* the record limit, 0 for the default */
	enum tk_tsv_escapes esc;
	int some;                  /* only some_cols are decoded */
	int nosign;                /* leave tsv_sign out of the transcript */
};

/* What reading file on path in chunks of chunk bytes (0: TK_CHUNK) gives. */
static void
transcript(const char *file, const struct how *h, enum tk_path path,
    size_t chunk, struct tk_buf *out)
{
	char *paths[] = { (char *)file };
	struct tk_inopts o = { .dialect = TK_CSV, .delim = h->delim,
	    .max_record = h->max, .tsv_escapes = h->esc, .path = path,
	    .chunk = chunk };
	struct tk_reader *r;
	struct tk_record rec;
	struct tk_err e;
	int rc;

	if (h->delim == '\t')
		o.dialect = TK_TSV;
	r = tk_open(paths, 1, &o);
	if (h->some)
		tk_want_cols(r, some_cols, 2);
	out->n = 0;
	tk_buf_add(out, "", 0);
	while ((rc = tk_read(r, &rec, &e)) != 0) {
		if (rc < 0) {
			putf(out, "E %s:%lu:%lu: %s\n", e.file ? e.file : "-",
			    e.line, e.col, e.msg);
			continue;
		}
		putf(out, "R %lu %zu%s", rec.line, rec.nf,
		    rec.tsv_sign && !h->nosign ? " S" : "");
		for (size_t c = 0; c < rec.nf; c++) {
			if (h->some && c != TK_TITLE && c != TK_ABSTRACT)
				continue;
			putf(out, " %zu:", rec.f[c].n);
			tk_buf_add(out, rec.f[c].p, rec.f[c].n);
		}
		tk_buf_add(out, "\n", 1);
	}
	tk_close(r);
}

/*
 * Whether the field p[0 .. n), quoted or not, as a reader splits it,
 * shows a spreadsheet's TSV (talks(5)): written here from the rules
 * byte by byte, apart from the reader's own code.
 */
static int
field_shows(const char *p, size_t n, int quoted)
{
	char v[4096];
	size_t k = 0;

	if (quoted) {
		for (size_t i = 1; i + 1 < n && k < sizeof(v); i++) {
			v[k++] = p[i];
			if (p[i] == '"')
				i++;
		}
		for (size_t i = 0; i < k; i++)
			if (v[i] == '\t' || v[i] == '\n' || v[i] == '\r')
				return 1;
		if (k > 0 && v[0] != '"')
			return 1;
	} else {
		for (; k < n && k < sizeof(v); k++)
			v[k] = p[k];
	}
	for (size_t i = 0; i < k; i++) {
		if (v[i] != '\\')
			continue;
		if (i + 1 == k || !strchr("tnr\\", v[i + 1]))
			return 1;
		i++;
	}
	return 0;
}

/*
 * Whether a whole TSV file (p, n bytes) shows a spreadsheet's TSV in a
 * field, up to where a reader finds an error.
 */
static int
file_shows(const char *p, size_t n)
{
	size_t i = 0;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n) {
		size_t j = i;
		int quoted = p[i] == '"';
		if (quoted) {
			for (j = i + 1; j < n; j++) {
				if (p[j] != '"')
					continue;
				if (j + 1 < n && p[j + 1] == '"')
					j++;
				else
					break;
			}
			if (j == n)
				return 0;       /* unterminated */
			j++;
			if (j < n && p[j] != '\t' && p[j] != '\n' &&
			    p[j] != '\r')
				return 0;       /* text after the quote */
		} else {
			while (j < n && p[j] != '\t' && p[j] != '\n' &&
			    p[j] != '\r')
				j++;
		}
		if (field_shows(p + i, j - i, quoted))
			return 1;
		i = j + 1;
	}
	return 0;
}

static void
show(const char *what, const struct tk_buf *b)
{
	printf("%s (%zu bytes): ", what, b->n);
	for (size_t i = 0; i < b->n && i < 2000; i++) {
		unsigned char c = (unsigned char)b->p[i];
		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else
			putchar(c);
	}
	putchar('\n');
}

/* Filler records, so that what follows is past the part looked at. */
static void
pad(struct tk_buf *b)
{
	putf(b, "title\tspeaker\tabstract\n");
	while (b->n <= TK_TSV_LOOK)
		putf(b, "pad\tx\ty\\ty\\ny\\\\ %0600d\n", 0);
}

static void
differential(void)
{
	static const size_t chunks[] = { 0, 1, 7, 16, 33, 64, 129, 400 };
	static const int delims[] = { ',', '\t', ';' };
	static const enum tk_tsv_escapes escs[] = { TK_ESC_AUTO, TK_ESC_AUTO,
	    TK_ESC_ON, TK_ESC_OFF };
	char file[] = "/tmp/talks-paths-XXXXXX";
	struct tk_buf in = { 0 }, want = { 0 }, got = { 0 };
	int fd = mkstemp(file), shown = 0;
	int forms[3] = { 0 };   /* escaped, as written, marked late */

	check(fd >= 0);
	for (int round = 0; round < 1500; round++) {
		struct how h = { delims[rnd(3)], 0, escs[rnd(4)], 0, 0 };
		int padded = h.delim == '\t' && h.esc == TK_ESC_AUTO &&
		    rnd(8) == 0;
		/* Sometimes a record limit that some records pass. */
		h.max = rnd(4) || padded ? 0 : 20 + rnd(200);
		h.some = rnd(4) == 0;
		in.n = 0;
		if (padded)
			pad(&in);
		gen_input(&in, h.delim, padded);
		if (ftruncate(fd, 0) != 0 || pwrite(fd, in.p, in.n, 0) !=
		    (ssize_t)in.n) {
			check(!"write");
			break;
		}
		transcript(file, &h, TK_PATH_PLAIN, 0, &want);
		for (int p = TK_PATH_PORTABLE; p <= TK_PATH_VECTOR; p++) {
			for (size_t c = 0; c < sizeof(chunks) /
			    sizeof(chunks[0]); c++) {
				transcript(file, &h, (enum tk_path)p,
				    chunks[c], &got);
				int same = got.n == want.n &&
				    memcmp(got.p, want.p, want.n) == 0;
				check(same);
				if (!same && shown++ < 2) {
					printf("path %d chunk %zu\n", p,
					    chunks[c]);
					show("input", &in);
					show("plain", &want);
					show("fast", &got);
				}
			}
		}
		if (h.delim != '\t' || h.esc != TK_ESC_AUTO)
			continue;
		/*
		 * A file read whole before its first record is read in the
		 * form its fields show; one with a part after that is read
		 * escaped, and marks the records that show the other.
		 */
		h.esc = !padded && file_shows(in.p, in.n) ? TK_ESC_OFF :
		    TK_ESC_ON;
		forms[padded ? 2 : h.esc == TK_ESC_OFF] += !padded ||
		    strstr(want.p, " S ") != NULL;
		h.nosign = padded;
		transcript(file, &h, TK_PATH_PLAIN, 0, &got);
		if (padded) {
			h.esc = TK_ESC_AUTO;
			transcript(file, &h, TK_PATH_PLAIN, 0, &want);
		}
		int same = got.n == want.n && memcmp(got.p, want.p, want.n) ==
		    0 && (padded || !strstr(want.p, " S "));
		check(same);
		if (!same && shown++ < 2) {
			printf("the form: %s\n", padded ? "padded" :
			    h.esc == TK_ESC_OFF ? "as written" : "escaped");
			show("input", &in);
			show("auto", &want);
			show("forced", &got);
		}
	}
	/* Each form was met: the checks above were not idle. */
	check(forms[0] > 10 && forms[1] > 10 && forms[2] > 3);
	close(fd);
	unlink(file);
	free(in.p);
	free(want.p);
	free(got.p);
}

/* The kernels against plain loops, at every offset and length. */
static void
kernels(const struct scan_ops *ops)
{
	static const char alpha[] = "ab,\t\r\n\"\"\"\xc3";
	char text[300];
	int bad = 0;

	for (int round = 0; round < 60; round++) {
		/* Sparse special bytes, so that whole blocks lack them. */
		for (size_t i = 0; i < sizeof(text); i++)
			text[i] = rnd(10) ? 'a' :
			    alpha[rnd(sizeof(alpha) - 1)];
		for (size_t off = 0; off < 40; off++) {
			for (size_t n = 0; off + n <= sizeof(text); n += 1 +
			    rnd(5)) {
				const char *p = text + off;
				size_t u = 0, q = 0;
				unsigned long lines = 0, want = 0;
				int delim = round & 1 ? ',' : '\t';
				int pairs = 0, want_pairs = 0;
				while (u < n && p[u] != delim && p[u] != '\n' &&
				    p[u] != '\r')
					u++;
				for (; q < n; q++) {
					if (p[q] == '"' && q + 1 < n &&
					    p[q + 1] == '"') {
						want_pairs = 1;
						q++;
						continue;
					}
					if (p[q] == '"')
						break;
					if (p[q] == '\r' || (p[q] == '\n' &&
					    (q == 0 || p[q - 1] != '\r')))
						want++;
				}
				if (ops->unquoted(p, n, delim) != u ||
				    ops->quoted(p, n, &lines, &pairs) != q ||
				    lines != want || pairs != want_pairs)
					bad++;
			}
		}
	}
	check(bad == 0);

	/* Runs of plain ASCII, every odd byte at every place in a block. */
	bad = 0;
	for (int round = 0; round < 2000; round++) {
		static const char odd[] = "\"\\\x1f\x80\xff\x00\n";
		char t[80];
		size_t n = rnd(80), want;
		for (size_t i = 0; i < n; i++)
			t[i] = (char)(' ' + rnd(96));
		for (want = 0; want < n; want++)
			if (t[want] == '"' || t[want] == '\\')
				break;
		if (n > 0 && rnd(2)) {
			size_t at = rnd((unsigned)n);
			t[at] = odd[rnd(sizeof(odd) - 1)];
			if (at < want)
				want = at;
		}
		if (ops->ascii_run(t, n) != want)
			bad++;
	}
	check(bad == 0);

	/* Undoing "" at every offset, pairs anywhere in the blocks. */
	bad = 0;
	for (int round = 0; round < 200; round++) {
		char v[200], want[200], got[200 + UNDOUBLE_SLACK];
		size_t n = 0, w = 0, len = rnd(150);
		while (n < len) {
			if (rnd(8) == 0) {
				v[n++] = '"';
				v[n++] = '"';
				want[w++] = '"';
			} else {
				want[w++] = v[n++] = (char)('a' + rnd(26));
			}
		}
		if (ops->undouble(got, v, n) != w || memcmp(got, want, w))
			bad++;
	}
	check(bad == 0);
}

int
main(void)
{
	const struct scan_ops *v = scan_vector();
	char *none[] = { "/nonexistent" };
	struct tk_inopts o = { .dialect = TK_AUTO };
	struct tk_reader *r = tk_open(none, 1, &o);

	/* The vector path is the default where the CPU has it. */
	check(tk_path_used(r) == (v ? TK_PATH_VECTOR : TK_PATH_PORTABLE));
	tk_close(r);
	o.path = TK_PATH_VECTOR;
	r = tk_open(none, 1, &o);
	check(tk_path_used(r) == (v ? TK_PATH_VECTOR : TK_PATH_PORTABLE));
	tk_close(r);

	kernels(&scan_portable);
	if (v)
		kernels(v);
	else
		printf("no AVX2 here: vector kernels not tested\n");
	differential();
	return unit_done();
}
