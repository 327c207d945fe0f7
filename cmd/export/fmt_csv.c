/*
 * fmt_csv.c - csv: RFC 4180 with a header row, read back by talks as is.
 *
 * With --excel the output is for spreadsheet programs: a byte order mark
 * so that they take it as UTF-8, CRLF line ends, and a "'" before every
 * value that would otherwise be run as a formula.
 */
#include <string.h>
#include <stdlib.h>

#include "export.h"

struct csv {
	struct tk_str *v;        /* the guarded row */
	const struct tk_str **p;
	char *buf;               /* the bytes of the guarded values */
	size_t cap;
};

/* Whether a spreadsheet could take v as a formula. */
static int
formula(const struct tk_str *v)
{
	static const char lead[] = TK_GUARDED "\t\r";

	return v->n > 0 && memchr(lead, v->p[0], sizeof(lead) - 1) != NULL;
}

/* Writes a row for spreadsheets: formulas guarded, CRLF. */
static void
put_excel(struct exporter *x, const struct tk_str *const *v)
{
	struct csv *st = x->state;
	size_t n = x->c->ncols, need = 0, off = 0;

	for (size_t i = 0; i < n; i++)
		if (formula(v[i]))
			need += v[i]->n + 1;
	TK_GROW(st->buf, st->cap, need);
	for (size_t i = 0; i < n; i++) {
		st->v[i] = *v[i];
		if (formula(v[i])) {
			st->buf[off] = '\'';
			memcpy(st->buf + off + 1, v[i]->p, v[i]->n);
			st->v[i].p = st->buf + off;
			st->v[i].n = v[i]->n + 1;
			off += v[i]->n + 1;
		}
		st->p[i] = &st->v[i];
	}
	tk_put_row(x->out, st->p, n, TK_CSV, ',', "\r\n");
}

static void
put(struct exporter *x, const struct tk_str *const *v)
{
	/* No columns at all (empty input): nothing to write. */
	if (x->c->ncols == 0)
		return;
	if (x->o->excel)
		put_excel(x, v);
	else
		tk_put_row(x->out, v, x->c->ncols, TK_CSV, ',', "\n");
}

static int
csv_begin(struct exporter *x)
{
	struct csv *st = tk_xcalloc(1, sizeof(*st));

	st->v = tk_xcalloc(x->c->ncols + 1, sizeof(*st->v));
	st->p = tk_xcalloc(x->c->ncols + 1, sizeof(*st->p));
	x->state = st;
	if (x->o->excel)
		tk_out_write(x->out, "\xef\xbb\xbf", 3);
	put(x, export_names(x));
	return 0;
}

static int
csv_render(struct exporter *x, const struct batch *b)
{
	put(x, export_values(x, b->rec));
	return 0;
}

static int
csv_end(struct exporter *x)
{
	struct csv *st = x->state;

	free(st->v);
	free(st->p);
	free(st->buf);
	free(st);
	return 0;
}

const struct format fmt_csv = {
	.name = "csv",
	.summary = "RFC 4180 with a header row (--excel: for spreadsheets)",
	.gather = GATHER_EACH,
	.begin = csv_begin,
	.render = csv_render,
	.end = csv_end,
};
