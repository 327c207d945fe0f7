/* import.c - talks import: records from a page of talks as published. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const char usage[] =
    "usage: talks import [-v] [--lenient] [-t csv | tsv] [FILE ...]\n";

enum { OPT_LENIENT = OPT_LOCAL };

/* The columns written, in order. */
static const int columns[] = {
	TK_TITLE, TK_SPEAKER, TK_TRACK, TK_LEVEL, TK_DESCRIPTION,
	TK_ABSTRACT, TK_BIO
};

#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

struct import {
	struct common c;
	enum tk_dialect form;
	int verbose, lenient;
};

static void
put_header(struct import *im)
{
	struct tk_str names[NCOLUMNS];
	const struct tk_str *v[NCOLUMNS];

	for (size_t i = 0; i < NCOLUMNS; i++) {
		names[i].p = tk_canon_name(columns[i]);
		names[i].n = strlen(names[i].p);
		v[i] = &names[i];
	}
	tk_put_row(&im->c.out, v, NCOLUMNS, im->form, ',', "\n");
}

static void
put_talk(struct import *im, const struct tk_talk *t)
{
	const struct tk_str *v[NCOLUMNS] = { &t->title, &t->speaker,
	    &t->track, &t->level, &t->description, &t->abstract, &t->bio };

	tk_put_row(&im->c.out, v, NCOLUMNS, im->form, ',', "\n");
}

/* Reports e as a warning: "talks: FILE:LINE: warning: message". */
static void
warn(const struct tk_err *e)
{
	static const char pre[] = "warning: ";
	struct tk_err w = *e;
	size_t n = strlen(e->msg), room = sizeof(w.msg) - sizeof(pre);

	if (n > room)
		n = room;
	memcpy(w.msg, pre, sizeof(pre) - 1);
	memcpy(w.msg + sizeof(pre) - 1, e->msg, n);
	w.msg[sizeof(pre) - 1 + n] = '\0';
	report(&w);
}

/* Writes the talks of one page. */
static void
import_page(struct import *im, const char *path)
{
	struct tk_page *p = tk_page_open(path, im->c.in.max_record);
	struct tk_talk t;
	struct tk_err e;
	const char *name = NULL;   /* the file's, from a skipped block */
	enum tk_page_event ev;
	unsigned long talks = 0, skipped = 0;

	while ((ev = tk_page_next(p, &t, &e)) != TK_PAGE_END) {
		switch (ev) {
		case TK_PAGE_TALK:
			put_talk(im, &t);
			talks++;
			break;
		case TK_PAGE_SKIP:
			if (im->verbose)
				report(&e);
			name = e.file;
			skipped++;
			break;
		case TK_PAGE_BAD:
			if (im->lenient) {
				warn(&e);
				break;
			}
			/* FALLTHROUGH */
		default:
			report(&e);
			im->c.status = 2;
			break;
		}
	}
	/* Text and not one talk: most likely not a talk page at all. */
	if (talks == 0 && skipped > 0) {
		tk_fail(&e, name, 0, 0, "no talk in %lu block%s of text "
		    "(not a talk page? see talks-import(1))", skipped,
		    skipped == 1 ? "" : "s");
		if (im->lenient) {
			warn(&e);
		} else {
			report(&e);
			im->c.status = 2;
		}
	}
	tk_page_close(p);
}

int
cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lenient", no_argument, NULL, OPT_LENIENT },
		{ "to", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 }
	};
	struct import im;
	int opt;

	memset(&im, 0, sizeof(im));
	common_init(&im.c, "import", usage);
	im.form = TK_CSV;
	while ((opt = getopt_long(argc, argv, ":t:v", longopts, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (strcmp(optarg, "csv") == 0)
				im.form = TK_CSV;
			else if (strcmp(optarg, "tsv") == 0)
				im.form = TK_TSV;
			else
				misuse(&im.c, "unknown type '%s': use csv or "
				    "tsv", optarg);
			break;
		case 'v':
			im.verbose = 1;
			break;
		case OPT_LENIENT:
			im.lenient = 1;
			break;
		default:
			common_option(&im.c, opt, optarg, argv);
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (common_input_files(&im.c, &argc, &argv) < 0) {
		common_finish(&im.c);
		return 2;
	}
	put_header(&im);
	for (int i = 0; i < argc; i++)
		import_page(&im, argv[i]);
	return common_finish(&im.c);
}
