/*
 * export.c - talks export: the records in the format the next tool wants.
 *
 * This file holds the table of formats and the options of them all; it
 * parses the options, opens the input, and runs the chosen format:
 * gather.c gathers its outputs as its table entry says, outdir.c sends
 * them where they go, and the format (fmt_NAME.c) renders them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"

/* The formats, in the order --help and the messages list them. */
#define EXPORT_ROW(name) &fmt_##name,
static const struct format *const formats[] = { EXPORT_FORMATS(EXPORT_ROW) };

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

enum {
	OPT_EXCEL = OPT_LOCAL, OPT_LONG, OPT_SPLIT, OPT_TZ, OPT_CONFERENCE,
	OPT_ACRONYM, OPT_TEMPLATE, OPT_EACH, OPT_UNIQUE, OPT_PAGE,
	OPT_OUTPUT_DIR, OPT_NAME, OPT_DATE_ORDER, OPT_DAY_CHANGE, OPT_ESCAPE,
	OPT_QUOTED, OPT_BY, OPT_LAYOUT, OPT_ROOMS, OPT_LANG, OPT_CSS, OPT_LOGO,
	OPT_MARKUP
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
    "                    [--escape none|xml|html|latex|csv|shell]"
    " [--quoted]\n"
    "                    [--by FIELD] [--layout grid|list] [--rooms LIST]\n"
    "                    [--lang TAG] [--css FILE] [--logo FILE]\n"
    "                    [--markup text|markdown|html]\n"
    "                    [--track NAME] [--level NAME] [--speaker NAME]\n"
    "                    [--speaker-sep SEP] [--speakers FILE]\n"
    "                    [--csv | --tsv | -d CHAR] [--tsv-escapes on|off]\n"
    "                    [--map FIELD=HEADER] [--unguard] [--encoding NAME]\n"
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
	const struct format *to[7];   /* the formats that read it */
} applies[] = {
	{ OPT_EXCEL, "--excel", { &fmt_csv } },
	{ OPT_LONG, "--long", { &fmt_markdown } },
	{ OPT_SPLIT, "--split-speakers", { &fmt_json, &fmt_jsonl } },
	{ OPT_TZ, "--tz", { &fmt_ics, &fmt_frab, &fmt_html } },
	{ OPT_DATE_ORDER, "--date-order", { &fmt_ics, &fmt_frab, &fmt_html } },
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
	{ OPT_ESCAPE, "--escape", { &fmt_template } },
	{ OPT_QUOTED, "--quoted", { &fmt_tsv } },
	{ OPT_BY, "--by", { &fmt_markdown, &fmt_html } },
	{ OPT_LAYOUT, "--layout", { &fmt_html } },
	{ OPT_ROOMS, "--rooms", { &fmt_html } },
	{ OPT_LANG, "--lang", { &fmt_html } },
	{ OPT_CSS, "--css", { &fmt_html } },
	{ OPT_LOGO, "--logo", { &fmt_html } },
	{ OPT_MARKUP, "--markup", { &fmt_csv, &fmt_tsv, &fmt_json, &fmt_jsonl,
	    &fmt_markdown, &fmt_html, &fmt_ics } },
};

#define NTO (sizeof(applies[0].to) / sizeof(applies[0].to[0]))

/* Stops with a usage error when an option given does not apply to f. */
static void
check_applies(const struct common *c, unsigned seen, const struct format *f)
{
	for (size_t i = 0; i < sizeof(applies) / sizeof(applies[0]); i++) {
		const struct format *const *to = applies[i].to;
		char list[NTO * 20];
		size_t k, o = 0;

		if (!(seen & 1u << (applies[i].opt - OPT_LOCAL)))
			continue;
		for (k = 0; k < NTO && to[k] && to[k] != f; k++)
			;
		if (k < NTO && to[k])
			continue;
		list[0] = '\0';
		for (k = 0; k < NTO && to[k]; k++)
			o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
			    k ? ", " : "", to[k]->name);
		misuse(c, "%s does not apply to -t %s (formats: %s)",
		    applies[i].name, f->name, list);
	}
}

static enum layout
layout(const struct common *c, const char *arg)
{
	static const char *const names[] = { "grid", "list", NULL };
	static const enum layout layouts[] = { LAYOUT_GRID, LAYOUT_LIST };

	return layouts[common_choice(c, arg, names,
	    "bad --layout '%s': give grid or list")];
}

static enum tk_date_order
date_order(const struct common *c, const char *arg)
{
	static const char *const names[] = { "dmy", "mdy", "ymd", NULL };
	static const enum tk_date_order orders[] = { TK_DATES_DMY,
		TK_DATES_MDY, TK_DATES_YMD };

	return orders[common_choice(c, arg, names,
	    "bad --date-order '%s': give dmy, mdy or ymd")];
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

/* The options, for getopt, --help and completion (main.c). */
const char export_shortopts[] = ":t:v" COMMON_SHORT;
const struct option export_longopts[] = {
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
	{ "escape", required_argument, NULL, OPT_ESCAPE },
	{ "quoted", no_argument, NULL, OPT_QUOTED },
	{ "by", required_argument, NULL, OPT_BY },
	{ "layout", required_argument, NULL, OPT_LAYOUT },
	{ "rooms", required_argument, NULL, OPT_ROOMS },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "css", required_argument, NULL, OPT_CSS },
	{ "logo", required_argument, NULL, OPT_LOGO },
	{ "markup", required_argument, NULL, OPT_MARKUP },
	{ NULL, 0, NULL, 0 }
};

static void
parse_options(struct common *c, struct export_opts *o, unsigned *seen,
    int argc, char **argv)
{
	int opt;

	while ((opt = getopt_long(argc, argv, export_shortopts,
	    export_longopts, NULL)) != -1) {
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
		case OPT_ESCAPE: o->escape = optarg; break;
		case OPT_QUOTED: o->quoted = 1; break;
		case OPT_BY: o->by = optarg; break;
		case OPT_LAYOUT: o->layout = layout(c, optarg); break;
		case OPT_ROOMS: o->rooms = optarg; break;
		case OPT_LANG: o->lang = optarg; break;
		case OPT_CSS: o->css = optarg; break;
		case OPT_LOGO: o->logo = optarg; break;
		case OPT_MARKUP:
			o->markup = markup_parse(c, optarg);
			o->markup_given = 1;
			break;
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
	for (size_t i = 0; i < x->c->ncols; i++) {
		size_t col = x->c->cols[i];
		x->row[i] = &rec->f[col];
		if (x->plain && (col == TK_DESCRIPTION || col == TK_ABSTRACT ||
		    col == TK_BIO)) {
			x->plain_v[i] = markup_plain(x, &rec->f[col],
			    &x->plain[i]);
			x->row[i] = &x->plain_v[i];
		}
	}
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
	export_warn_repl(rec, &(struct tk_repl){ 1, 0 });
}

void
export_warn_repl(const struct tk_record *rec, const struct tk_repl *r)
{
	struct tk_err e;

	if (r->utf8) {
		tk_fail(&e, rec->file, rec->line, 0, "invalid UTF-8 replaced");
		report(&e);
	}
	if (r->ctrl) {
		tk_fail(&e, rec->file, rec->line, 0,
		    "control character replaced");
		report(&e);
	}
}

int
export_blank(const struct tk_str *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->p[i] != ' ' && v->p[i] != '\t' && v->p[i] != '\r' &&
		    v->p[i] != '\n')
			return 0;
	return 1;
}

int
export_is_text(size_t col, const struct tk_str *v)
{
	return col == TK_DESCRIPTION || col == TK_ABSTRACT || col == TK_BIO ||
	    memchr(v->p, '\n', v->n) || memchr(v->p, '\r', v->n);
}

unsigned long long
export_hash(unsigned long long h, const struct tk_str *v)
{
	for (size_t i = 0; i < v->n; i++) {
		h ^= (unsigned char)v->p[i];
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;
	return h * 0x100000001b3ULL;
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

/*
 * Checks the options in a fixed order (the format's own, --each and
 * --unique, --output-dir), sets the format up, gathers and renders the
 * outputs and ends the format; returns the number of records in *n and
 * -1 when something failed.
 */
static int
run(struct exporter *x, unsigned long long *n)
{
	const struct format *f = x->f;
	int rc;

	if (f->check)
		f->check(x);
	gather_speakers(x);
	outdir_check(x);
	/* A talk is scheduled by its start (see talks(5)). */
	if (f->gather == GATHER_SCHEDULED) {
		char why[64];
		snprintf(why, sizeof(why), "-t %s needs to place talks in time",
		    f->name);
		if (common_need(x->c, TK_START, why) < 0)
			return -1;
	}
	if (f->begin && f->begin(x) < 0)
		return -1;
	if (outdir_open(x) < 0) {
		if (f->end)
			f->end(x);
		return -1;
	}
	rc = gather(x, n);
	if (f->end && f->end(x) < 0)
		rc = -1;
	outdir_close(x);
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
	x.f = f;
	x.out = &c.out;
	x.names = tk_xcalloc(c.ncols + 1, sizeof(*x.names));
	x.row = tk_xcalloc(c.ncols + 1, sizeof(*x.row));
	if (o.markup_given && o.markup != MARKUP_TEXT) {
		x.plain = tk_xcalloc(c.ncols + 1, sizeof(*x.plain));
		x.plain_v = tk_xcalloc(c.ncols + 1, sizeof(*x.plain_v));
		for (size_t i = 0; i < c.ncols; i++)
			tk_out_init_mem(&x.plain[i]);
	}
	for (size_t i = 0; i < c.ncols; i++) {
		x.names[i].p = tk_colname(c.r, c.cols[i]);
		x.names[i].n = strlen(x.names[i].p);
	}
	if (run(&x, &n) < 0)
		c.status = 2;
	else
		common_missed(&c);  /* selecting none is no error here */
	if (o.verbose)
		fprintf(stderr, "talks export: %llu records as %s\n", n,
		    f->name);
	free(x.names);
	free(x.row);
	for (size_t i = 0; x.plain && i < c.ncols; i++)
		tk_out_free(&x.plain[i]);
	free(x.plain);
	free(x.plain_v);
	return common_finish(&c);
}
