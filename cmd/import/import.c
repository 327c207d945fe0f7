/*
 * import.c - talks import: records from the forms in which conferences
 * publish their talks: a page of text, the frab schedule XML and JSON,
 * pretalx's REST API and Sessionize's API JSON.
 *
 * This file is the driver: options, the files (standard input is copied
 * to a temporary file, so that it can be read twice), the form of each
 * file (--from, or sniffed from its first bytes), the two passes that
 * import.h describes, the header row and --speakers-out.  Each form has
 * a file of its own.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"

static const char usage[] =
    "usage: talks import [-v] [--lenient] [--from FORM] [-t csv | tsv]\n"
    "                    [--speakers-out FILE] [FILE ...]\n"
    "forms: page, frab, frab-json, pretalx, sessionize"
    " (default: from the content)\n";

enum { OPT_LENIENT = OPT_LOCAL, OPT_FROM, OPT_SPEAKERS_OUT };

static const struct {
	const char *option, *title;
} forms[] = {
	[FORM_PAGE] = { "page", "a talk page" },
	[FORM_FRAB] = { "frab", "frab XML" },
	[FORM_FRAB_JSON] = { "frab-json", "frab JSON" },
	[FORM_PRETALX] = { "pretalx", "pretalx API JSON" },
	[FORM_SESSIONIZE] = { "sessionize", "Sessionize JSON" },
	[FORM_XML] = { NULL, "XML but not a frab schedule" },
	[FORM_JSON] = { NULL, "JSON of no form that talks import reads" },
};

const char *
form_option(int f)
{
	return forms[f].option;
}

const char *
form_title(int f)
{
	return forms[f].title;
}

/* TALKS_MAX_RECORD as the other commands read it: a number, K, M or G. */
static size_t
max_size(void)
{
	const char *v = getenv("TALKS_MAX_RECORD");
	unsigned long long n;
	char *end;

	if (v == NULL || *v == '\0')
		return TK_MAX_RECORD;
	n = strtoull(v, &end, 10);
	switch (*end) {
	case 'k': case 'K': n <<= 10; end++; break;
	case 'm': case 'M': n <<= 20; end++; break;
	case 'g': case 'G': n <<= 30; end++; break;
	}
	return (*end || n == 0) ? TK_MAX_RECORD : (size_t)n;
}

/* ---------------------------------------------------------------- files */

/*
 * Makes standard input a file that can be read again: when it is not a
 * regular file, its bytes are copied to a temporary file that becomes
 * descriptor 0.  Returns 0, or -1 after reporting.
 */
static int
keep_stdin(struct import *im)
{
	struct stat st;
	FILE *tmp;
	char buf[1 << 16];
	ssize_t n;
	off_t at;

	if (im->spool != SPOOL_NONE)
		return im->spool == SPOOL_READY ? 0 : -1;
	at = lseek(STDIN_FILENO, 0, SEEK_CUR);
	if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode) && at >= 0) {
		im->spool = SPOOL_READY;
		im->stdin_at = at;
		return 0;
	}
	im->spool = SPOOL_FAILED;
	if ((tmp = tmpfile()) == NULL) {
		im_error(im, 0, 0, "cannot copy standard input: %s",
		    strerror(errno));
		return -1;
	}
	for (;;) {
		n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (fwrite(buf, 1, (size_t)n, tmp) != (size_t)n) {
			n = -1;
			break;
		}
	}
	if (n < 0 || fflush(tmp) != 0 || dup2(fileno(tmp), STDIN_FILENO) < 0) {
		im_error(im, 0, 0, "%s: %s", n < 0 && errno != ENOSPC ?
		    "read error" : "cannot copy standard input",
		    strerror(errno));
		fclose(tmp);
		return -1;
	}
	fclose(tmp);
	im->spool = SPOOL_READY;
	im->stdin_at = 0;
	return 0;
}

/* Opens in for reading from its start; the descriptor, or -1. */
static int
open_input(struct import *im, struct input *in)
{
	struct stat st;
	int fd;

	if (strcmp(in->path, "-") == 0) {
		if (keep_stdin(im) < 0)
			return -1;
		if (lseek(STDIN_FILENO, im->stdin_at, SEEK_SET) < 0) {
			im_error(im, 0, 0, "%s", strerror(errno));
			return -1;
		}
		return STDIN_FILENO;
	}
	if ((fd = open(in->path, O_RDONLY | O_CLOEXEC)) < 0) {
		im_error(im, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		im_error(im, 0, 0, "is a directory");
		return -1;
	}
	return fd;
}

static void
close_input(int fd)
{
	if (fd > STDIN_FILENO)
		close(fd);
}

/*
 * Reads the whole file (at most im->max bytes) into b; 0, or -1 after
 * reporting.
 */
static int
read_all(struct import *im, int fd, struct tk_buf *b)
{
	char chunk[1 << 16];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			im_error(im, 0, 0, "read error: %s", strerror(errno));
			return -1;
		}
		if (n == 0)
			return 0;
		if (b->n + (size_t)n > im->max) {
			im_error(im, 0, 0, "document larger than %zu bytes "
			    "(see TALKS_MAX_RECORD)", im->max);
			return -1;
		}
		tk_buf_add(b, chunk, (size_t)n);
	}
}

/* ---------------------------------------------------------------- forms */

enum kind { K_TEXT, K_XML, K_JSON };

/*
 * Reads the first bytes of fd into b (up to the first that is not white
 * space, and some after it), and says which kind of text it is.
 */
static enum kind
sniff(int fd, struct tk_buf *b)
{
	char chunk[4096];
	size_t i = 0;
	ssize_t n;

	while (b->n < (1 << 20)) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		tk_buf_add(b, chunk, (size_t)n);
		if (b->n >= 3 && memcmp(b->p, "\xef\xbb\xbf", 3) == 0 && i == 0)
			i = 3;
		while (i < b->n && b->p[i] && strchr(" \t\r\n", b->p[i]))
			i++;
		if (i < b->n && b->n - i >= 256)
			break;
	}
	if (i >= b->n)
		return K_TEXT;
	if (b->p[i] == '<')
		return K_XML;
	if (b->p[i] == '{' || b->p[i] == '[')
		return K_JSON;
	return K_TEXT;
}

/* The form of a JSON document, from its members. */
static int
json_form(const json_t *doc)
{
	const json_t *s = json_object_get(doc, "schedule");

	if (json_is_object(s) && json_is_object(json_object_get(s,
	    "conference")))
		return FORM_FRAB_JSON;
	if (json_is_array(json_object_get(doc, "sessions")) &&
	    json_is_array(json_object_get(doc, "speakers")))
		return FORM_SESSIONIZE;
	if (json_is_array(json_object_get(doc, "results")))
		return FORM_PRETALX;
	return FORM_JSON;
}

/*
 * Parses the JSON document in b, after a byte order mark if it has one.
 * Returns NULL, after reporting the parser's message with its line and
 * column unless quiet.
 */
static json_t *
json_doc(struct import *im, const struct tk_buf *b, int quiet)
{
	json_error_t err;
	size_t skip = b->n >= 3 && memcmp(b->p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	json_t *doc = json_loadb(b->p ? b->p + skip : "", b->n - skip,
	    JSON_REJECT_DUPLICATES, &err);

	if (doc == NULL && !quiet) {
		if (err.text[0] >= 'A' && err.text[0] <= 'Z' &&
		    err.text[1] >= 'a' && err.text[1] <= 'z')
			err.text[0] += 32;
		im_error(im, err.line > 0 ? (unsigned long)err.line : 0,
		    err.column > 0 ? (unsigned long)err.column : 0, "%s",
		    err.text);
	}
	return doc;
}

/* Says that in is not of the form asked for; always -1. */
static int
mismatch(struct import *im, int seen)
{
	if (form_option(seen))
		im_error(im, 0, 0, "not %s: it looks like %s (--from %s)",
		    form_title(im->from), form_title(seen),
		    form_option(seen));
	else
		im_error(im, 0, 0, "not %s: it is %s", form_title(im->from),
		    form_title(seen));
	return -1;
}

/*
 * Chooses the form of the file open on fd from its first bytes and
 * --from; a JSON document is loaded into *doc (else it is NULL).
 * Returns the form, or -1 after reporting.
 */
static int
choose(struct import *im, int fd, json_t **doc)
{
	struct tk_buf head = { 0 };
	enum kind k = sniff(fd, &head);
	int form = FORM_PAGE;

	*doc = NULL;
	if (k == K_XML) {
		form = frab_xml_root(head.p, head.n) ? FORM_FRAB : FORM_XML;
	} else if (k == K_JSON) {
		/* Asked for another form: a parse error is not the point. */
		int quiet = im->from == FORM_PAGE || im->from == FORM_FRAB;
		if (read_all(im, fd, &head) < 0) {
			tk_buf_free(&head);
			return -1;
		}
		*doc = json_doc(im, &head, quiet);
		if (*doc == NULL && !quiet) {
			tk_buf_free(&head);
			return -1;
		}
		form = *doc ? json_form(*doc) : im->from == FORM_PAGE ?
		    FORM_PAGE : FORM_JSON;
	}
	tk_buf_free(&head);
	if (im->from < 0) {
		if (form == FORM_JSON) {
			im_error(im, 0, 0, "JSON of no form that talks import "
			    "reads: no schedule.conference (frab), no "
			    "sessions and speakers (Sessionize), no results "
			    "(pretalx)");
			return -1;
		}
		/* XML of another root: the frab reader names it. */
		return form == FORM_XML ? FORM_FRAB : form;
	}
	if (im->from == form || (im->from == FORM_FRAB && form == FORM_XML) ||
	    (im->from == FORM_PAGE && (form == FORM_XML || form == FORM_JSON)))
		return im->from;
	return mismatch(im, form);
}

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
		close_input(fd);
		if (strcmp(in->path, "-") == 0 &&
		    lseek(STDIN_FILENO, im->stdin_at, SEEK_SET) < 0)
			return -1;
		return read_page(im, in);
	}
	if (in->form == FORM_FRAB) {
		in->fd = fd;
		rc = read_frab_xml(im, in);
		close_input(fd);
		return rc;
	}
	if (doc == NULL) {
		rc = read_all(im, fd, &b);
		close_input(fd);
		if (rc < 0 || (doc = json_doc(im, &b, 0)) == NULL) {
			tk_buf_free(&b);
			return -1;
		}
		tk_buf_free(&b);
	} else {
		close_input(fd);
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
	if ((fd = open_input(im, in)) < 0) {
		in->failed = 1;
		return;
	}
	if ((in->form = choose(im, fd, &doc)) < 0) {
		json_decref(doc);
		close_input(fd);
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
		close_input(fd);
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
	if ((fd = open_input(im, in)) < 0)
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

static int
find_form(const char *name)
{
	for (int f = 0; f < NFORMS; f++)
		if (strcmp(forms[f].option, name) == 0)
			return f;
	return -1;
}

static void
parse_options(struct import *im, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, OPT_FROM },
		{ "lenient", no_argument, NULL, OPT_LENIENT },
		{ "speakers-out", required_argument, NULL, OPT_SPEAKERS_OUT },
		{ "to", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, ":t:v", longopts, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (strcmp(optarg, "csv") == 0)
				im->form = TK_CSV;
			else if (strcmp(optarg, "tsv") == 0)
				im->form = TK_TSV;
			else
				misuse(&im->c, "unknown type '%s': use csv or "
				    "tsv", optarg);
			break;
		case 'v':
			im->verbose = 1;
			break;
		case OPT_LENIENT:
			im->lenient = 1;
			break;
		case OPT_FROM:
			if ((im->from = find_form(optarg)) < 0)
				misuse(&im->c, "unknown form '%s' (forms: page, "
				    "frab, frab-json, pretalx, sessionize)",
				    optarg);
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
	im.max = max_size();
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
