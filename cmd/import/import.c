/*
 * import.c - talks import: records from the forms in which conferences
 * publish their talks: a page of text, the frab schedule XML and JSON,
 * pretalx's REST API and Sessionize's API JSON.
 *
 * This file is the driver: options, the two passes that import.h
 * describes over each file, the header row and --speakers-out.  The
 * files and their forms are input.c's; each form has a file of its own.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import.h"

static const char usage[] =
    "usage: talks import [-v] [--lenient] [--from FORM] [-t csv | tsv]\n"
    "                    [--speakers-out FILE] [FILE ...]\n"
    "forms: page, frab, frab-json, pretalx, sessionize"
    " (default: from the content)\n";

enum { OPT_LENIENT = OPT_LOCAL, OPT_FROM, OPT_SPEAKERS_OUT };

/* Runs the reader of in's form on it; 0, or -1 after reporting. */
static int
run(struct import *im, struct input *in, int fd, json_t *doc)
{
	struct tk_buf b = { 0 };
	int rc;

	im->records = 0;
	im->line = 0;
	im->what[0] = '\0';
	if (in->form == FORM_PAGE) {
		input_close(fd);
		if (strcmp(in->path, "-") == 0 &&
		    lseek(STDIN_FILENO, im->stdin_at, SEEK_SET) < 0)
			return -1;
		return read_page(im, in);
	}
	if (in->form == FORM_FRAB) {
		in->fd = fd;
		rc = read_frab_xml(im, in);
		input_close(fd);
		return rc;
	}
	if (doc == NULL) {
		rc = input_read_all(im, fd, &b);
		input_close(fd);
		if (rc < 0 || (doc = input_json(im, &b, 0)) == NULL) {
			tk_buf_free(&b);
			return -1;
		}
		tk_buf_free(&b);
	} else {
		input_close(fd);
	}
	if (in->form == FORM_FRAB_JSON)
		rc = read_frab_json(im, in, doc);
	else if (in->form == FORM_PRETALX)
		rc = read_pretalx(im, in, doc);
	else
		rc = read_sessionize(im, in, doc);
	json_decref(doc);
	return rc;
}

/* Forgets what a file that cannot be read added in the scan. */
static void
forget(struct import *im, struct input *in, size_t ncols, size_t npeople,
    size_t nextra)
{
	in->failed = 1;
	cols_truncate(&im->cols, ncols);
	for (int f = 0; f < NLEAD; f++)
		if (im->lead[f] >= (long)ncols)
			im->lead[f] = -1;
	people_truncate(&im->people, npeople, nextra);
}

/* The first pass over in: its form, its columns, its people. */
static void
scan(struct import *im, struct input *in)
{
	size_t ncols = im->cols.n, npeople = im->people.n;
	size_t nextra = im->people.extra.n;
	json_t *doc;
	int fd;

	im->in = in;
	im->pass = PASS_SCAN;
	if ((fd = input_open(im, in)) < 0) {
		in->failed = 1;
		return;
	}
	if ((in->form = input_form(im, fd, &doc)) < 0) {
		json_decref(doc);
		input_close(fd);
		in->failed = 1;
		return;
	}
	if (in->form == FORM_PAGE || in->form == FORM_FRAB) {
		json_decref(doc);
		doc = NULL;
	}
	if (lseek(fd, fd == STDIN_FILENO ? im->stdin_at : 0, SEEK_SET) < 0) {
		im_error(im, 0, 0, "%s", strerror(errno));
		json_decref(doc);
		input_close(fd);
		in->failed = 1;
		return;
	}
	if (run(im, in, fd, doc) < 0)
		forget(im, in, ncols, npeople, nextra);
}

/* The second pass over in: its records. */
static void
emit(struct import *im, struct input *in)
{
	int fd;

	im->in = in;
	im->pass = PASS_EMIT;
	im->changed = 0;
	if (in->failed)
		return;
	if ((fd = input_open(im, in)) < 0)
		return;
	run(im, in, fd, NULL);
	if (im->verbose && in->form != FORM_PAGE)
		fprintf(stderr, "talks: %s: %lu record%s as %s\n", in->name,
		    im->records, im->records == 1 ? "" : "s",
		    form_title(in->form));
}

/* Makes room for the records and writes the header row. */
static void
put_header(struct import *im)
{
	size_t n = im->cols.n;

	im->order = cols_order(&im->cols);
	im->nval = n;
	im->val = tk_xcalloc(n + 1, sizeof(*im->val));
	im->has = tk_xcalloc(n + 1, 1);
	im->row = tk_xcalloc(n + 1, sizeof(*im->row));
	im->rowp = tk_xcalloc(n + 1, sizeof(*im->rowp));
	for (size_t i = 0; i < n; i++) {
		im->row[i].p = im->cols.name[im->order[i]];
		im->row[i].n = strlen(im->row[i].p);
		im->rowp[i] = &im->row[i];
	}
	if (n > 0)
		tk_put_row(&im->c.out, im->rowp, n, im->form, ',', "\n");
}

/* The values of -t, and the dialect each writes. */
static const char *const form_names[] = { "csv", "tsv", NULL };
static const enum tk_dialect forms[] = { TK_CSV, TK_TSV };

/* The options, for getopt, --help and completion (main.c). */
const char import_shortopts[] = ":t:v";
const struct option import_longopts[] = {
	{ "from", required_argument, NULL, OPT_FROM },
	{ "lenient", no_argument, NULL, OPT_LENIENT },
	{ "speakers-out", required_argument, NULL, OPT_SPEAKERS_OUT },
	{ "to", required_argument, NULL, 't' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 }
};

static void
parse_options(struct import *im, int argc, char **argv)
{
	int opt;

	while ((opt = getopt_long(argc, argv, import_shortopts,
	    import_longopts, NULL)) != -1) {
		switch (opt) {
		case 't':
			im->form = forms[common_choice(&im->c, optarg,
			    form_names, "unknown type '%s': use csv or tsv")];
			break;
		case 'v':
			im->verbose = 1;
			break;
		case OPT_LENIENT:
			im->lenient = 1;
			break;
		case OPT_FROM:
			if ((im->from = form_find(optarg)) < 0)
				misuse(&im->c, "unknown form '%s' (forms: "
				    "page, frab, frab-json, pretalx, "
				    "sessionize)", optarg);
			break;
		case OPT_SPEAKERS_OUT:
			im->speakers_out = optarg;
			break;
		default:
			common_option(&im->c, opt, optarg, argv);
			break;
		}
	}
}

static void
free_import(struct import *im)
{
	for (size_t i = 0; i < im->nval; i++)
		tk_buf_free(&im->val[i]);
	free(im->val);
	free(im->has);
	free(im->order);
	free(im->row);
	free(im->rowp);
	cols_free(&im->cols);
	people_free(&im->people);
}

int
cmd_import(int argc, char **argv)
{
	struct import im;
	struct input *in;
	struct tk_err e;

	memset(&im, 0, sizeof(im));
	common_init(&im.c, "import", usage);
	im.form = TK_CSV;
	im.from = -1;
	for (int f = 0; f < NLEAD; f++)
		im.lead[f] = -1;
	parse_options(&im, argc, argv);
	argc -= optind;
	argv += optind;
	if (common_input_files(&im.c, &argc, &argv) < 0) {
		common_finish(&im.c);
		return 2;
	}
	/* The record limit, from $TALKS_MAX_RECORD as common_init read it. */
	im.max = im.c.in.max_record ? im.c.in.max_record : TK_MAX_RECORD;
	in = tk_xcalloc((size_t)argc, sizeof(*in));
	for (int i = 0; i < argc; i++) {
		in[i].path = argv[i];
		in[i].name = strcmp(argv[i], "-") == 0 ? "(standard input)" :
		    argv[i];
		in[i].index = (size_t)i;
		scan(&im, &in[i]);
	}
	put_header(&im);
	for (int i = 0; i < argc; i++)
		emit(&im, &in[i]);
	im.in = NULL;
	if (im.speakers_out && people_write(&im.people, im.speakers_out,
	    im.form, &e) < 0) {
		report(&e);
		im.c.status = 2;
	}
	free(in);
	free_import(&im);
	return common_finish(&im.c);
}
