/* source.c - opening input files, reading them in chunks, the dialect. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static int
has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), m = strlen(ext);

	return n > m && strcasecmp(path + n - m, ext) == 0;
}

/*
 * Guesses the delimiter from the first line: the most frequent of comma,
 * tab and semicolon outside double quotes; comma when there is none.
 */
static int
sniff_delim(const char *p, size_t n)
{
	size_t comma = 0, tab = 0, semi = 0;
	int inq = 0;

	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '"')
			inq = !inq;
		else if (inq)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == ',')
			comma++;
		else if (c == '\t')
			tab++;
		else if (c == ';')
			semi++;
	}
	if (tab > comma && tab >= semi)
		return '\t';
	if (semi > comma && semi > tab)
		return ';';
	return ',';
}

long
src_fill(struct src *s, size_t want, struct tk_err *e)
{
	if (s->beg > 0 && s->beg == s->end)
		s->beg = s->end = 0;
	if (s->cap < want) {
		s->buf = tk_xrealloc(s->buf, want);
		s->cap = want;
	}
	if (s->end == s->cap && s->beg > 0) {
		memmove(s->buf, s->buf + s->beg, s->end - s->beg);
		s->end -= s->beg;
		s->beg = 0;
	}
	TK_GROW(s->buf, s->cap, s->end + 1);
	return src_read(s, s->cap - s->end, e);
}

long
src_read(struct src *s, size_t max, struct tk_err *e)
{
	ssize_t n;

	if (s->eof)
		return 0;
	do
		n = read(s->fd, s->buf + s->end, max);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return tk_fail(e, s->name, 0, 0, "read error: %s",
		    strerror(errno));
	if (n == 0)
		s->eof = 1;
	s->end += (size_t)n;
	return n;
}

int
src_open(struct src *s, const struct tk_inopts *o, struct tk_err *e)
{
	struct stat st;
	int is_stdin = strcmp(s->path, "-") == 0;

	s->name = is_stdin ? "(standard input)" : s->path;
	s->line = 1;
	s->fd = is_stdin ? 0 : open(s->path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0)
		return tk_fail(e, s->name, 0, 0, "%s", strerror(errno));
	if (fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode))
		return tk_fail(e, s->name, 0, 0, "is a directory");
	/* Read until the first line is complete, so the sniffer sees it. */
	for (;;) {
		long n = src_fill(s, SRC_FIRST_CHUNK, e);
		if (n < 0)
			return -1;
		/* Past the record limit, the parser reports the line. */
		if (n == 0 || s->end > o->max_record ||
		    memchr(s->buf, '\n', s->end) ||
		    memchr(s->buf, '\r', s->end))
			break;
	}
	if (s->end >= 3 && memcmp(s->buf, "\xef\xbb\xbf", 3) == 0)
		s->beg = 3;
	if (o->dialect == TK_TSV) {
		s->tsv = 1;
	} else if (o->dialect == TK_CSV) {
		s->delim = o->delim ? o->delim : ',';
		s->tsv = s->delim == '\t';
	} else if (has_ext(s->path, ".csv")) {
		s->delim = ',';
	} else if (has_ext(s->path, ".tsv") || has_ext(s->path, ".tab")) {
		s->tsv = 1;
	} else {
		s->delim = sniff_delim(s->buf + s->beg, s->end - s->beg);
		s->tsv = s->delim == '\t';
	}
	if (s->tsv)
		s->delim = '\t';
	return 0;
}

void
src_close(struct src *s)
{
	if (s->fd > 0)
		close(s->fd);
	s->fd = -1;
	free(s->buf);
	s->buf = NULL;
	s->cap = s->beg = s->end = 0;
}
