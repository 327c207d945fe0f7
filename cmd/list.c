/* list.c - talks list: one line per talk, the fields chosen. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

static const char usage[] =
    "usage: talks list [-0cr] [-f FIELDS] [-s FIELDS] [--header]\n"
    "                  [--each speaker] [--speaker-sep SEP] [--speakers FILE]\n"
    "                  [--markup text|markdown|html]\n"
    "                  [--track NAME] [--level NAME] [--speaker NAME]\n"
    "                  [--csv | --tsv | -d CHAR] [--tsv-escapes on|off]\n"
    "                  [--map FIELD=HEADER] [--unguard] [--encoding NAME]\n"
    "                  [FILE ...]\n";

enum { OPT_EACH = OPT_LOCAL, OPT_MARKUP };

struct lister {
	struct common *c;
	int each;                 /* --each speaker */
	int count;                /* -c */
	unsigned long long n;     /* the lines, for -c */
	unsigned long long talks; /* the talks selected */
	enum markup markup;       /* --markup */
	struct tk_str *fv;        /* with --markup: a record's values */
	struct tk_out text[3];    /* and its texts as plain text */
};

/* Writes rec's line, its texts as --markup says. */
static void
put_text_line(struct lister *l, const struct tk_record *rec)
{
	struct tk_record plain;

	if (l->markup == MARKUP_TEXT) {
		put_line(l->c, rec);
		return;
	}
	if (l->fv == NULL) {
		l->fv = tk_xcalloc(rec->nf + 1, sizeof(*l->fv));
		for (size_t i = 0; i < 3; i++)
			tk_out_init_mem(&l->text[i]);
	}
	markup_record(l->markup, rec, l->fv, l->text, &plain);
	put_line(l->c, &plain);
}

/* The line of speaker p of talk rec. */
static int
put_person(void *ctx, const struct tk_record *rec, const struct tk_person *p)
{
	struct lister *l = ctx;
	struct tk_record one;

	l->n++;
	if (!l->count) {
		common_person_record(l->c, rec, p, &one);
		put_text_line(l, &one);
	}
	return 0;
}

/* The line of a talk, or with --each one line per speaker. */
static void
put_talk(struct lister *l, const struct tk_record *rec)
{
	l->talks++;
	if (l->each) {
		common_each_person(rec, put_person, l);
		return;
	}
	l->n++;
	if (!l->count)
		put_text_line(l, rec);
}

/* Prints the records sorted; they must all be read first. */
static void
list_sorted(struct lister *l)
{
	struct tk_record rec;
	struct tk_rows *rows = common_sorted(l->c, each_cols,
	    l->each ? 4 : 0);

	for (size_t i = 0; i < tk_rows_count(rows); i++) {
		tk_rows_get(rows, i, &rec);
		put_talk(l, &rec);
	}
	tk_rows_free(rows);
}

/* The options, for getopt, --help and completion (main.c). */
const char list_shortopts[] = ":c" COMMON_SHORT;
const struct option list_longopts[] = {
	COMMON_LONG,
	{ "count", no_argument, NULL, 'c' },
	{ "each", required_argument, NULL, OPT_EACH },
	{ "markup", required_argument, NULL, OPT_MARKUP },
	{ NULL, 0, NULL, 0 }
};

int
cmd_list(int argc, char **argv)
{
	struct common c;
	struct lister l = { .c = &c, .markup = MARKUP_TEXT };
	struct tk_record rec;
	int opt;

	common_init(&c, "list", usage);
	while ((opt = getopt_long(argc, argv, list_shortopts,
	    list_longopts, NULL)) != -1) {
		if (common_option(&c, opt, optarg, argv))
			continue;
		if (opt == 'c')
			l.count = 1;
		if (opt == OPT_MARKUP)
			l.markup = markup_parse(&c, optarg);
		if (opt == OPT_EACH) {
			common_parse_each(&c, optarg);
			l.each = 1;
		}
	}
	argc -= optind;
	argv += optind;
	if (c.reverse && c.sort == NULL)
		misuse(&c, "-r needs -s");
	if (common_open(&c, argc, argv, "title,speaker,track,level") < 0) {
		common_finish(&c);
		return 2;
	}
	/* Long abstracts that are not printed need not be decoded. */
	common_want(&c, l.count ? 0 : WANT_PRINTED | WANT_SORTED,
	    each_cols, l.each ? 4 : 0);
	if (c.header && !l.count)
		put_header_line(&c);
	if (c.sort && !l.count) {
		list_sorted(&l);
	} else {
		while (common_next(&c, &rec))
			put_talk(&l, &rec);
	}
	if (l.count) {
		char buf[32];
		snprintf(buf, sizeof(buf), "%llu\n", l.n);
		tk_out_puts(&c.out, buf);
	}
	/* Filters that select nothing end as grep does: status 1. */
	common_missed(&c);
	if (c.watch && l.talks == 0 && c.status == 0)
		c.status = 1;
	for (size_t i = 0; l.fv && i < 3; i++)
		tk_out_free(&l.text[i]);
	free(l.fv);
	return common_finish(&c);
}
