/*
 * input.c - the files of talks import and their forms: standard input
 * kept so that it can be read twice, whole JSON documents, and the form
 * of a file, from --from and from its first bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"

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

int
form_find(const char *name)
{
	for (int f = 0; f < NFORMS; f++)
		if (strcmp(forms[f].option, name) == 0)
			return f;
	return -1;
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
int
input_open(struct import *im, struct input *in)
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

void
input_close(int fd)
{
	if (fd > STDIN_FILENO)
		close(fd);
}

/*
 * Reads the whole file (at most im->max bytes) into b; 0, or -1 after
 * reporting.
 */
int
input_read_all(struct import *im, int fd, struct tk_buf *b)
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
json_t *
input_json(struct import *im, const struct tk_buf *b, int quiet)
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
int
input_form(struct import *im, int fd, json_t **doc)
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
		if (input_read_all(im, fd, &head) < 0) {
			tk_buf_free(&head);
			return -1;
		}
		*doc = input_json(im, &head, quiet);
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
