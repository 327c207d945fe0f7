/*
 * fmt_tsv.c - tsv: one record per line with a header row; tab, line
 * feed, carriage return and backslash in values written as \t, \n, \r
 * and \\, as talks(5) reads them; with --quoted, values that hold a
 * tab, a line break or a double quote in double quotes instead, as
 * spreadsheets and csvkit read them.
 */
#include "export.h"

static void
tsv_row(struct exporter *x, const struct tk_str *const *v)
{
	if (x->c->ncols > 0)
		tk_put_row(x->out, v, x->c->ncols, x->o->quoted ? TK_CSV :
		    TK_TSV, '\t', "\n");
}

static int
tsv_begin(struct exporter *x)
{
	tsv_row(x, export_names(x));
	return 0;
}

static int
tsv_render(struct exporter *x, const struct batch *b)
{
	tsv_row(x, export_values(x, b->rec));
	return 0;
}

const struct format fmt_tsv = {
	.name = "tsv",
	.summary = "tab-separated, with \\t \\n \\r \\\\ escapes "
	    "and a header row",
	.gather = GATHER_EACH,
	.begin = tsv_begin,
	.render = tsv_render,
};
