/*
 * fmt_tsv.c - tsv: one record per line with a header row; tab, line
 * feed, carriage return and backslash in values written as \t, \n, \r
 * and \\, as talks(5) reads them.
 */
#include "export.h"

static int
tsv_begin(struct exporter *x)
{
	if (x->c->ncols > 0)
		tk_put_row(x->out, export_names(x), x->c->ncols, TK_TSV, '\t',
		    "\n");
	return 0;
}

static int
tsv_render(struct exporter *x, const struct batch *b)
{
	if (x->c->ncols > 0)
		tk_put_row(x->out, export_values(x, b->rec), x->c->ncols,
		    TK_TSV, '\t', "\n");
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
