/*
 * by_track.c - talks by-track: the talks grouped by track, or by another
 * field, as lists, counts or a table of levels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const char usage[] =
    "usage: talks by-track [-0cr] [-f FIELDS] [-s FIELDS] [--by FIELD]\n"
    "                      [--order input|name|count] [--header]\n"
    "                      [--levels [-t text|tsv|csv]]\n"
    "                      [--track NAME] [--level NAME] [--speaker NAME]\n"
    "                      [--speaker-sep SEP] [--speakers FILE]\n"
    "                      [--csv | --tsv | -d CHAR] "
    "[--tsv-escapes on|off]\n"
    "                      [--map FIELD=HEADER] [--unguard] [--encoding NAME]\n"
    "                      [FILE ...]\n";

enum { OPT_BY = OPT_LOCAL, OPT_ORDER, OPT_LEVELS };

enum form { FORM_LIST, FORM_COUNT, FORM_LEVELS };
enum table_form { TABLE_TEXT, TABLE_TSV, TABLE_CSV };

/* The talks of one group at each level, for --levels. */
struct cells {
	size_t *n;
	size_t cap;
};

struct bytrack {
	struct common c;
	enum form form;
	enum table_form table;
	int table_set;
	enum tk_group_order order;
	const char *by_arg;       /* --by, or NULL for the track */
	size_t by;                /* the column grouped by */
	int multi;                /* its values are lists, like speaker */
	struct tk_groups *g;
	char *none;               /* the none group's label */
	size_t ntalks;
	struct tk_groups *lev;    /* --levels: the levels seen */
	char *lev_none;
	struct cells *cell;       /* per group */
	size_t ncell;
};

static void
parse_order(struct bytrack *b, const char *arg)
{
	static const char *const names[] = { "input", "name", "count", NULL };
	static const enum tk_group_order orders[] = { TK_ORDER_INPUT,
		TK_ORDER_NAME, TK_ORDER_COUNT };

	b->order = orders[common_choice(&b->c, arg, names,
	    "unknown order '%s': use input, name or count")];
}

static void
parse_table(struct bytrack *b, const char *arg)
{
	static const char *const names[] = { "text", "tsv", "csv", NULL };

	/* In the order of enum table_form. */
	b->table = (enum table_form)common_choice(&b->c, arg, names,
	    "unknown table form '%s': use text, tsv or csv");
	b->table_set = 1;
}

/* The options, for getopt, --help and completion (main.c). */
const char by_track_shortopts[] = ":ct:" COMMON_SHORT;
const struct option by_track_longopts[] = {
	COMMON_LONG,
	{ "count", no_argument, NULL, 'c' },
	{ "table", required_argument, NULL, 't' },
	{ "by", required_argument, NULL, OPT_BY },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "levels", no_argument, NULL, OPT_LEVELS },
	{ NULL, 0, NULL, 0 }
};

static void
parse_options(struct bytrack *b, int argc, char **argv)
{
	int opt, count = 0, levels = 0;

	while ((opt = getopt_long(argc, argv, by_track_shortopts,
	    by_track_longopts, NULL)) != -1) {
		if (common_option(&b->c, opt, optarg, argv))
			continue;
		switch (opt) {
		case 'c':
			count = 1;
			break;
		case 't':
			parse_table(b, optarg);
			break;
		case OPT_BY:
			b->by_arg = optarg;
			break;
		case OPT_ORDER:
			parse_order(b, optarg);
			break;
		case OPT_LEVELS:
			levels = 1;
			break;
		}
	}
	if (count && levels)
		misuse(&b->c, "-c and --levels cannot go together");
	if (b->table_set && !levels)
		misuse(&b->c, "-t needs --levels");
	if (b->c.reverse && b->c.sort == NULL)
		misuse(&b->c, "-r needs -s");
	b->form = count ? FORM_COUNT : levels ? FORM_LEVELS : FORM_LIST;
}

/* Resolves --by; returns -1 with the reason in e. */
static int
resolve_by(struct bytrack *b, struct tk_err *e)
{
	size_t *cols, n;

	b->by = TK_TRACK;
	if (b->by_arg) {
		if (tk_parse_fields(b->c.r, b->by_arg, &cols, &n, e) < 0)
			return -1;
		b->by = cols[0];
		free(cols);
		if (n != 1)
			return tk_fail(e, NULL, 0, 0, "one field only, not a list");
	}
	b->multi = tk_is_list(b->by);
	b->none = none_label(b->c.r, b->by);
	return 0;
}

/* Without -f, the field grouped by is left out of the talk lines. */
static void
drop_by_column(struct bytrack *b)
{
	size_t k = 0;

	if (b->c.fields)
		return;
	for (size_t i = 0; i < b->c.ncols; i++)
		if (b->c.cols[i] != b->by)
			b->c.cols[k++] = b->c.cols[i];
	b->c.ncols = k;
}

/*
 * Tells the reader the columns by-track looks at: the one grouped by,
 * the levels for --levels, and for the lists the printed and sort ones.
 */
static void
want_columns(struct bytrack *b)
{
	size_t extra[] = { b->by, TK_LEVEL };

	common_want(&b->c, b->form == FORM_LIST ? WANT_PRINTED | WANT_SORTED :
	    0, extra, b->form == FORM_LEVELS ? 2 : 1);
}

/* Makes the group table: rows kept only for the lists. */
static void
make_groups(struct bytrack *b)
{
	static const char *const levels[] = { "Beginner", "Intermediate",
		"Advanced" };
	struct common *c = &b->c;
	size_t n = c->ncols + c->nkeys, *cols;

	if (b->form != FORM_LIST) {
		b->g = tk_groups_new(NULL, NULL, 0);
	} else {
		cols = tk_xcalloc(n, sizeof(*cols));
		if (c->ncols)
			memcpy(cols, c->cols, c->ncols * sizeof(*cols));
		if (c->nkeys)
			memcpy(cols + c->ncols, c->keys,
			    c->nkeys * sizeof(*cols));
		b->g = tk_groups_new(c->r, cols, n);
		free(cols);
	}
	if (b->form == FORM_LEVELS) {
		b->lev = tk_groups_new(NULL, NULL, 0);
		for (size_t i = 0; i < 3; i++)
			tk_groups_intern(b->lev, levels[i], strlen(levels[i]));
		b->lev_none = none_label(c->r, TK_LEVEL);
	}
}

static void
count_cell(struct bytrack *b, size_t gi, size_t li)
{
	struct cells *w;

	if (gi >= b->ncell) {
		size_t n = b->ncell;
		TK_GROW(b->cell, b->ncell, gi + 1);
		memset(b->cell + n, 0, (b->ncell - n) * sizeof(*b->cell));
	}
	w = &b->cell[gi];
	if (li >= w->cap) {
		size_t n = li + 8;
		w->n = tk_xrealloc(w->n, n * sizeof(*w->n));
		memset(w->n + w->cap, 0, (n - w->cap) * sizeof(*w->n));
		w->cap = n;
	}
	w->n[li]++;
}

/* Puts the current record in group name (n bytes). */
static void
join(struct bytrack *b, const char *name, size_t n, size_t li)
{
	size_t gi;

	if (tk_groups_add(b->g, name, n, &gi) && b->lev)
		count_cell(b, gi, li);
}

static void
add_record(struct bytrack *b, const struct tk_record *rec)
{
	const struct tk_str *v = &rec->f[b->by];
	struct tk_str item;
	size_t pos = 0, li = 0;
	int any = 0;

	b->ntalks++;
	tk_groups_next(b->g, rec);
	if (b->lev) {
		tk_groups_next(b->lev, NULL);
		tk_groups_add(b->lev, rec->f[TK_LEVEL].p, rec->f[TK_LEVEL].n,
		    &li);
	}
	if (!b->multi) {
		join(b, v->p, v->n, li);
		return;
	}
	/* Empty items are not speakers; a talk with none is in no group. */
	while (tk_next_of(b->by, v, &pos, &item)) {
		if (item.n == 0)
			continue;
		join(b, item.p, item.n, li);
		any = 1;
	}
	if (!any)
		join(b, "", 0, li);
}

static void
put_eol(struct bytrack *b)
{
	tk_out_putc(&b->c.out, b->c.nul ? '\0' : '\n');
}

static struct tk_str
label(const struct tk_groups *g, size_t i, const char *none)
{
	struct tk_str v = tk_groups_name(g, i);

	if (v.n == 0) {
		v.p = none;
		v.n = strlen(none);
	}
	return v;
}

static void
put_count(struct bytrack *b, size_t n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%zu", n);
	tk_out_puts(&b->c.out, buf);
}

static void
put_lists(struct bytrack *b, const size_t *ix)
{
	struct common *c = &b->c;
	struct tk_record rec;

	if (c->sort)
		tk_groups_sort(b->g, c->keys, c->nkeys, c->reverse);
	for (size_t k = 0; k < tk_groups_count(b->g); k++) {
		size_t i = ix[k];
		struct tk_str name = label(b->g, i, b->none);
		if (k > 0)
			put_eol(b);
		tk_put_flat(&c->out, &name);
		tk_out_puts(&c->out, " (");
		put_count(b, tk_groups_size(b->g, i));
		tk_out_putc(&c->out, ')');
		put_eol(b);
		for (size_t j = 0; j < tk_groups_size(b->g, i); j++) {
			tk_groups_member(b->g, i, j, &rec);
			tk_out_write(&c->out, "  ", 2);
			put_line(c, &rec);
		}
	}
}

static void
put_counts(struct bytrack *b, const size_t *ix)
{
	for (size_t k = 0; k < tk_groups_count(b->g); k++) {
		struct tk_str name = label(b->g, ix[k], b->none);
		put_count(b, tk_groups_size(b->g, ix[k]));
		tk_out_putc(&b->c.out, '\t');
		tk_put_flat(&b->c.out, &name);
		put_eol(b);
	}
}

/* The table of --levels: cells as strings, row 0 the header. */
struct table {
	size_t nrow, ncol;
	struct tk_str *v;         /* nrow * ncol */
	char (*num)[24];          /* the digits of the counts */
};

static size_t
cell_count(const struct bytrack *b, size_t gi, size_t li)
{
	if (gi >= b->ncell || li >= b->cell[gi].cap)
		return 0;
	return b->cell[gi].n[li];
}

static struct tk_str
number(struct table *t, size_t r, size_t col, size_t n)
{
	char *s = t->num[r * t->ncol + col];
	struct tk_str v;

	snprintf(s, sizeof(t->num[0]), "%zu", n);
	v.p = s;
	v.n = strlen(s);
	return v;
}

static void
make_table(struct bytrack *b, const size_t *ix, struct table *t)
{
	size_t nlev = tk_groups_count(b->lev), ng = tk_groups_count(b->g);
	size_t *lx = tk_groups_order(b->lev, TK_ORDER_INPUT, TK_LEVEL);
	const char *first = tk_colname(b->c.r, b->by);

	t->nrow = ng + 2;
	t->ncol = nlev + 2;
	t->v = tk_xcalloc(t->nrow * t->ncol, sizeof(*t->v));
	t->num = tk_xcalloc(t->nrow * t->ncol, sizeof(*t->num));
	t->v[0].p = first;
	t->v[0].n = strlen(first);
	for (size_t l = 0; l < nlev; l++)
		t->v[1 + l] = label(b->lev, lx[l], b->lev_none);
	t->v[nlev + 1].p = "Total";
	t->v[nlev + 1].n = 5;
	for (size_t k = 0; k < ng; k++) {
		struct tk_str *row = t->v + (k + 1) * t->ncol;
		row[0] = label(b->g, ix[k], b->none);
		for (size_t l = 0; l < nlev; l++)
			row[1 + l] = number(t, k + 1, 1 + l,
			    cell_count(b, ix[k], lx[l]));
		row[nlev + 1] = number(t, k + 1, nlev + 1,
		    tk_groups_size(b->g, ix[k]));
	}
	/* Each talk counts once here, even when it is in two groups. */
	struct tk_str *row = t->v + (ng + 1) * t->ncol;
	row[0].p = "Total";
	row[0].n = 5;
	for (size_t l = 0; l < nlev; l++)
		row[1 + l] = number(t, ng + 1, 1 + l,
		    tk_groups_size(b->lev, lx[l]));
	row[nlev + 1] = number(t, ng + 1, nlev + 1, b->ntalks);
	free(lx);
}

/* The width of v on a terminal: one column per UTF-8 character. */
static size_t
width(const struct tk_str *v)
{
	size_t w = 0;

	for (size_t i = 0; i < v->n; i++) {
		unsigned char ch = (unsigned char)v->p[i];
		if (ch == '\r' && i + 1 < v->n && v->p[i + 1] == '\n')
			continue;
		w += (ch & 0xc0) != 0x80;
	}
	return w;
}

static void
pad(struct tk_out *o, size_t n)
{
	while (n-- > 0)
		tk_out_putc(o, ' ');
}

/* Names left-aligned, counts right-aligned, two spaces between. */
static void
put_text_table(struct bytrack *b, const struct table *t)
{
	size_t *w = tk_xcalloc(t->ncol, sizeof(*w));

	for (size_t r = 0; r < t->nrow; r++)
		for (size_t k = 0; k < t->ncol; k++) {
			size_t n = width(&t->v[r * t->ncol + k]);
			if (n > w[k])
				w[k] = n;
		}
	for (size_t r = 0; r < t->nrow; r++) {
		const struct tk_str *row = t->v + r * t->ncol;
		for (size_t k = 0; k < t->ncol; k++) {
			size_t n = w[k] - width(&row[k]);
			if (k > 0)
				pad(&b->c.out, 2 + n);
			tk_put_flat(&b->c.out, &row[k]);
			if (k == 0)
				pad(&b->c.out, n);
		}
		put_eol(b);
	}
	free(w);
}

static void
put_levels(struct bytrack *b, const size_t *ix)
{
	struct table t;

	if (b->ntalks == 0)
		return;
	make_table(b, ix, &t);
	if (b->table == TABLE_TEXT) {
		put_text_table(b, &t);
	} else {
		const struct tk_str **p = tk_xcalloc(t.ncol, sizeof(*p));
		for (size_t r = 0; r < t.nrow; r++) {
			for (size_t k = 0; k < t.ncol; k++)
				p[k] = &t.v[r * t.ncol + k];
			tk_put_row(&b->c.out, p, t.ncol, b->table == TABLE_TSV ?
			    TK_TSV : TK_CSV, ',', b->c.nul ? "" : "\n");
			if (b->c.nul)
				tk_out_putc(&b->c.out, '\0');
		}
		free(p);
	}
	free(t.v);
	free(t.num);
}

static void
put_header(struct bytrack *b)
{
	struct tk_str name = { tk_colname(b->c.r, b->by), 0 };

	if (!b->c.header || b->form == FORM_LEVELS)
		return;
	if (b->form == FORM_LIST) {
		put_header_line(&b->c);
		return;
	}
	name.n = strlen(name.p);
	tk_out_puts(&b->c.out, "count\t");
	tk_put_flat(&b->c.out, &name);
	put_eol(b);
}

static void
cleanup(struct bytrack *b)
{
	tk_groups_free(b->g);
	tk_groups_free(b->lev);
	for (size_t i = 0; i < b->ncell; i++)
		free(b->cell[i].n);
	free(b->cell);
	free(b->none);
	free(b->lev_none);
}

int
cmd_by_track(int argc, char **argv)
{
	struct bytrack b;
	struct tk_record rec;
	struct tk_err e;
	size_t *ix;

	memset(&b, 0, sizeof(b));
	common_init(&b.c, "by-track", usage);
	parse_options(&b, argc, argv);
	argc -= optind;
	argv += optind;
	if (common_open(&b.c, argc, argv, "title,speaker,track,level") < 0) {
		common_finish(&b.c);
		return 2;
	}
	if (resolve_by(&b, &e) < 0) {
		common_finish(&b.c);
		misuse(&b.c, "--by: %s", e.msg);
	}
	drop_by_column(&b);
	want_columns(&b);
	make_groups(&b);
	while (common_next(&b.c, &rec))
		add_record(&b, &rec);
	/* Filters that select nothing end as grep does: status 1. */
	common_missed(&b.c);
	if (b.c.watch && b.ntalks == 0 && b.c.status == 0)
		b.c.status = 1;
	unclash(&b.none, b.g);
	unclash(&b.lev_none, b.lev);
	put_header(&b);
	ix = tk_groups_order(b.g, b.order, b.by);
	if (b.form == FORM_LIST)
		put_lists(&b, ix);
	else if (b.form == FORM_COUNT)
		put_counts(&b, ix);
	else
		put_levels(&b, ix);
	free(ix);
	cleanup(&b);
	return common_finish(&b.c);
}
