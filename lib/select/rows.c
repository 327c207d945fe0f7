/* rows.c - records kept in memory for sorting and grouping. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct row {
	size_t off;   /* first value's offset in the arena */
	size_t seq;   /* input order, for a stable sort */
	size_t fileno;
	unsigned long line;
};

struct tk_rows {
	const struct tk_reader *r;
	size_t *cols, ncols;
	struct row *row;
	size_t n, cap;
	char *arena;          /* per row: ncols lengths, then the bytes */
	size_t alen, acap;
	struct tk_str *vals;  /* a full record, for tk_rows_get */
	const size_t *keys;   /* while sorting */
	size_t nkeys;
	int reverse;
};

struct tk_rows *
tk_rows_new(const struct tk_reader *r, const size_t *cols, size_t ncols)
{
	struct tk_rows *rows = tk_xcalloc(1, sizeof(*rows));

	rows->r = r;
	rows->cols = tk_xcalloc(ncols, sizeof(*cols));
	memcpy(rows->cols, cols, ncols * sizeof(*cols));
	rows->ncols = ncols;
	rows->vals = tk_xcalloc(tk_ncols(r), sizeof(*rows->vals));
	return rows;
}

void
tk_rows_free(struct tk_rows *rows)
{
	if (rows == NULL)
		return;
	free(rows->cols);
	free(rows->row);
	free(rows->arena);
	free(rows->vals);
	free(rows);
}

void
tk_rows_add(struct tk_rows *rows, const struct tk_record *rec)
{
	size_t need = rows->ncols * sizeof(size_t);
	struct row *w;

	for (size_t k = 0; k < rows->ncols; k++)
		need += rec->f[rows->cols[k]].n;
	TK_GROW(rows->row, rows->cap, rows->n + 1);
	w = &rows->row[rows->n];
	w->off = rows->alen;
	w->seq = rows->n++;
	w->fileno = rec->fileno;
	w->line = rec->line;
	TK_GROW(rows->arena, rows->acap, rows->alen + need);
	for (size_t k = 0; k < rows->ncols; k++) {
		size_t n = rec->f[rows->cols[k]].n;
		memcpy(rows->arena + rows->alen, &n, sizeof(n));
		rows->alen += sizeof(n);
	}
	for (size_t k = 0; k < rows->ncols; k++) {
		const struct tk_str *v = &rec->f[rows->cols[k]];
		if (v->n)
			memcpy(rows->arena + rows->alen, v->p, v->n);
		rows->alen += v->n;
	}
}

size_t
tk_rows_count(const struct tk_rows *rows)
{
	return rows->n;
}

/* The value of the k-th kept column of row w. */
static struct tk_str
value(const struct tk_rows *rows, const struct row *w, size_t k)
{
	const char *p = rows->arena + w->off;
	size_t off = rows->ncols * sizeof(size_t), n;
	struct tk_str v;

	for (size_t i = 0; i < k; i++) {
		memcpy(&n, p + i * sizeof(size_t), sizeof(n));
		off += n;
	}
	memcpy(&n, p + k * sizeof(size_t), sizeof(n));
	v.p = p + off;
	v.n = n;
	return v;
}

void
tk_rows_get(struct tk_rows *rows, size_t i, struct tk_record *rec)
{
	const struct row *w = &rows->row[i];
	const char *p = rows->arena + w->off;
	size_t off = rows->ncols * sizeof(size_t);

	memset(rows->vals, 0, tk_ncols(rows->r) * sizeof(*rows->vals));
	for (size_t k = 0; k < rows->ncols; k++) {
		struct tk_str *v = &rows->vals[rows->cols[k]];
		memcpy(&v->n, p + k * sizeof(size_t), sizeof(v->n));
		v->p = p + off;
		off += v->n;
	}
	rec->f = rows->vals;
	rec->nf = tk_ncols(rows->r);
	rec->fileno = w->fileno;
	rec->tsv_sign = 0;
	rec->file = tk_filename(rows->r, w->fileno);
	rec->line = w->line;
}

/* qsort has no context argument in C11, so the store being sorted is here. */
static const struct tk_rows *sorting;

static int
cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	const struct tk_rows *rows = sorting;

	for (size_t i = 0; i < rows->nkeys; i++) {
		size_t k = 0;
		while (rows->cols[k] != rows->keys[i])
			k++;
		struct tk_str va = value(rows, x, k), vb = value(rows, y, k);
		int c = tk_compare(rows->keys[i], &va, &vb);
		if (c)
			return rows->reverse ? -c : c;
	}
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void
tk_rows_sort(struct tk_rows *rows, const size_t *keys, size_t nkeys,
    int reverse)
{
	rows->keys = keys;
	rows->nkeys = nkeys;
	rows->reverse = reverse;
	sorting = rows;
	qsort(rows->row, rows->n, sizeof(*rows->row), cmp_rows);
	sorting = NULL;
}
