/*
 * test_prefilter.c - the raw-record test of talks grep: when it is exact
 * (tk_raw_exact), what it answers (tk_matcher_raw), and a differential
 * check: generated inputs read with the test as the reader's prefilter
 * and without it must give the same selected records, lines and errors
 * on every path and at chunk sizes that put the boundaries everywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "talks.h"
#include "unit.h"
#include "gen.h"

static int
exact1(const char *pat, const struct tk_match_opts *o)
{
	struct tk_str s = { pat, strlen(pat) };

	return tk_raw_exact(&s, 1, o);
}

static void
test_exact(void)
{
	struct tk_match_opts o = { 0 };
	struct tk_str two[] = { { "quokka", 6 }, { "a.b", 3 } };
	struct tk_str nul = { "a\0b", 3 };

	check(exact1("quokka", &o));
	check(exact1("two words, comma", &o));
	check(exact1("\xc3\xa9t\xc3\xa9", &o));
	check(exact1("100%;x=y", &o));
	check(tk_raw_exact(&nul, 1, &o));
	/* Metacharacters make a regular expression, not a literal. */
	check(!exact1("a.b", &o));
	check(!exact1("^a", &o));
	check(!exact1("a$", &o));
	check(!exact1("a|b", &o));
	check(!exact1("(ab)", &o));
	check(!exact1("a*", &o));
	check(!exact1("a+", &o));
	check(!exact1("a?", &o));
	check(!exact1("[ab]", &o));
	check(!exact1("a{2}", &o));
	check(!exact1("\\w", &o));
	check(!exact1("(*UTF)ab", &o));
	/* Bytes that decoding makes: never, not even with -F. */
	check(!exact1("a\"b", &o));
	check(!exact1("a\tb", &o));
	check(!exact1("a\nb", &o));
	check(!exact1("a\rb", &o));
	check(!exact1("", &o));
	check(!tk_raw_exact(two, 0, &o));
	check(!tk_raw_exact(two, 2, &o));
	two[1].p = "ab";
	check(tk_raw_exact(two, 2, &o));
	o.fixed = 1;
	check(exact1("a.b", &o));
	check(exact1("(*UTF)a|b", &o));
	check(!exact1("a\\b", &o));
	check(!exact1("a\"b", &o));
	check(!exact1("\\t", &o));
	check(!exact1("", &o));
	/* -i and -S keep it; -w, -x and a match limit do not. */
	o.caseless = 1;
	check(exact1("QUOKKA", &o));
	o.smart_case = 1;
	check(exact1("Quokka", &o));
	o.word = 1;
	check(!exact1("quokka", &o));
	o.word = 0;
	o.whole = 1;
	check(!exact1("quokka", &o));
	o.whole = 0;
	o.match_limit = 1000;
	check(!exact1("quokka", &o));
}

/* tk_matcher_raw of pat (options o) on raw with delimiter delim. */
static int
raw1(const char *pat, const struct tk_match_opts *o, const char *raw,
    int delim)
{
	struct tk_str s = { pat, strlen(pat) };
	struct tk_err e;
	struct tk_matcher *m = tk_matcher_new(&s, 1, o, &e);
	int r;

	if (m == NULL)
		return -2;
	r = tk_matcher_raw(m, raw, strlen(raw), delim);
	tk_matcher_free(m);
	return r;
}

static void
test_raw(void)
{
	struct tk_match_opts o = { 0 };
	struct tk_str s = { "ab", 2 };
	struct tk_err e;
	struct tk_matcher *m;

	check(raw1("ab", &o, "x,\"a\"\"b\",y", ',') == 0);
	check(raw1("ab", &o, "x,ab", ',') == 1);
	check(raw1("AB", &o, "x,ab", ',') == 0);
	/* No raw test: every record may match. */
	check(raw1("a.b", &o, "zzz", ',') == 1);
	check(raw1("a\"b", &o, "zzz", ',') == 1);
	/* A literal that may match the delimiter is not tested raw. */
	check(raw1("x,y", &o, "zzz", ',') == 1);
	check(raw1("x;y", &o, "zzz", ',') == 0);
	check(raw1("x;y", &o, "zzz", ';') == 1);
	check(raw1("k", &o, "zzz", 'K') == 0);
	o.caseless = 1;
	check(raw1("AB", &o, "x,aB", ',') == 1);
	check(raw1("k", &o, "zzz", 'K') == 1);
	/* Folding beyond ASCII: KELVIN SIGN, long s, E acute. */
	check(raw1("100 k", &o, "a,100 \xe2\x84\xaa", ',') == 1);
	check(raw1("STRA\xc3\x9f" "E", &o, "\xc5\xbftra\xc3\x9f" "e", ',') ==
	    1);
	check(raw1("\xc3\x89" "COLE", &o, "\xc3\xa9" "cole", ',') == 1);
	check(raw1("\xc3\x89" "COLE", &o, "ecole", ',') == 0);
	o.fixed = 1;
	check(raw1("a.b", &o, "a.b", ',') == 1);
	check(raw1("a.b", &o, "axb", ',') == 0);
	/* no_raw ($TALKS_PREFILTER=off): no raw test. */
	o = (struct tk_match_opts){ .no_raw = 1 };
	m = tk_matcher_new(&s, 1, &o, &e);
	check(m && !tk_matcher_has_raw(m));
	tk_matcher_free(m);
	o.no_raw = 0;
	m = tk_matcher_new(&s, 1, &o, &e);
	check(m && tk_matcher_has_raw(m));
	tk_matcher_free(m);
}

/* ------------------------------------------------------------ differential */

/* Field text: pieces of the patterns below, and what decoding changes. */
static const char *const pieces[] = {
	"a", "b", "ab", "k", "K", "\xe2\x84\xaa", "quokka", "QUOKKA", "x",
	"y", ",", ";", "\t", "\"", "\n", "\r\n", "\\", "\\t", "\\n", "\\\\",
	"\"\"", "\xc3\xa9", "\xc3\x89", "\xc3", " ",
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

/* Writes a field of pieces and of the pattern's text, pat. */
static void
put_field(struct tk_buf *b, int delim, const char *pat)
{
	struct tk_buf t = { 0 };
	unsigned n = rnd(6);
	int quote = delim != '\t' && rnd(3) == 0;

	for (unsigned i = 0; i < n; i++) {
		const char *p = rnd(4) ? pieces[rnd(NPIECES)] : pat;
		tk_buf_add(&t, p, strlen(p));
	}
	if (!quote && needs_quotes(&t, delim))
		quote = delim != '\t' || rnd(2);
	if (delim == '\t' && rnd(2)) {
		/* Escaped: the text is what the field decodes to. */
		for (size_t i = 0; i < t.n; i++) {
			const char *x = t.p[i] == '\t' ? "\\t" :
			    t.p[i] == '\n' ? "\\n" : t.p[i] == '\r' ? "\\r" :
			    t.p[i] == '\\' ? "\\\\" : NULL;
			tk_buf_add(b, x ? x : t.p + i, x ? 2 : 1);
		}
	} else if (quote) {
		put_quoted(b, &t);
	} else if (t.n) {
		tk_buf_add(b, t.p, t.n);
	}
	free(t.p);
}

/* A file of 3 columns; some records have other counts, some are broken. */
static void
gen_input(struct tk_buf *b, int delim, const char *pat)
{
	unsigned nrec = rnd(15);
	char d = (char)delim;

	putf(b, "title%cspeaker%cabstract\n", d, d);
	for (unsigned r = 0; r < nrec; r++) {
		unsigned nf = rnd(6) == 0 ? 1 + rnd(5) : 3;
		for (unsigned i = 0; i < nf; i++) {
			if (i > 0)
				tk_buf_add(b, &d, 1);
			put_field(b, delim, pat);
		}
		if (rnd(10) == 0)
			tk_buf_add(b, "\"x", 2);
		if (r + 1 < nrec || rnd(3))
			tk_buf_add(b, rnd(4) ? "\n" : "\r\n", rnd(4) ? 1 : 2);
	}
}

static const char *const pats[] = {
	"ab", "a", "k", "quokka", "\xc3\xa9", "x,y", "x;y", "zzz",
	"a\"b", "a\\b", "a\\\\b", "b\t", "\t", "y\ty", "\ny",
};
#define NPATS (sizeof(pats) / sizeof(pats[0]))

/* Whether some field of rec matches m (-1 on an error). */
static int
selected(struct tk_matcher *m, const struct tk_record *rec)
{
	struct tk_err e;

	for (size_t c = 0; c < rec->nf; c++) {
		int rc = tk_matcher_test(m, rec->f[c].p, rec->f[c].n, &e);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int refused;

static int
prefilter(void *ctx, const char *p, size_t n, int delim)
{
	int rc = tk_matcher_raw(ctx, p, n, delim);

	refused += rc == 0;
	return rc;
}

/* The selected records of file and the errors, as grep sees them. */
static void
transcript(const char *file, int delim, enum tk_path path,
    size_t chunk, struct tk_matcher *m, int pre, struct tk_buf *out)
{
	char *paths[] = { (char *)file, (char *)file };
	struct tk_inopts o = { .dialect = delim == '\t' ? TK_TSV : TK_CSV,
	    .delim = delim, .path = path, .chunk = chunk };
	struct tk_reader *r;
	struct tk_record rec;
	struct tk_err e;
	int rc;

	r = tk_open(paths, 2, &o);
	if (pre)
		tk_set_prefilter(r, prefilter, m);
	out->n = 0;
	tk_buf_add(out, "", 0);
	while ((rc = tk_read(r, &rec, &e)) != 0) {
		if (rc < 0) {
			putf(out, "E %s:%lu:%lu: %s\n", e.file ? e.file : "-",
			    e.line, e.col, e.msg);
			continue;
		}
		if (selected(m, &rec) == 0)
			continue;
		putf(out, "R %zu %lu%s\n", rec.fileno, rec.line,
		    rec.tsv_sign ? " S" : "");
	}
	tk_close(r);
}

static void
test_differential(void)
{
	static const enum tk_path paths[] = { TK_PATH_PLAIN,
	    TK_PATH_PORTABLE, TK_PATH_VECTOR };
	static const size_t chunks[] = { 0, 7, 64 };
	char file[] = "/tmp/talks-prefilter-XXXXXX";
	struct tk_buf in = { 0 }, a = { 0 }, b = { 0 };
	int fd = mkstemp(file), bad = 0;

	check(fd >= 0);
	if (fd < 0)
		return;
	for (int round = 0; round < 1000 && bad < 5; round++) {
		int delim = round % 3 == 0 ? '\t' : round % 3 == 1 ? ',' : ';';
		struct tk_match_opts o = { 0 };
		struct tk_str s = { pats[rnd(NPATS)], 0 };
		struct tk_err e;
		struct tk_matcher *m;

		in.n = 0;
		gen_input(&in, delim, s.p);
		if (ftruncate(fd, 0) != 0 || pwrite(fd, in.p, in.n, 0) !=
		    (ssize_t)in.n) {
			check(0);
			break;
		}
		o.caseless = rnd(2);
		o.fixed = rnd(2);
		s.n = strlen(s.p);
		m = tk_matcher_new(&s, 1, &o, &e);
		check(m != NULL);
		if (m == NULL)
			continue;
		for (size_t p = 0; p < 3; p++) {
			for (size_t c = 0; c < 3; c++) {
				transcript(file, delim, paths[p], chunks[c], m,
				    0, &a);
				transcript(file, delim, paths[p], chunks[c], m,
				    1, &b);
				check(a.n == b.n && memcmp(a.p, b.p, a.n) == 0);
				if (a.n != b.n || memcmp(a.p, b.p, a.n) != 0) {
					bad++;
					printf("input (pattern '%s', -i %d, "
					    "-F %d):\n%s\nwithout:\n%s\nwith:"
					    "\n%s\n", s.p, o.caseless, o.fixed,
					    in.p, a.p, b.p);
				}
			}
		}
		tk_matcher_free(m);
	}
	/* The test is not vacuous: records were skipped. */
	check(refused > 1000);
	close(fd);
	unlink(file);
	free(in.p);
	free(a.p);
	free(b.p);
}

/* The prefilter is called on the fast paths and skips what it refuses. */
static int calls;

static int
refuse_all(void *ctx, const char *p, size_t n, int delim)
{
	calls++;
	return 0;
}

static void
test_skips(void)
{
	char *paths[] = { "testdata/small/raw.csv",
	    "testdata/bad/extra-fields.csv" };
	struct tk_inopts o = { .dialect = TK_CSV, .delim = ',',
	    .path = TK_PATH_PORTABLE };
	struct tk_record rec;
	struct tk_err e;
	struct tk_reader *r = tk_open(paths, 2, &o);
	int rc, records = 0, errors = 0;

	tk_set_prefilter(r, refuse_all, NULL);
	while ((rc = tk_read(r, &rec, &e)) != 0) {
		if (rc > 0)
			records++;
		else
			errors++;
	}
	tk_close(r);
	/* 5 records and A,b refused; B,c,surplus is checked and fails. */
	check(calls == 6);
	check(records == 0);
	check(errors == 1);
}

/* Counts the calls of the raw test and its refusals. */
static int asked, said_no;

static int
counting(void *ctx, const char *p, size_t n, int delim)
{
	int rc = tk_matcher_raw(ctx, p, n, delim);

	asked++;
	said_no += rc == 0;
	return rc;
}

/*
 * Where the prefilter keeps most records the reader stops asking for a
 * while, and asks again afterwards; what is selected does not change.
 */
static void
test_rests(void)
{
	char file[] = "/tmp/talks-prefilter-XXXXXX";
	struct tk_str s = { "ab", 2 };
	struct tk_match_opts mo = { 0 };
	struct tk_inopts o = { .dialect = TK_CSV, .delim = ',',
	    .path = TK_PATH_PORTABLE };
	char *paths[] = { file };
	struct tk_matcher *m;
	struct tk_reader *r;
	struct tk_record rec;
	struct tk_err e;
	FILE *fp;
	int fd = mkstemp(file), selected_n = 0, records = 0;

	check(fd >= 0 && (fp = fdopen(fd, "w")) != NULL);
	if (fd < 0 || fp == NULL)
		return;
	fputs("title,speaker\n", fp);
	for (int i = 0; i < 20000; i++)
		fprintf(fp, "%s %d,\"x\"\"y\"\n", i < 600 ? "ab" : "zz", i);
	fclose(fp);
	m = tk_matcher_new(&s, 1, &mo, &e);
	r = tk_open(paths, 1, &o);
	tk_set_prefilter(r, counting, m);
	while (tk_read(r, &rec, &e) > 0) {
		records++;
		selected_n += selected(m, &rec) == 1;
	}
	tk_close(r);
	tk_matcher_free(m);
	unlink(file);
	check(selected_n == 600);
	/* Asked for the first 256, not for the next 4096, then again. */
	check(asked == 20000 - 4096);
	check(said_no == 20000 - 4096 - 256);
	check(records == 4096 + 256);
}

int
main(void)
{
	test_exact();
	test_raw();
	test_skips();
	test_rests();
	test_differential();
	return unit_done();
}
