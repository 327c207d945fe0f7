/* list.c - talks list: one line per talk, the fields chosen. */
#include <stdio.h>

#include "cmd.h"

static const char usage[] =
    "usage: talks list [-0cr] [-f FIELDS] [-s FIELDS] [--header]\n"
    "                  [--track NAME] [--level NAME] [--speaker NAME]\n"
    "                  [--csv | --tsv | -d CHAR] [--tsv-escapes on|off]\n"
    "                  [--map FIELD=HEADER] [--unguard] [--encoding NAME]\n"
    "                  [FILE ...]\n";

/* Prints the records sorted; they must all be read first. */
static void
list_sorted(struct common *c)
{
	struct tk_record rec;
	struct tk_rows *rows = common_sorted(c, NULL, 0);

	for (size_t i = 0; i < tk_rows_count(rows); i++) {
		tk_rows_get(rows, i, &rec);
		put_line(c, &rec);
	}
	tk_rows_free(rows);
}

int
cmd_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		COMMON_LONG,
		{ "count", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct common c;
	struct tk_record rec;
	int opt, count = 0;
	unsigned long long n = 0;

	common_init(&c, "list", usage);
	while ((opt = getopt_long(argc, argv, ":c" COMMON_SHORT, longopts,
	    NULL)) != -1) {
		if (common_option(&c, opt, optarg, argv))
			continue;
		if (opt == 'c')
			count = 1;
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
	common_want(&c, count ? 0 : WANT_PRINTED | WANT_SORTED, NULL, 0);
	if (c.header && !count)
		put_header_line(&c);
	if (count) {
		while (common_next(&c, &rec))
			n++;
		char buf[32];
		snprintf(buf, sizeof(buf), "%llu\n", n);
		tk_out_puts(&c.out, buf);
	} else if (c.sort) {
		list_sorted(&c);
	} else {
		while (common_next(&c, &rec))
			put_line(&c, &rec);
	}
	return common_finish(&c);
}
