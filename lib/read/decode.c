/*
 * decode.c - the encoding of input files, below every parsing path: a
 * file in another encoding (--encoding, or UTF-16 with a byte order
 * mark) is converted to UTF-8 with iconv(3) as it is read; a UTF-8 file
 * is checked, with the scan kernels, so that the first line holding
 * bytes that are not UTF-8 gives one notice.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "internal.h"

#define RAW_CHUNK ((size_t)64 << 10)

/* The line of buf[at], from s->line at buf[beg]: LF, CRLF, CR each end one. */
static unsigned long
line_at(const struct src *s, size_t at)
{
	unsigned long line = s->line;

	for (size_t i = s->beg; i < at; i++)
		if (s->buf[i] == '\n' ||
		    (s->buf[i] == '\r' && (i + 1 >= s->end ||
		    s->buf[i + 1] != '\n')))
			line++;
	return line;
}

/* The first bytes that are not UTF-8 are at buf[at]: one notice, no more. */
static void
not_utf8(struct src *s, size_t at)
{
	s->u8check = 0;
	s->u8ntail = 0;
	s->enc_note = 1;
	tk_fail(&s->enc_err, s->name, line_at(s, at), 0, "bytes that are not "
	    "UTF-8, read as they are (a Windows-1252 export? --encoding "
	    "cp1252 reads it)");
}

/*
 * The length of the UTF-8 sequence at p (n bytes there), 0 when it is
 * not one, -1 when the n bytes are the valid start of one.
 */
static int
seq_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;
	int len;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	for (int k = 1; k < len; k++) {
		if ((size_t)k >= n)
			return -1;
		if (p[k] < (k == 1 ? lo : 0x80) || p[k] > (k == 1 ? hi : 0xbf))
			return 0;
	}
	return len;
}

void
src_check_utf8(struct src *s, size_t from, size_t to)
{
	const unsigned char *p = (const unsigned char *)s->buf;
	size_t i = from;

	if (!s->u8check)
		return;
	/* The bytes past the look are not checked (see SRC_UTF8_LOOK). */
	if (to - from >= SRC_UTF8_LOOK - s->u8seen) {
		to = from + (SRC_UTF8_LOOK - s->u8seen);
		s->u8check = 0;
		s->u8seen = SRC_UTF8_LOOK;
		if (to == from)
			return;
	} else {
		s->u8seen += to - from;
	}
	if (s->u8ntail > 0) {
		/* A sequence that the last read cut: complete it. */
		unsigned char t[8];
		size_t have = s->u8ntail, m = to - from < 4 ? to - from : 4;
		int k;
		memcpy(t, s->u8tail, have);
		memcpy(t + have, p + from, m);
		k = seq_len(t, have + m);
		if (k < 0 && have + m < 4) {
			memcpy(s->u8tail + have, p + from, m);
			s->u8ntail = have + m;
			return;
		}
		if (k <= 0) {
			not_utf8(s, from);
			return;
		}
		s->u8ntail = 0;
		i = from + (size_t)k - have;
	}
	while (i < to) {
		int k;
		i += s->ops->ascii(s->buf + i, to - i);
		if (i >= to)
			break;
		k = seq_len(p + i, to - i);
		if (k > 0) {
			i += (size_t)k;
		} else if (k < 0) {
			s->u8ntail = to - i;
			memcpy(s->u8tail, p + i, s->u8ntail);
			return;
		} else {
			not_utf8(s, i);
			return;
		}
	}
}

void
src_check_end(struct src *s)
{
	if (s->u8check && s->u8ntail > 0)
		not_utf8(s, s->end);
}

/* Whether name is UTF-8 itself, which needs no converting. */
static int
is_utf8(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

/* The buffers of the conversion, empty. */
static void
start_buffers(struct src *s)
{
	if (s->raw == NULL) {
		s->rawcap = RAW_CHUNK;
		s->raw = tk_xmalloc(s->rawcap);
	}
	if (s->cv == NULL) {
		s->cvcap = RAW_CHUNK * 4;
		s->cv = tk_xmalloc(s->cvcap);
	}
	s->rawbeg = s->rawend = s->cvbeg = s->cvend = 0;
	s->raweof = s->cvdone = 0;
	s->cvlines = 0;
	s->cvout = 0;
}

int
src_decode(struct src *s, const struct tk_inopts *o, struct tk_err *e)
{
	const char *from = NULL;
	size_t skip = 0;

	s->ops = scan_ops(o->path != TK_PATH_PLAIN &&
	    o->path != TK_PATH_PORTABLE);
	/* A byte order mark says the encoding, whatever --encoding says. */
	if (s->end >= 3 && memcmp(s->buf, "\xef\xbb\xbf", 3) == 0)
		from = NULL;
	else if (s->end >= 2 && memcmp(s->buf, "\xff\xfe", 2) == 0)
		from = "UTF-16LE", skip = 2;
	else if (s->end >= 2 && memcmp(s->buf, "\xfe\xff", 2) == 0)
		from = "UTF-16BE", skip = 2;
	else if (o->encoding && !is_utf8(o->encoding))
		from = o->encoding;
	if (from == NULL) {
		s->u8check = 1;
		return 0;
	}
	if ((s->cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		s->cd = NULL;
		return tk_fail(e, s->name, 0, 0, "cannot read %s: %s", from,
		    strerror(errno));
	}
	s->encname = from;
	s->rawskip = skip;
	/* The bytes read so far are the first to convert. */
	s->rawcap = s->end - skip > RAW_CHUNK ? s->end - skip : RAW_CHUNK;
	s->raw = tk_xmalloc(s->rawcap);
	start_buffers(s);
	memcpy(s->raw, s->buf + skip, s->end - skip);
	s->rawend = s->end - skip;
	s->raweof = s->eof;
	s->eof = 0;
	s->beg = s->end = 0;
	return 0;
}

/* Reads more raw bytes after those not yet converted: as read(2) does. */
static long
read_raw(struct src *s, struct tk_err *e)
{
	ssize_t n;

	if (s->rawbeg > 0) {
		memmove(s->raw, s->raw + s->rawbeg, s->rawend - s->rawbeg);
		s->rawend -= s->rawbeg;
		s->rawbeg = 0;
	}
	do
		n = read(s->fd, s->raw + s->rawend, s->rawcap - s->rawend);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return tk_fail(e, s->name, 0, 0, "read error: %s",
		    strerror(errno));
	if (n == 0)
		s->raweof = 1;
	s->rawend += (size_t)n;
	return n;
}

/* Converts raw bytes into cv; -1 with e when they are not s->encname. */
static int
convert(struct src *s, struct tk_err *e)
{
	char *in = s->raw + s->rawbeg, *out = s->cv;
	size_t inleft = s->rawend - s->rawbeg, outleft = s->cvcap;
	size_t r = iconv(s->cd, &in, &inleft, &out, &outleft);
	int err = r == (size_t)-1 ? errno : 0;

	s->rawbeg = (size_t)(in - s->raw);
	s->cvbeg = 0;
	s->cvend = (size_t)(out - s->cv);
	for (size_t i = 0; i < s->cvend; i++)
		s->cvlines += s->cv[i] == '\n';
	if (err == EILSEQ || (err == EINVAL && s->raweof))
		return tk_fail(e, s->name, s->cvlines + 1, 0, "%s in %s "
		    "(see --encoding)", err == EINVAL ? "a character cut "
		    "by the end of the file" : "bytes that are not valid",
		    s->encname);
	if (s->raweof && inleft == 0) {
		iconv(s->cd, NULL, NULL, &out, &outleft);
		s->cvend = (size_t)(out - s->cv);
		s->cvdone = 1;
	}
	return 0;
}

/* Converts more bytes, reading first when more says so: 0, or -1 with e. */
static int
more_cv(struct src *s, int more, struct tk_err *e)
{
	if (more && !s->raweof && read_raw(s, e) < 0)
		return -1;
	return convert(s, e);
}

long
src_read_decoded(struct src *s, size_t max, struct tk_err *e)
{
	int more = s->rawbeg == s->rawend;

	for (;;) {
		if (s->cvbeg < s->cvend) {
			size_t k = s->cvend - s->cvbeg;
			if (k > max)
				k = max;
			memcpy(s->buf + s->end, s->cv + s->cvbeg, k);
			s->cvbeg += k;
			s->end += k;
			s->cvout += k;
			return (long)k;
		}
		if (s->cvdone) {
			s->eof = 1;
			return 0;
		}
		/* Nothing left, or a character cut: more bytes first. */
		if (more_cv(s, more, e) < 0)
			return -1;
		more = 1;
	}
}

void
src_decode_park(struct src *s)
{
	free(s->raw);
	free(s->cv);
	s->raw = s->cv = NULL;
}

int
src_decode_resume(struct src *s, off_t at, struct tk_err *e)
{
	size_t left = (size_t)at;
	int more = 1;

	if (lseek(s->fd, (off_t)s->rawskip, SEEK_SET) < 0)
		return tk_fail(e, s->name, 0, 0, "%s", strerror(errno));
	iconv(s->cd, NULL, NULL, NULL, NULL);
	start_buffers(s);
	/* The text is converted again from the start, up to where it was. */
	while (left > 0) {
		if (s->cvbeg < s->cvend) {
			size_t k = s->cvend - s->cvbeg < left ?
			    s->cvend - s->cvbeg : left;
			s->cvbeg += k;
			s->cvout += k;
			left -= k;
			continue;
		}
		if (s->cvdone)
			return tk_fail(e, s->name, 0, 0, "replaced while "
			    "other files were read");
		if (more_cv(s, more, e) < 0)
			return -1;
	}
	return 0;
}

void
src_decode_free(struct src *s)
{
	if (s->cd)
		iconv_close(s->cd);
	s->cd = NULL;
	free(s->raw);
	free(s->cv);
	s->raw = s->cv = NULL;
}
