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
		tk_put_row(&x->c->out, export_names(x), x->c->ncols, TK_TSV,
		    '\t', "\n");
	return 0;
}

static int
tsv_record(struct exporter *x, const struct tk_record *rec)
{
	if (x->c->ncols > 0)
		tk_put_row(&x->c->out, export_values(x, rec), x->c->ncols,
		    TK_TSV, '\t', "\n");
	return 0;
}

static int
tsv_end(struct exporter *x)
{
	return 0;
}

const struct format fmt_tsv = {
	"tsv", "tab-separated, with \\t \\n \\r \\\\ escapes and a header row",
	tsv_begin, tsv_record, tsv_end, NULL
};
