/*
 * fast.c - the fast path: finds a record's field boundaries in the
 * buffered bytes and hands out fields that point into the buffer.
 *
 * Records are read whole from a chunk of at most opts.chunk bytes.  The
 * scan follows libcsv's rules as the plain path uses them: a field that
 * starts with '"' is quoted and ends at the lone '"' before a delimiter
 * or line break; in an unquoted field a '"' is data.  Quoted fields are
 * decoded ("" and, in TSV, the backslash escapes) only when they need
 * it, into a scratch arena.  What the scan does not handle exactly like
 * the plain path (text after a closing quote, a quote left open at the
 * end of the input, a record larger than the record limit, or with more
 * fields than it allows) is handed, from the record's first byte, to the
 * plain path.  A record larger than the chunk makes the buffer grow.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define F_QUOTED 1
#define F_PAIRS  2  /* a quoted field holding "" */

struct span {
	size_t a, b;    /* raw bytes, quotes included */
	int flags;
};

struct fast {
	const struct scan_ops *ops;
	size_t max;      /* the record limit */
	size_t chunk;    /* the largest record read here, in bytes */
	struct span *sp;
	size_t nsp, spcap;
	size_t nquoted;  /* of the spans */
	struct tk_str *f;
	size_t fcap;
	char *arena;
	size_t arenacap;
	tk_prefilter_fn pre; /* see tk_set_prefilter */
	void *prectx;
	unsigned tested, kept, rest, next; /* see refused() */
};

enum { SCAN_DONE, SCAN_MORE, SCAN_PLAIN };

#ifndef FAST_READ
#define FAST_READ ((size_t)256 << 10)
#endif

struct fast *
fast_new(size_t max_record, size_t chunk, const struct scan_ops *ops)
{
	struct fast *f = tk_xcalloc(1, sizeof(*f));

	f->ops = ops;
	f->max = max_record;
	f->chunk = chunk;
	return f;
}

void
fast_free(struct fast *f)
{
	if (f == NULL)
		return;
	free(f->sp);
	free(f->f);
	free(f->arena);
	free(f);
}

/* The prefilter's rests, see refused(). */
#define PRE_WINDOW 256
#define PRE_BUSY 179
#define PRE_REST 4096
#define PRE_REST_MAX 65536

void
fast_prefilter(struct fast *f, tk_prefilter_fn fn, void *ctx)
{
	f->pre = fn;
	f->prectx = ctx;
	f->tested = f->kept = f->rest = 0;
	f->next = PRE_REST;
}

static void
add_span(struct fast *f, size_t a, size_t b, int flags)
{
	TK_GROW(f->sp, f->spcap, f->nsp + 1);
	f->sp[f->nsp].a = a;
	f->sp[f->nsp].b = b;
	f->sp[f->nsp].flags = flags;
	f->nsp++;
}

/* Skips the line breaks before a record, counting lines as plain does. */
static void
skip_breaks(struct src *s)
{
	while (s->beg < s->end) {
		char c = s->buf[s->beg];
		if (c == '\n') {
			if (!s->prev_cr)
				s->line++;
			s->prev_cr = 0;
		} else if (c == '\r') {
			s->line++;
			s->prev_cr = 1;
		} else {
			break;
		}
		s->beg++;
		s->col0 = 0;
	}
}

/*
 * Scans the quoted field whose opening quote is b[i]; sets *j past the
 * closing quote.
 */
static int
scan_quoted(struct fast *f, const char *b, size_t n, size_t i, int eof,
    size_t *j, int *flags, unsigned long *lines)
{
	int pairs = 0;
	size_t k = i + 1;

	k += f->ops->quoted(b + k, n - k, lines, &pairs);
	if (k == n)
		return eof ? SCAN_PLAIN : SCAN_MORE;
	if (k + 1 == n && !eof)
		return SCAN_MORE;
	if (pairs)
		*flags |= F_PAIRS;
	*j = k + 1;
	return SCAN_DONE;
}

/*
 * Finds the fields of the record at s->beg.  On SCAN_DONE, *len is the
 * record's length, *term its terminator ('\n', '\r' or 0 at the end of
 * the input) and *lines the line breaks inside it.
 */
static int
scan_record(struct fast *f, const struct src *s, size_t *len, int *term,
    unsigned long *lines)
{
	const char *b = s->buf + s->beg;
	size_t n = s->end - s->beg, i = 0, j, nq = 0;
	int delim = s->delim, eof = s->eof;

	f->nsp = 0;
	*lines = 0;
	for (;;) {
		int flags = 0;
		if (i < n && b[i] == '"') {
			int rc;
			flags = F_QUOTED;
			nq++;
			rc = scan_quoted(f, b, n, i, eof, &j, &flags, lines);
			if (rc != SCAN_DONE)
				return rc;
			if (j < n && b[j] != delim && b[j] != '\n' &&
			    b[j] != '\r')
				return SCAN_PLAIN;
		} else {
			j = i + f->ops->unquoted(b + i, n - i, delim);
		}
		if (j == n && !eof)
			return SCAN_MORE;
		add_span(f, i, j, flags);
		/* The plain path reports too many fields, as it counts them. */
		if (f->nsp > f->max / 16)
			return SCAN_PLAIN;
		if (j == n || b[j] != delim) {
			*len = j;
			*term = j == n ? 0 : b[j];
			f->nquoted = nq;
			return j > f->max ? SCAN_PLAIN : SCAN_DONE;
		}
		i = j + 1;
	}
}

/*
 * Makes room for more of the record at s->beg and reads: 1 when bytes
 * came, 0 at the end of the input, 2 when the record fills the chunk,
 * -1 on a read error.
 */
static int
refill(struct fast *f, struct src *s, struct tk_err *e)
{
	size_t have = s->end - s->beg, room;
	long n;

	if (have >= f->chunk)
		return 2;
	if (s->beg > 0) {
		memmove(s->buf, s->buf + s->beg, have);
		s->beg = 0;
		s->end = have;
	}
	/* The buffer of the first read grows to the chunk only when a read
	 * filled it or a record does: a small input never pays for the
	 * chunk (the copy into it and its pages). */
	if (s->cap < f->chunk && (s->filled || have == s->cap)) {
		s->cap = f->chunk;
		s->buf = tk_xrealloc(s->buf, s->cap);
	}
	/* Small reads keep the bytes in the cache between copy and scan. */
	room = f->chunk - have;
	if (room > FAST_READ)
		room = FAST_READ;
	if (room > s->cap - s->end)
		room = s->cap - s->end;
	n = src_read(s, room, e);
	if (n < 0)
		return -1;
	return n > 0;
}

/*
 * For a record that fills the chunk: the buffer doubles, up to one byte
 * past the record limit, and is filled before the record is scanned
 * again, so that all the scans of a long record cost about twice its
 * bytes.  Returns as refill does: 2 when the record passes the limit,
 * which the plain path then reports.
 */
static int
grow(struct fast *f, struct src *s, struct tk_err *e)
{
	size_t have = s->end - s->beg;
	size_t cap = have > f->max / 2 ? f->max + 1 : have * 2;
	long n = 0;

	if (have > f->max)
		return 2;
	if (s->beg > 0) {
		memmove(s->buf, s->buf + s->beg, have);
		s->beg = 0;
		s->end = have;
	}
	if (s->cap < cap) {
		s->buf = tk_xrealloc(s->buf, cap);
		s->cap = cap;
	}
	while (s->end < s->cap && (n = src_read(s, s->cap - s->end, e)) > 0)
		;
	if (n < 0)
		return -1;
	return s->end > have;
}

/* Whether a quoted field of those build decodes shows a spreadsheet's TSV. */
static int
quoted_sign(const struct fast *f, const struct src *s,
    const unsigned char *want)
{
	const char *b = s->buf + s->beg;

	for (size_t i = 0; i < f->nsp && i < s->ncols; i++) {
		const struct span *sp = &f->sp[i];
		if ((sp->flags & F_QUOTED) && (want == NULL || want[i]) &&
		    tsv_quoted_sign(b + sp->a + 1, sp->b - sp->a - 2))
			return 1;
	}
	return 0;
}

/*
 * Turns the spans into values; want says which columns to decode.  In
 * those, signs of a spreadsheet's TSV are looked for as plain_next looks
 * for them, where it costs nothing more: in quoted fields, which are
 * rare in TSV, and in the escapes, which are decoded anyway.
 */
static void
build(struct fast *f, const struct src *s, const unsigned char *want,
    size_t len, struct rawrec *rr)
{
	const char *b = s->buf + s->beg;
	size_t used = 0;
	int sign = 0;

	TK_GROW(f->f, f->fcap, f->nsp);
	if (len + UNDOUBLE_SLACK > f->arenacap) {
		f->arenacap = len + UNDOUBLE_SLACK;
		free(f->arena);
		f->arena = tk_xmalloc(f->arenacap);
	}
	for (size_t i = 0; i < f->nsp; i++) {
		const struct span *sp = &f->sp[i];
		const char *v = b + sp->a;
		size_t n = sp->b - sp->a;

		if (sp->flags & F_QUOTED) {
			v++;
			n -= 2;
		}
		if (want && i < s->ncols && !want[i]) {
			v = b;
			n = 0;
		} else if (i < s->ncols) {
			/* Both decodings shrink, so they can share d. */
			char *d = f->arena + used;
			if (sp->flags & F_PAIRS) {
				n = f->ops->undouble(d, v, n);
				v = d;
			}
			if (s->tsv && n > 0 && memchr(v, '\\', n)) {
				int kept = 0;
				n = tsv_unescape(d, v, n, &kept);
				v = d;
				if (kept && s->watch)
					sign = 1;
			}
			if (v == d)
				used += n;
		}
		f->f[i].p = v;
		f->f[i].n = n;
	}
	rr->f = f->f;
	rr->nf = f->nsp;
	rr->line = s->line;
	rr->sign = sign;
	if (f->nquoted && s->watch && quoted_sign(f, s, want))
		rr->sign = 1;
}

/* Moves s past the record just scanned (len bytes, then term). */
static void
advance(struct src *s, size_t len, int term, unsigned long lines)
{
	s->line += lines;
	s->prev_cr = term == '\r';
	if (term) {
		s->line++;
		s->beg += len + 1;
		s->col0 = 0;
	} else {
		s->beg += len;
		s->col0 += len;
	}
}

/*
 * Whether the prefilter refuses the record just scanned.  A record with
 * more fields than the header is never skipped: place() checks it.
 * Where the prefilter keeps most records (more than 7 in 10 of the last
 * PRE_WINDOW), asking costs more than the decoding it saves, so it
 * rests: records are kept unasked, PRE_REST of them, twice as many after
 * each busy window up to PRE_REST_MAX, and PRE_REST again after a quiet
 * one.
 */
static int
refused(struct fast *f, const struct src *s, size_t len)
{
	int keep;

	if (f->pre == NULL || f->nsp > s->ncols)
		return 0;
	if (f->rest > 0) {
		f->rest--;
		return 0;
	}
	keep = f->pre(f->prectx, s->buf + s->beg, len, s->delim) != 0;
	f->kept += (unsigned)keep;
	if (++f->tested == PRE_WINDOW) {
		if (f->kept <= PRE_BUSY)
			f->next = PRE_REST;
		else if ((f->rest = f->next) < PRE_REST_MAX)
			f->next *= 2;
		f->tested = f->kept = 0;
	}
	return !keep;
}

int
fast_next(struct fast *f, struct plain *p, struct src *s,
    const unsigned char *want, struct rawrec *rr, struct tk_err *e)
{
	for (;;) {
		size_t len;
		unsigned long lines;
		int term, rc;

		skip_breaks(s);
		if (s->beg == s->end) {
			if (s->eof)
				return 0;
			if ((rc = refill(f, s, e)) < 0)
				return -1;
			continue;
		}
		rc = scan_record(f, s, &len, &term, &lines);
		if (rc == SCAN_MORE) {
			if ((rc = refill(f, s, e)) == 2)
				rc = grow(f, s, e);
			if (rc < 0)
				return -1;
			if (rc != 2)
				continue;
			rc = SCAN_PLAIN;
		}
		if (rc == SCAN_PLAIN)
			return plain_next(p, s, rr, e);
		if (refused(f, s, len)) {
			advance(s, len, term, lines);
			continue;
		}
		build(f, s, want, len, rr);
		/* The values stay valid: the buffer moves only on the next call. */
		advance(s, len, term, lines);
		return 1;
	}
}
