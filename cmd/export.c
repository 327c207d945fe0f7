/*
 * export.c - talks export: the records in the format the next tool wants.
 *
 * This file parses the options of every format, opens the input and
 * hands the selected records to the chosen format one by one: as they
 * are read, so that large inputs stream, or all sorted with -s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"

/* The formats, in the order --help and the messages list them. */
static const struct format *const formats[] = {
	&fmt_csv,
	&fmt_tsv,
	&fmt_json,
	&fmt_jsonl,
	&fmt_markdown,
	&fmt_html,
	&fmt_ics,
	&fmt_frab,
	&fmt_template,
	&fmt_mbox,
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

enum {
	OPT_EXCEL = OPT_LOCAL, OPT_LONG, OPT_SPLIT, OPT_TZ, OPT_CONFERENCE,
	OPT_ACRONYM, OPT_TEMPLATE, OPT_EACH, OPT_UNIQUE, OPT_PAGE,
	OPT_OUTPUT_DIR, OPT_NAME, OPT_DATE_ORDER, OPT_DAY_CHANGE
};

static const char synopsis[] =
    "usage: talks export -t FORMAT [-0rv] [-f FIELDS] [-s FIELDS]\n"
    "                    [--excel] [--long] [--split-speakers]\n"
    "                    [--tz ZONE] [--date-order dmy|mdy|ymd]\n"
    "                    [--day-change HH:MM] [--conference NAME]"
    " [--acronym ID]\n"
    "                    [--template TEXT|@FILE] [--each speaker]"
    " [--unique]\n"
    "                    [--page] [--output-dir DIR] [--name TEMPLATE]\n"
    "                    [--track NAME] [--level NAME] [--speaker NAME]\n"
    "                    [--csv | --tsv | -d CHAR] [--tsv-escapes on|off]\n"
    "                    [FILE ...]\n"
    "formats:\n";

/* The usage text with one line per format (static storage). */
static const char *
usage_text(void)
{
	static char buf[sizeof(synopsis) + NFORMATS * 100];
	size_t o = strlen(synopsis);

	memcpy(buf, synopsis, o + 1);
	for (size_t i = 0; i < NFORMATS && o < sizeof(buf); i++) {
		int k = snprintf(buf + o, sizeof(buf) - o, "  %-10s %s\n",
		    formats[i]->name, formats[i]->summary);
		if (k < 0)
			break;
		o += (size_t)k;
	}
	return buf;
}

/* "csv, tsv, ..." for messages (static storage). */
static const char *
format_names(void)
{
	static char buf[NFORMATS * 20];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NFORMATS && o < sizeof(buf); i++) {
		int k = snprintf(buf + o, sizeof(buf) - o, "%s%s",
		    i ? ", " : "", formats[i]->name);
		if (k < 0)
			break;
		o += (size_t)k;
	}
	return buf;
}

static const struct format *
find_format(const struct common *c, const char *name)
{
	if (name == NULL)
		misuse(c, "no format: give -t FORMAT (formats: %s)",
		    format_names());
	for (size_t i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	misuse(c, "unknown format '%s' (formats: %s)", name, format_names());
}

/*
 * The options that only some formats read: giving one to another format
 * is an error rather than an option silently ignored.
 */
static const struct {
	int opt;
	const char *name;
	const struct format *to[3];   /* the formats that read it */
} applies[] = {
	{ OPT_EXCEL, "--excel", { &fmt_csv } },
	{ OPT_LONG, "--long", { &fmt_markdown } },
	{ OPT_SPLIT, "--split-speakers", { &fmt_json, &fmt_jsonl } },
	{ OPT_TZ, "--tz", { &fmt_ics, &fmt_frab } },
	{ OPT_DATE_ORDER, "--date-order", { &fmt_ics, &fmt_frab } },
	{ OPT_DAY_CHANGE, "--day-change", { &fmt_frab } },
	{ OPT_CONFERENCE, "--conference", { &fmt_html, &fmt_frab } },
	{ OPT_ACRONYM, "--acronym", { &fmt_frab } },
	{ OPT_TEMPLATE, "--template", { &fmt_template, &fmt_mbox } },
	{ OPT_EACH, "--each", { &fmt_template, &fmt_mbox, &fmt_ics } },
	{ OPT_UNIQUE, "--unique", { &fmt_template, &fmt_mbox } },
	{ OPT_PAGE, "--page", { &fmt_template, &fmt_mbox } },
	{ OPT_OUTPUT_DIR, "--output-dir", { &fmt_template, &fmt_mbox,
	    &fmt_ics } },
	{ OPT_NAME, "--name", { &fmt_template, &fmt_mbox, &fmt_ics } },
};

/* Stops with a usage error when an option given does not apply to f. */
static void
check_applies(const struct common *c, unsigned seen, const struct format *f)
{
	for (size_t i = 0; i < sizeof(applies) / sizeof(applies[0]); i++) {
		const struct format *const *to = applies[i].to;
		if (!(seen & 1u << (applies[i].opt - OPT_LOCAL)) ||
		    to[0] == f || to[1] == f || to[2] == f)
			continue;
		misuse(c, "%s does not apply to -t %s (formats: %s%s%s%s%s)",
		    applies[i].name, f->name, to[0]->name, to[1] ? ", " : "",
		    to[1] ? to[1]->name : "", to[2] ? ", " : "",
		    to[2] ? to[2]->name : "");
	}
}

static enum tk_date_order
date_order(const struct common *c, const char *arg)
{
	static const char *const names[] = { "dmy", "mdy", "ymd" };
	static const enum tk_date_order orders[] = { TK_DATES_DMY,
		TK_DATES_MDY, TK_DATES_YMD };

	for (size_t i = 0; i < 3; i++)
		if (strcmp(arg, names[i]) == 0)
			return orders[i];
	misuse(c, "bad --date-order '%s': give dmy, mdy or ymd", arg);
}

/* --day-change HH:MM: seconds after midnight. */
static long
day_change(const struct common *c, const char *arg)
{
	struct tk_str v = { arg, strlen(arg) };
	struct tk_stamp t;

	if (tk_parse_stamp(&v, TK_DATES_AUTO, &t) < 0 || t.has_date ||
	    t.hour > 23)
		misuse(c, "bad --day-change '%s': give a time such as 04:00",
		    arg);
	return t.hour * 3600L + t.min * 60L + t.sec;
}

static void
parse_options(struct common *c, struct export_opts *o, unsigned *seen,
    int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONG,
		{ "to", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "long", no_argument, NULL, OPT_LONG },
		{ "split-speakers", no_argument, NULL, OPT_SPLIT },
		{ "tz", required_argument, NULL, OPT_TZ },
		{ "date-order", required_argument, NULL, OPT_DATE_ORDER },
		{ "day-change", required_argument, NULL, OPT_DAY_CHANGE },
		{ "conference", required_argument, NULL, OPT_CONFERENCE },
		{ "acronym", required_argument, NULL, OPT_ACRONYM },
		{ "template", required_argument, NULL, OPT_TEMPLATE },
		{ "each", required_argument, NULL, OPT_EACH },
		{ "unique", no_argument, NULL, OPT_UNIQUE },
		{ "page", no_argument, NULL, OPT_PAGE },
		{ "output-dir", required_argument, NULL, OPT_OUTPUT_DIR },
		{ "name", required_argument, NULL, OPT_NAME },
		{ NULL, 0, NULL, 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, ":t:v" COMMON_SHORT, longopts,
	    NULL)) != -1) {
		if (common_option(c, opt, optarg, argv))
			continue;
		if (opt >= OPT_LOCAL)
			*seen |= 1u << (opt - OPT_LOCAL);
		switch (opt) {
		case 't': o->format = optarg; break;
		case 'v': o->verbose = 1; break;
		case OPT_EXCEL: o->excel = 1; break;
		case OPT_LONG: o->long_form = 1; break;
		case OPT_SPLIT: o->split_speakers = 1; break;
		case OPT_TZ: o->tz = optarg; break;
		case OPT_DATE_ORDER: o->order = date_order(c, optarg); break;
		case OPT_DAY_CHANGE: o->day_change = day_change(c, optarg);
			break;
		case OPT_CONFERENCE: o->conference = optarg; break;
		case OPT_ACRONYM: o->acronym = optarg; break;
		case OPT_TEMPLATE: o->template_arg = optarg; break;
		case OPT_EACH: o->each = optarg; break;
		case OPT_UNIQUE: o->unique = 1; break;
		case OPT_PAGE: o->page = 1; break;
		case OPT_OUTPUT_DIR: o->output_dir = optarg; break;
		case OPT_NAME: o->name = optarg; break;
		}
	}
}

/* Drops the default fields that no input has. */
static void
drop_absent(struct common *c)
{
	size_t k = 0;

	for (size_t i = 0; i < c->ncols; i++)
		if (tk_col_present(c->r, c->cols[i]))
			c->cols[k++] = c->cols[i];
	c->ncols = k;
}

const struct tk_str *const *
export_names(struct exporter *x)
{
	for (size_t i = 0; i < x->c->ncols; i++)
		x->row[i] = &x->names[i];
	return x->row;
}

const struct tk_str *const *
export_values(struct exporter *x, const struct tk_record *rec)
{
	for (size_t i = 0; i < x->c->ncols; i++)
		x->row[i] = &rec->f[x->c->cols[i]];
	return x->row;
}

int
export_stamp(struct exporter *x, long long *t)
{
	struct tk_err e;

	if (x->o->source_date == NULL || *x->o->source_date == '\0') {
		*t = (long long)time(NULL);
		return 0;
	}
	if (tk_parse_epoch("SOURCE_DATE_EPOCH", x->o->source_date, t,
	    &e) < 0) {
		report(&e);
		return -1;
	}
	return 0;
}

void
export_warn_utf8(struct exporter *x, const struct tk_record *rec)
{
	struct tk_err e;

	(void)x;
	tk_fail(&e, rec->file, rec->line, 0, "invalid UTF-8 replaced");
	report(&e);
}

int
export_next_line(const struct tk_str *v, size_t *pos, struct tk_str *line)
{
	size_t i = *pos;

	if (i > v->n)
		return 0;
	line->p = v->p + i;
	while (i < v->n && v->p[i] != '\n' && v->p[i] != '\r')
		i++;
	line->n = (size_t)(v->p + i - line->p);
	if (i + 1 < v->n && v->p[i] == '\r' && v->p[i + 1] == '\n')
		i++;
	*pos = i + 1;
	return 1;
}

struct tk_groups *
export_groups_new(struct exporter *x)
{
	size_t *kept = tk_xcalloc(TK_NCANON + x->c->ncols, sizeof(*kept));
	size_t n = 0;
	struct tk_groups *g;

	for (size_t i = 0; i < TK_NCANON; i++)
		kept[n++] = i;
	for (size_t i = 0; i < x->c->ncols; i++)
		if (x->c->cols[i] >= TK_NCANON)
			kept[n++] = x->c->cols[i];
	g = tk_groups_new(x->c->r, kept, n);
	free(kept);
	return g;
}

struct tk_rows *
export_rows_all(struct exporter *x)
{
	size_t n = tk_ncols(x->c->r);
	size_t *cols = tk_xcalloc(n ? n : 1, sizeof(*cols));
	struct tk_rows *rows;

	for (size_t i = 0; i < n; i++)
		cols[i] = i;
	rows = tk_rows_new(x->c->r, cols, n);
	free(cols);
	return rows;
}

void
export_groups_add(struct tk_groups *g, const struct tk_record *rec)
{
	tk_groups_next(g, rec);
	tk_groups_add(g, rec->f[TK_TRACK].p, rec->f[TK_TRACK].n, NULL);
}

/*
 * Hands every selected record to f and counts them in *n; returns -1
 * when f failed.
 */
static int
run(struct exporter *x, const struct format *f, unsigned long long *n)
{
	struct common *c = x->c;
	struct tk_record rec;
	int rc = 0;

	if (c->sort == NULL) {
		while (common_next(c, &rec)) {
			++*n;
			if (f->record(x, &rec) < 0)
				return -1;
		}
		return 0;
	}
	/* Formats read columns beyond the chosen ones (frab's guid, ...). */
	size_t ncols = tk_ncols(c->r);
	size_t *all = tk_xcalloc(ncols + 1, sizeof(*all));
	for (size_t i = 0; i < ncols; i++)
		all[i] = i;
	struct tk_rows *rows = common_sorted(c, all, ncols);
	free(all);
	for (size_t i = 0; i < tk_rows_count(rows); i++) {
		tk_rows_get(rows, i, &rec);
		++*n;
		if ((rc = f->record(x, &rec)) < 0)
			break;
	}
	tk_rows_free(rows);
	return rc;
}

int
cmd_export(int argc, char **argv)
{
	struct common c;
	struct export_opts o;
	struct exporter x;
	const struct format *f;
	unsigned long long n = 0;
	unsigned seen = 0;

	memset(&o, 0, sizeof(o));
	memset(&x, 0, sizeof(x));
	/* The library reads no environment: what it needs is passed. */
	o.source_date = getenv("SOURCE_DATE_EPOCH");
	o.tzdir = getenv("TZDIR");
	common_init(&c, "export", usage_text());
	parse_options(&c, &o, &seen, argc, argv);
	argc -= optind;
	argv += optind;
	f = find_format(&c, o.format);
	check_applies(&c, seen, f);
	if (c.reverse && c.sort == NULL)
		misuse(&c, "-r needs -s");
	if (common_open(&c, argc, argv, f->fields) < 0) {
		common_finish(&c);
		return 2;
	}
	if (c.fields == NULL && f->fields)
		drop_absent(&c);
	x.c = &c;
	x.o = &o;
	x.names = tk_xcalloc(c.ncols + 1, sizeof(*x.names));
	x.row = tk_xcalloc(c.ncols + 1, sizeof(*x.row));
	for (size_t i = 0; i < c.ncols; i++) {
		x.names[i].p = tk_colname(c.r, c.cols[i]);
		x.names[i].n = strlen(x.names[i].p);
	}
	if (f->begin(&x) < 0) {
		c.status = 2;
	} else {
		int rc = run(&x, f, &n);
		if (f->end(&x) < 0 || rc < 0)
			c.status = 2;
	}
	if (o.verbose)
		fprintf(stderr, "talks export: %llu records as %s\n", n,
		    f->name);
	free(x.names);
	free(x.row);
	return common_finish(&c);
}
