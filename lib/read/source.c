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

/* Counts comma, tab and semicolon in the first line, outside quotes. */
static void
count_delims(const char *p, size_t n, size_t count[3])
{
	int inq = 0;

	count[0] = count[1] = count[2] = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '"')
			inq = !inq;
		else if (inq)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == ',')
			count[0]++;
		else if (c == '\t')
			count[1]++;
		else if (c == ';')
			count[2]++;
	}
}

/*
 * Guesses the delimiter from the first line: the most frequent of comma,
 * tab and semicolon outside double quotes; comma when there is none.
 */
static int
sniff_delim(const char *p, size_t n)
{
	size_t c[3];

	count_delims(p, n, c);
	if (c[1] > c[0] && c[1] >= c[2])
		return '\t';
	if (c[2] > c[0] && c[2] > c[1])
		return ';';
	return ',';
}

/*
 * The delimiter of a file named .csv: ';' when its first line has
 * semicolons and no comma outside quotes, as Excel writes CSV where the
 * comma is the decimal sign; else ','.
 */
static int
csv_delim(const char *p, size_t n)
{
	size_t c[3];

	count_delims(p, n, c);
	return c[0] == 0 && c[2] > 0 ? ';' : ',';
}

/* Whether some backslash of p[0 .. n) starts no escape (\t \n \r \\). */
static int
odd_backslash(const char *p, size_t n)
{
	const char *end = p + n, *q;

	while ((q = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		if (q + 1 == end || (q[1] != 't' && q[1] != 'n' &&
		    q[1] != 'r' && q[1] != '\\'))
			return 1;
		p = q + 2;
	}
	return 0;
}

int
tsv_quoted_sign(const char *v, size_t n)
{
	return n > 0 && (v[0] != '"' || memchr(v, '\t', n) ||
	    memchr(v, '\n', n) || memchr(v, '\r', n));
}

/*
 * Whether a field (f, n bytes as its file has them, quotes included when
 * quoted) shows a spreadsheet's TSV.
 */
static int
field_sign(const char *f, size_t n, int quoted)
{
	/*
	 * In a quoted field the closing quote follows the text, so that a
	 * backslash before it, which ends the text, is odd; so is one
	 * before a "" pair, which the text has as '"'.
	 */
	if (quoted)
		return tsv_quoted_sign(f + 1, n - 2) ||
		    odd_backslash(f + 1, n - 1);
	return odd_backslash(f, n);
}

static int
is_break(char c)
{
	return c == '\t' || c == '\n' || c == '\r';
}

/*
 * Whether the fields that end inside p[0 .. n) show a spreadsheet's TSV
 * (eof: the file ends at p + n).  Fields are split as the readers split
 * them: a field that starts with '"' is quoted, and only those need
 * walking through; between them a backslash is odd or not whatever the
 * field it is in.  At text after a closing quote, which the readers
 * report, the look ends.
 */
static int
spreadsheet_signs(const char *p, size_t n, int eof)
{
	size_t i = 0, k, j;
	const char *q;

	for (;;) {
		/* The next quote that starts a field. */
		for (k = i; (q = memchr(p + k, '"', n - k)) != NULL;
		    k = (size_t)(q - p) + 1)
			if (q == p || is_break(q[-1]))
				break;
		if (q == NULL) {
			/* The last field may go on past n: leave it out. */
			for (k = n; !eof && k > i && !is_break(p[k - 1]); k--)
				;
			return odd_backslash(p + i, k - i);
		}
		k = (size_t)(q - p);
		if (odd_backslash(p + i, k - i))
			return 1;
		/* The closing quote: a '"' that is not the first of "". */
		for (j = k + 1;; j += 2) {
			if ((q = memchr(p + j, '"', n - j)) == NULL)
				return 0;
			j = (size_t)(q - p);
			if (j + 1 == n && !eof)
				return 0;
			if (j + 1 == n || p[j + 1] != '"')
				break;
		}
		j++;
		if (j < n && !is_break(p[j]))
			return 0;
		if (field_sign(p + k, j - k, 1))
			return 1;
		if ((i = j) == n)
			return 0;
	}
}

/*
 * Decides the form of a TSV file: the escaped one unless its first
 * TK_TSV_LOOK bytes (or its first line, when that is longer) show a
 * spreadsheet's; then s->watch says to look for one in the rest.
 */
static int
tsv_form(struct src *s, const struct tk_inopts *o, struct tk_err *e)
{
	size_t lim;
	const char *lf, *cr;

	if (o->tsv_escapes != TK_ESC_AUTO) {
		s->tsv = o->tsv_escapes == TK_ESC_ON;
		return 0;
	}
	while (s->end < TK_TSV_LOOK && !s->eof)
		if (src_fill(s, SRC_FIRST_CHUNK, e) < 0)
			return -1;
	lf = memchr(s->buf, '\n', s->end);
	cr = memchr(s->buf, '\r', lf ? (size_t)(lf - s->buf) : s->end);
	lim = cr ? (size_t)(cr - s->buf) + 1 : lf ? (size_t)(lf - s->buf) + 1 :
	    s->end;
	if (lim < TK_TSV_LOOK)
		lim = TK_TSV_LOOK;
	if (lim > s->end)
		lim = s->end;
	s->tsv = !spreadsheet_signs(s->buf + s->beg, lim - s->beg,
	    s->eof && lim == s->end);
	s->watch = s->tsv;
	return 0;
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
	if (s->cd) {
		long k = src_read_decoded(s, max, e);
		s->filled = k > 0 && (size_t)k == max;
		return k;
	}
	do
		n = read(s->fd, s->buf + s->end, max);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return tk_fail(e, s->name, 0, 0, "read error: %s",
		    strerror(errno));
	s->filled = (size_t)n == max;
	if (n == 0) {
		s->eof = 1;
		src_check_end(s);
	}
	s->end += (size_t)n;
	if (s->u8check)
		src_check_utf8(s, s->end - (size_t)n, s->end);
	return n;
}

/*
 * Reads until the first line is complete, so that the sniffer sees it,
 * or until the record limit is passed: then the parser reports the line.
 * The buffer grows to at most one byte past the limit, so that a header
 * without a line end costs about twice the limit with the parser's copy.
 */
static int
first_line(struct src *s, size_t max, struct tk_err *e)
{
	for (;;) {
		size_t cap = s->cap < SRC_FIRST_CHUNK ? SRC_FIRST_CHUNK :
		    s->cap > max / 2 ? max + 1 : s->cap * 2;
		long n;

		if (s->end == s->cap) {
			s->buf = tk_xrealloc(s->buf, cap);
			s->cap = cap;
		}
		if ((n = src_read(s, s->cap - s->end, e)) < 0)
			return -1;
		if (n == 0 || s->end > max ||
		    memchr(s->buf + s->end - n, '\n', (size_t)n) ||
		    memchr(s->buf + s->end - n, '\r', (size_t)n))
			return 0;
	}
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
	if (first_line(s, o->max_record, e) < 0 || src_decode(s, o, e) < 0)
		return -1;
	if (s->cd && first_line(s, o->max_record, e) < 0)
		return -1;
	if (s->end >= 3 && memcmp(s->buf, "\xef\xbb\xbf", 3) == 0)
		s->beg = 3;
	src_check_utf8(s, s->beg, s->end);
	if (o->dialect == TK_TSV) {
		s->tsv = 1;
	} else if (o->dialect == TK_CSV) {
		s->delim = o->delim ? o->delim : ',';
		s->tsv = s->delim == '\t';
	} else if (has_ext(s->path, ".csv")) {
		s->delim = csv_delim(s->buf + s->beg, s->end - s->beg);
	} else if (has_ext(s->path, ".tsv") || has_ext(s->path, ".tab")) {
		s->tsv = 1;
	} else {
		s->delim = sniff_delim(s->buf + s->beg, s->end - s->beg);
		s->tsv = s->delim == '\t';
	}
	if (s->tsv) {
		s->delim = '\t';
		return tsv_form(s, o, e);
	}
	return 0;
}

void
src_park(struct src *s)
{
	struct stat st;
	off_t at;

	if (strcmp(s->path, "-") == 0 || fstat(s->fd, &st) < 0 ||
	    !S_ISREG(st.st_mode) || (at = lseek(s->fd, 0, SEEK_CUR)) < 0)
		return;
	/* A converted file: where it is in the converted text. */
	s->off = s->cd ? (off_t)(s->cvout - (s->end - s->beg)) :
	    at - (off_t)(s->end - s->beg);
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->parked = 1;
	/* The bytes after buf[beg] are read, and checked, again. */
	s->u8ntail = 0;
	s->u8seen = s->u8seen > s->end - s->beg ? s->u8seen - (s->end - s->beg) :
	    0;
	src_close(s);
}

int
src_resume(struct src *s, struct tk_err *e)
{
	struct stat st;

	if (!s->parked)
		return 0;
	s->parked = 0;
	s->eof = 0;
	if ((s->fd = open(s->path, O_RDONLY | O_CLOEXEC)) < 0)
		return tk_fail(e, s->name, 0, 0, "%s", strerror(errno));
	if (fstat(s->fd, &st) < 0 || st.st_dev != s->dev ||
	    st.st_ino != s->ino)
		return tk_fail(e, s->name, 0, 0, "replaced while other files "
		    "were read");
	if (s->cd)
		return src_decode_resume(s, s->off, e);
	if (lseek(s->fd, s->off, SEEK_SET) < 0)
		return tk_fail(e, s->name, 0, 0, "%s", strerror(errno));
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
	if (!s->parked)
		src_decode_free(s);
	else
		src_decode_park(s);
}
