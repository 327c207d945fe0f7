/*
 * reader.c - the record reader: files in order, one set of columns.
 *
 * tk_open reads every file's header first, so that the reader's columns
 * are known before the first record: the canonical fields, then every
 * other header name in order of first appearance.  Each file keeps a map
 * from its header columns to the reader's.  The files after the first
 * are parked (see struct src) until their turn, so that at most two are
 * open at once, whatever their number.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct column {
	char *name;   /* canonical name or the header as written */
	char *folded; /* for lookups */
	int present;
};

struct tk_reader {
	struct src *src;
	size_t nsrc, cur;
	struct column *col;
	size_t ncol, colcap;
	size_t *hash;         /* open addressing: extra column + 1, or 0 */
	size_t hashcap;
	struct tk_str *vals;  /* the record handed out, ncol entries */
	struct tk_str *blank; /* ncol empty values, never NULL (C11 7.24.1) */
	struct plain *plain;
	struct fast *fast;    /* NULL on the plain path */
	enum tk_path path;    /* as asked, then as chosen */
	int chosen;           /* the path is chosen: reading has begun */
	unsigned char *want;  /* reader columns to decode, or NULL for all */
	tk_prefilter_fn pre;  /* see tk_set_prefilter */
	void *prectx;
	struct tk_inopts opts;
	unsigned char *map_used; /* opts.maps that found a column */
	struct tk_err *note;  /* notices waiting: note[notenext .. nnote) */
	size_t nnote, notecap, notenext;
	struct tk_buf joined; /* a speaker joined from first and last names */
};

static size_t
hash_str(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void
hash_insert(struct tk_reader *r, size_t c)
{
	size_t i = hash_str(r->col[c].folded) & (r->hashcap - 1);

	while (r->hash[i])
		i = (i + 1) & (r->hashcap - 1);
	r->hash[i] = c + 1;
}

static void
hash_grow(struct tk_reader *r)
{
	free(r->hash);
	r->hashcap = r->hashcap ? r->hashcap * 2 : 64;
	r->hash = tk_xcalloc(r->hashcap, sizeof(*r->hash));
	for (size_t c = TK_NCANON; c < r->ncol; c++)
		if (r->col[c].folded[0])
			hash_insert(r, c);
}

static size_t
add_column(struct tk_reader *r, const char *name, size_t n)
{
	struct column *c;

	TK_GROW(r->col, r->colcap, r->ncol + 1);
	c = &r->col[r->ncol];
	c->name = tk_xstrndup(name, n);
	c->folded = tk_xmalloc(n + 1);
	tk_fold_name(name, n, c->folded);
	c->present = 1;
	r->ncol++;
	if (r->ncol > TK_NCANON && c->folded[0]) {
		if (2 * (r->ncol - TK_NCANON) > r->hashcap)
			hash_grow(r);
		else
			hash_insert(r, r->ncol - 1);
	}
	return r->ncol - 1;
}

/* The extra column whose folded name is folded, or -1. */
static long
find_extra(const struct tk_reader *r, const char *folded)
{
	size_t i;

	if (r->hashcap == 0 || folded[0] == '\0')
		return -1;
	i = hash_str(folded) & (r->hashcap - 1);
	for (; r->hash[i]; i = (i + 1) & (r->hashcap - 1))
		if (strcmp(r->col[r->hash[i] - 1].folded, folded) == 0)
			return (long)(r->hash[i] - 1);
	return -1;
}

/* A column that the caller fills in (tk_inopts.added). */
static void
add_named(struct tk_reader *r, const char *name)
{
	size_t n = strlen(name);
	char *folded = tk_xmalloc(n + 1);
	int f = tk_canon_find(name, n);

	tk_fold_name(name, n, folded);
	if (f >= 0)
		r->col[f].present = 1;
	else if (find_extra(r, folded) < 0)
		add_column(r, name, n);
	free(folded);
}

/* Queues notice w. */
static void
add_note(struct tk_reader *r, const struct tk_err *w)
{
	TK_GROW(r->note, r->notecap, r->nnote + 1);
	r->note[r->nnote++] = *w;
}

/* Builds s's column map from its header record (see header.c). */
static int
map_header(struct tk_reader *r, struct src *s, const struct rawrec *raw,
    struct tk_err *e)
{
	struct hdr h;
	int rc = hdr_resolve(&h, s, raw, &r->opts, r->map_used, e);

	for (size_t k = 0; rc == 0 && k < h.nnote; k++)
		add_note(r, &h.note[k]);
	if (rc == 0) {
		s->ncols = h.n;
		s->map = tk_xcalloc(h.n, sizeof(*s->map));
		for (size_t i = 0; i < h.n; i++) {
			long c;
			if (h.field[i] >= 0) {
				r->col[h.field[i]].present = 1;
				s->map[i] = (size_t)h.field[i];
			} else if ((c = find_extra(r, h.folded[i])) >= 0) {
				s->map[i] = (size_t)c;
			} else {
				s->map[i] = add_column(r, h.name[i],
				    strlen(h.name[i]));
			}
		}
		s->join[0] = h.join[0];
		s->join[1] = h.join[1];
		if (h.join[0])
			r->col[TK_SPEAKER].present = 1;
	}
	hdr_free(&h);
	return rc;
}

/* Opens s and reads its header; an empty file has no columns. */
static int
open_src(struct tk_reader *r, struct src *s, struct tk_err *e)
{
	struct rawrec h;
	int rc;

	if (src_open(s, &r->opts, e) < 0)
		return -1;
	plain_start(r->plain, s);
	rc = plain_next(r->plain, s, &h, e);
	if (rc <= 0)
		return rc;
	return map_header(r, s, &h, e);
}

struct tk_reader *
tk_open(char *const *paths, size_t npaths, const struct tk_inopts *opts)
{
	struct tk_reader *r = tk_xcalloc(1, sizeof(*r));

	r->opts = *opts;
	if (r->opts.max_record == 0)
		r->opts.max_record = TK_MAX_RECORD;
	if (r->opts.chunk == 0)
		r->opts.chunk = TK_CHUNK;
	/* No limit needs more; sums such as the limit and a margin stay exact. */
	if (r->opts.max_record > SIZE_MAX / 4)
		r->opts.max_record = SIZE_MAX / 4;
	if (r->opts.chunk > SIZE_MAX / 4)
		r->opts.chunk = SIZE_MAX / 4;
	r->path = r->opts.path;
	r->map_used = tk_xcalloc(r->opts.nmaps + 1, 1);
	for (int f = 0; f < TK_NCANON; f++) {
		const char *n = tk_canon_name(f);
		add_column(r, n, strlen(n));
		r->col[f].present = 0;
	}
	r->plain = plain_new(r->opts.max_record);
	r->nsrc = npaths;
	r->src = tk_xcalloc(npaths, sizeof(*r->src));
	for (size_t i = 0; i < npaths; i++) {
		struct src *s = &r->src[i];
		s->path = paths[i];
		s->fd = -1;
		if (open_src(r, s, &s->err) < 0) {
			s->failed = 1;
			src_close(s);
		}
		if (s->enc_note) {
			add_note(r, &s->enc_err);
			s->enc_note = 0;
		}
		if (!s->failed && i > 0) {
			/* The first file is read next; the others wait. */
			src_park(s);
		}
	}
	for (size_t i = 0; i < r->opts.nadded; i++)
		add_named(r, r->opts.added[i]);
	r->vals = tk_xcalloc(r->ncol, sizeof(*r->vals));
	r->blank = tk_xcalloc(r->ncol, sizeof(*r->blank));
	for (size_t c = 0; c < r->ncol; c++)
		r->blank[c].p = "";
	return r;
}

/* Settles the path: as asked, the fastest by default. */
static void
choose_path(struct tk_reader *r)
{
	const struct scan_ops *ops;

	if (r->chosen)
		return;
	r->chosen = 1;
	if (r->path == TK_PATH_PLAIN)
		return;
	ops = scan_ops(r->path != TK_PATH_PORTABLE);
	r->path = ops == &scan_portable ? TK_PATH_PORTABLE : TK_PATH_VECTOR;
	r->fast = fast_new(r->opts.max_record, r->opts.chunk, ops);
	fast_prefilter(r->fast, r->pre, r->prectx);
}

enum tk_path
tk_path_used(struct tk_reader *r)
{
	choose_path(r);
	return r->path;
}

void
tk_set_prefilter(struct tk_reader *r, tk_prefilter_fn fn, void *ctx)
{
	if (r->chosen)
		return;
	r->pre = fn;
	r->prectx = ctx;
}

void
tk_want_cols(struct tk_reader *r, const size_t *cols, size_t n)
{
	free(r->want);
	r->want = tk_xcalloc(r->ncol, 1);
	for (size_t i = 0; i < n; i++)
		if (cols[i] < r->ncol)
			r->want[cols[i]] = 1;
}

/* The header columns of s that hold wanted reader columns. */
static void
want_src(struct tk_reader *r, struct src *s)
{
	if (r->want == NULL)
		return;
	s->want = tk_xcalloc(s->ncols, 1);
	for (size_t i = 0; i < s->ncols; i++)
		s->want[i] = r->want[s->map[i]];
	for (int k = 0; k < 2; k++)
		if (s->join[k] && r->want[TK_SPEAKER])
			s->want[s->join[k] - 1] = 1;
}

void
tk_close(struct tk_reader *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nsrc; i++) {
		src_close(&r->src[i]);
		free(r->src[i].map);
		free(r->src[i].want);
	}
	for (size_t c = 0; c < r->ncol; c++) {
		free(r->col[c].name);
		free(r->col[c].folded);
	}
	free(r->col);
	free(r->hash);
	free(r->src);
	free(r->vals);
	free(r->blank);
	plain_free(r->plain);
	fast_free(r->fast);
	free(r->want);
	free(r->map_used);
	free(r->note);
	tk_buf_free(&r->joined);
	free(r);
}

/* Whether v starts with the ' that guards a value from spreadsheets. */
static inline int
guarded(const struct tk_str *v)
{
	return v->n > 1 && v->p[0] == '\'' && v->p[1] != '\0' &&
	    strchr(TK_GUARDED, v->p[1]) != NULL;
}

/*
 * With --unguard, drops the guarding ' of the values of rr; without it,
 * queues one notice for a file where a value has one.
 */
static void
unguard(struct tk_reader *r, struct src *s, struct rawrec *rr)
{
	struct tk_err w;

	for (size_t i = 0; i < rr->nf && i < s->ncols; i++) {
		struct tk_str *v = &rr->f[i];
		if (v->n < 2 || v->p[0] != '\'' || !guarded(v))
			continue;
		if (r->opts.unguard) {
			v->p++;
			v->n--;
			continue;
		}
		tk_fail(&w, s->name, rr->line, 0, "a value starts with ' "
		    "before '%c', as CfP tools and spreadsheets guard "
		    "formulas: --unguard drops that '", v->p[1]);
		add_note(r, &w);
		s->guard = 0;
		return;
	}
}

/* The speaker as first and last name, joined with a space. */
static struct tk_str
join_names(struct tk_reader *r, const struct src *s, const struct rawrec *rr)
{
	struct tk_buf *b = &r->joined;

	b->n = 0;
	tk_buf_add(b, "", 0);
	for (int k = 0; k < 2; k++) {
		size_t i = s->join[k] - 1;
		const char *p;
		size_t n;
		if (i >= rr->nf)
			continue;
		p = rr->f[i].p;
		n = rr->f[i].n;
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == 0)
			continue;
		if (b->n > 0)
			tk_buf_addc(b, ' ');
		tk_buf_add(b, p, n);
	}
	return (struct tk_str){ b->p, b->n };
}

/* Places a file's record in the reader's columns. */
static int
place(struct tk_reader *r, struct src *s, struct rawrec *rr,
    struct tk_record *rec, struct tk_err *e)
{
	for (size_t i = s->ncols; i < rr->nf; i++)
		if (rr->f[i].n > 0)
			return tk_fail(e, s->name, rr->line, 0,
			    "record has %zu fields, the header has %zu",
			    rr->nf, s->ncols);
	if (s->guard && (r->opts.unguard || rr->line <= SRC_GUARD_LINES))
		unguard(r, s, rr);
	if (s->enc_note) {
		add_note(r, &s->enc_err);
		s->enc_note = 0;
	}
	/* A column the record lacks is empty, and points somewhere. */
	memcpy(r->vals, r->blank, r->ncol * sizeof(*r->vals));
	for (size_t i = 0; i < rr->nf && i < s->ncols; i++)
		r->vals[s->map[i]] = rr->f[i];
	if (s->join[0])
		r->vals[TK_SPEAKER] = join_names(r, s, rr);
	rec->f = r->vals;
	rec->nf = r->ncol;
	rec->file = s->name;
	rec->line = rr->line;
	rec->fileno = (size_t)(s - r->src);
	rec->tsv_sign = rr->sign;
	rec->notice = r->notenext < r->nnote;
	return 1;
}

int
tk_notice(struct tk_reader *r, struct tk_err *e)
{
	if (r->notenext >= r->nnote)
		return 0;
	*e = r->note[r->notenext++];
	if (r->notenext == r->nnote)
		r->notenext = r->nnote = 0;
	return 1;
}

int
tk_map_used(const struct tk_reader *r, size_t m)
{
	return m < r->opts.nmaps && r->map_used[m];
}

/* Opens a parked s again and prepares to read its records. */
static int
start_src(struct tk_reader *r, struct src *s, struct tk_err *e)
{
	if (src_resume(s, e) < 0)
		return -1;
	choose_path(r);
	plain_start(r->plain, s);
	want_src(r, s);
	s->guard = 1;
	/* A speaker joined from two columns is not in the file's bytes. */
	if (r->fast && r->pre)
		fast_prefilter(r->fast, s->join[0] ? NULL : r->pre,
		    r->prectx);
	s->streaming = 1;
	return 0;
}

int
tk_read(struct tk_reader *r, struct tk_record *rec, struct tk_err *e)
{
	while (r->cur < r->nsrc) {
		struct src *s = &r->src[r->cur];
		struct rawrec rr;
		int rc;

		if (s->failed) {
			*e = s->err;
			r->cur++;
			return -1;
		}
		if (s->ncols == 0) {
			rc = 0;
		} else {
			if (!s->streaming && start_src(r, s, e) < 0)
				rc = -1;
			else if (r->fast)
				rc = fast_next(r->fast, r->plain, s, s->want,
				    &rr, e);
			else
				rc = plain_next(r->plain, s, &rr, e);
		}
		if (rc > 0)
			rc = place(r, s, &rr, rec, e);
		if (rc > 0)
			return 1;
		if (s->enc_note) {
			add_note(r, &s->enc_err);
			s->enc_note = 0;
		}
		src_close(s);
		r->cur++;
		if (rc < 0)
			return -1;
	}
	return 0;
}

size_t
tk_ncols(const struct tk_reader *r)
{
	return r->ncol;
}

const char *
tk_colname(const struct tk_reader *r, size_t c)
{
	return r->col[c].name;
}

int
tk_col_present(const struct tk_reader *r, size_t c)
{
	return r->col[c].present;
}

long
tk_find_col(const struct tk_reader *r, const char *name, size_t n)
{
	char *folded = tk_xmalloc(n + 1);
	long c;

	tk_fold_name(name, n, folded);
	c = find_extra(r, folded);
	free(folded);
	if (c < 0)
		c = tk_canon_find(name, n);
	return c;
}

const char *
tk_filename(const struct tk_reader *r, size_t i)
{
	return i < r->nsrc ? r->src[i].name : NULL;
}

size_t
tk_file_col(const struct tk_reader *r, size_t i, size_t c)
{
	const struct src *s = i < r->nsrc ? &r->src[i] : NULL;

	for (size_t k = 0; s && s->map && k < s->ncols; k++)
		if (s->map[k] == c)
			return k + 1;
	return 0;
}
