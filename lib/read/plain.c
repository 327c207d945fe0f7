/*
 * plain.c - the reference path: every byte goes through libcsv.
 *
 * libcsv pushes fields to callbacks and reports no positions, so the
 * input is fed one line at a time (pieces end at each CR or LF): a record
 * can only end at a piece's last byte, which makes this a pull reader,
 * and the line number of every byte is known.  Strict mode finds text
 * after a closing quote; a quote inside an unquoted field, which strict
 * mode also rejects, is fed again in the lenient mode so that it is read
 * as data, as RFC 4180 readers commonly do.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define STRICT (CSV_STRICT | CSV_STRICT_FINI)

struct plain {
	struct csv_parser csv;
	size_t max;
	int tsv;
	char *buf;              /* field bytes of the record being read */
	size_t len, cap;
	size_t *off;            /* start of each field in buf, and the end */
	size_t nf, offcap;
	struct tk_str *f;
	size_t fcap;
	int complete;           /* a record ended in the last piece */
	int at_boundary;        /* no byte of the next record seen yet */
	unsigned long rec_line; /* where the current record started */
	unsigned long fld_line; /* where the current field started */
	unsigned long line;     /* the line being fed */
	int toobig;
	int quoted;             /* quote_seen between calls to libcsv */
	int watch;              /* look for signs of a spreadsheet's TSV */
	int sign;               /* and one was seen in the current record */
	const unsigned char *want; /* the header columns looked at, or NULL */
	size_t ncols;
};

/* libcsv grows its field buffer through this, so a limit holds there too. */
static size_t csv_limit;

static void *
limited_realloc(void *p, size_t n)
{
	if (n > csv_limit)
		return NULL;
	/* Out of memory below the limit is said as everywhere else. */
	return tk_xrealloc(p, n);
}

/*
 * libcsv asks this of the first byte of every field, of the bytes of
 * unquoted fields but '"', and of the byte after each '"' inside a quoted
 * field: a '"' it is asked about belongs to a quoted field.  It has no
 * context pointer, so the answer is kept here, and in struct plain
 * between calls to libcsv, until on_field takes it.
 */
static int quote_seen;

static int
no_space(unsigned char c)
{
	if (c == '"')
		quote_seen = 1;
	return 0;
}

struct plain *
plain_new(size_t max_record)
{
	struct plain *p = tk_xcalloc(1, sizeof(*p));

	if (csv_init(&p->csv, STRICT) != 0)
		abort();
	p->max = max_record;
	csv_limit = max_record + 1024;
	/* Spaces around unquoted fields are data: never trim them. */
	csv_set_space_func(&p->csv, no_space);
	csv_set_realloc_func(&p->csv, limited_realloc);
	csv_set_blk_size(&p->csv, 64 << 10);
	p->offcap = 64;
	p->off = tk_xmalloc(p->offcap * sizeof(*p->off));
	/* Never NULL, so that empty fields point somewhere (C11 6.5.6). */
	p->cap = 256;
	p->buf = tk_xmalloc(p->cap);
	return p;
}

void
plain_free(struct plain *p)
{
	if (p == NULL)
		return;
	csv_free(&p->csv);
	free(p->buf);
	free(p->off);
	free(p->f);
	free(p);
}

void
plain_start(struct plain *p, const struct src *s)
{
	/*
	 * Without CSV_STRICT_FINI, csv_fini resets the parser even inside a
	 * quoted field; with it, a quote left open by the last file would
	 * stay open into this one.
	 */
	csv_set_opts(&p->csv, CSV_STRICT);
	csv_fini(&p->csv, NULL, NULL, NULL);
	csv_set_opts(&p->csv, STRICT);
	csv_set_delim(&p->csv, (unsigned char)s->delim);
	p->tsv = s->tsv;
	p->quoted = p->sign = 0;
	p->len = p->nf = 0;
	p->complete = 0;
	p->at_boundary = 1;
}

static void
on_field(void *data, size_t n, void *ctx)
{
	struct plain *p = ctx;
	int quoted = quote_seen, kept = 0;

	quote_seen = 0;
	if (p->nf == 0)
		p->off[0] = 0;
	/* Each field costs memory beyond its bytes: limit their count too. */
	if (p->toobig || p->len + n > p->max || p->nf >= p->max / 16) {
		p->toobig = 1;
		return;
	}
	TK_GROW(p->buf, p->cap, p->len + n);
	/* Signs are looked for where the fast paths decode. */
	if (p->watch && p->nf < p->ncols && (p->want == NULL ||
	    p->want[p->nf]) && quoted && tsv_quoted_sign(data, n))
		p->sign = 1;
	if (p->tsv && memchr(data, '\\', n))
		n = tsv_unescape(p->buf + p->len, data, n, &kept);
	else if (n > 0)
		memcpy(p->buf + p->len, data, n);
	if (kept && p->watch && p->nf < p->ncols && (p->want == NULL ||
	    p->want[p->nf]))
		p->sign = 1;
	p->len += n;
	TK_GROW(p->off, p->offcap, p->nf + 2);
	p->off[++p->nf] = p->len;
	p->fld_line = p->line;
}

static void
on_record(int c, void *ctx)
{
	struct plain *p = ctx;

	(void)c;
	p->complete = 1;
	p->at_boundary = 1;
}

/* The index of the first CR or LF in p[0 .. n), or n. */
static size_t
find_eol(const char *p, size_t n)
{
	const char *lf = memchr(p, '\n', n);
	size_t k = lf ? (size_t)(lf - p) : n;
	const char *cr = memchr(p, '\r', k);

	return cr ? (size_t)(cr - p) : k;
}

static int
parse_error(struct plain *p, struct src *s, size_t at, struct tk_err *e)
{
	int err = csv_error(&p->csv);

	if (err == CSV_ENOMEM || err == CSV_ETOOBIG || p->toobig)
		return tk_fail(e, s->name, p->rec_line, 0,
		    "record larger than %zu bytes or %zu fields "
		    "(see TALKS_MAX_RECORD)", p->max, p->max / 16);
	return tk_fail(e, s->name, s->line, s->col0 + at + 1,
	    "unexpected character after closing quote");
}

/* Feeds one piece to libcsv; returns -1 on an error. */
static int
feed(struct plain *p, struct src *s, const char *piece, size_t n,
    struct tk_err *e)
{
	size_t off = 0;

	quote_seen = p->quoted;
	while (off < n) {
		off += csv_parse(&p->csv, piece + off, n - off, on_field,
		    on_record, p);
		if (p->toobig)
			return parse_error(p, s, off, e);
		if (off == n)
			break;
		if (csv_error(&p->csv) != CSV_EPARSE || piece[off] != '"')
			return parse_error(p, s, off, e);
		csv_set_opts(&p->csv, 0);
		off += csv_parse(&p->csv, piece + off, 1, on_field, on_record,
		    p);
		csv_set_opts(&p->csv, STRICT);
	}
	p->quoted = quote_seen;
	return 0;
}

/* Consumes pieces of s until a record is complete or the buffer is used. */
static int
consume(struct plain *p, struct src *s, struct tk_err *e)
{
	while (s->beg < s->end && !p->complete) {
		const char *piece = s->buf + s->beg;
		size_t avail = s->end - s->beg;
		size_t k = find_eol(piece, avail);
		size_t n = k < avail ? k + 1 : avail;

		if (p->at_boundary && piece[0] != '\n' && piece[0] != '\r') {
			p->at_boundary = 0;
			p->rec_line = p->fld_line = s->line;
		}
		p->line = s->line;
		if (feed(p, s, piece, n, e) < 0)
			return -1;
		s->beg += n;
		if (k == avail) {
			s->col0 += n;
			s->prev_cr = 0;
		} else if (piece[k] == '\r') {
			s->line++;
			s->prev_cr = 1;
			s->col0 = 0;
		} else {
			if (!(k == 0 && s->prev_cr))
				s->line++;
			s->prev_cr = 0;
			s->col0 = 0;
		}
	}
	return 0;
}

static void
finish(struct plain *p, struct rawrec *rr)
{
	TK_GROW(p->f, p->fcap, p->nf + 1);
	for (size_t i = 0; i < p->nf; i++) {
		p->f[i].p = p->buf + p->off[i];
		p->f[i].n = p->off[i + 1] - p->off[i];
	}
	rr->f = p->f;
	rr->nf = p->nf;
	rr->line = p->rec_line;
	rr->sign = p->sign;
	p->sign = 0;
	p->complete = 0;
	p->len = 0;
	p->nf = 0;
}

int
plain_next(struct plain *p, struct src *s, struct rawrec *rr,
    struct tk_err *e)
{
	p->toobig = 0;
	p->watch = s->watch && s->streaming;
	p->want = s->want;
	p->ncols = s->ncols;
	for (;;) {
		if (consume(p, s, e) < 0)
			return -1;
		if (p->complete) {
			finish(p, rr);
			return 1;
		}
		long n = src_fill(s, SRC_CHUNK, e);
		if (n < 0)
			return -1;
		if (n > 0)
			continue;
		quote_seen = p->quoted;
		if (csv_fini(&p->csv, on_field, on_record, p) != 0)
			return tk_fail(e, s->name, p->fld_line, 0,
			    "unterminated quoted field");
		p->quoted = quote_seen = 0;
		if (p->toobig)
			return parse_error(p, s, 0, e);
		if (!p->complete)
			return 0;
		finish(p, rr);
		return 1;
	}
}

size_t
tsv_unescape(char *dst, const char *src, size_t n, int *kept)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char c = src[i];
		if (c == '\\') {
			char d = i + 1 < n ? src[i + 1] : 0;
			if (d == 't' || d == 'n' || d == 'r' || d == '\\') {
				c = d == 't' ? '\t' : d == 'n' ? '\n' :
				    d == 'r' ? '\r' : '\\';
				i++;
			} else {
				*kept = 1;
			}
		}
		dst[o++] = c;
	}
	return o;
}
