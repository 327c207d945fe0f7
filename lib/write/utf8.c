/*
 * utf8.c - UTF-8 checking, the kinds of character that a document may
 * not hold and their replacement, and the escapers of the text formats
 * (JSON, XML and HTML), which must write valid UTF-8 whatever the input
 * holds.
 */
#include <string.h>

#include "write/write.h"

#define REPLACEMENT "\xef\xbf\xbd"

size_t
tk_utf8_seq(const char *s, size_t n, int *ok)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	*ok = 1;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else {
		*ok = 0;
		return 1;
	}
	/* The second byte's range rules out overlong forms and surrogates. */
	switch (p[0]) {
	case 0xe0: lo = 0xa0; break;
	case 0xed: hi = 0x9f; break;
	case 0xf0: lo = 0x90; break;
	case 0xf4: hi = 0x8f; break;
	}
	for (i = 1; i < len; i++) {
		if (i >= n || p[i] < lo || p[i] > hi) {
			*ok = 0;
			return i;
		}
		lo = 0x80;
		hi = 0xbf;
	}
	return len;
}

/* The code point of the valid sequence p (len bytes). */
static unsigned long
code_point(const unsigned char *p, size_t len)
{
	static const unsigned char lead[5] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned long c = p[0] & lead[len];

	for (size_t i = 1; i < len; i++)
		c = c << 6 | (p[i] & 0x3f);
	return c;
}

int
tk_char_kind(const char *s, size_t n, int strict, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c;
	int ok;

	*len = tk_utf8_seq(s, n, &ok);
	if (!ok)
		return TK_CH_BAD_UTF8;
	c = code_point(p, *len);
	if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
		return TK_CH_CONTROL;
	if ((c & 0xfffe) == 0xfffe)
		return TK_CH_CONTROL;
	if (strict && ((c >= 0x7f && c <= 0x9f) ||
	    (c >= 0xfdd0 && c <= 0xfdef)))
		return TK_CH_CONTROL;
	return TK_CH_OK;
}

void
tk_repl_add(struct tk_repl *r, int kind)
{
	if (r == NULL)
		return;
	if (kind == TK_CH_BAD_UTF8)
		r->utf8++;
	else if (kind == TK_CH_CONTROL)
		r->ctrl++;
}

void
tk_repl_put(struct tk_buf *out, const char *p, size_t len, int kind,
    struct tk_repl *r)
{
	if (kind == TK_CH_OK) {
		tk_buf_add(out, p, len);
	} else {
		tk_buf_add(out, REPLACEMENT, 3);
		tk_repl_add(r, kind);
	}
}

int
tk_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	int ok;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += tk_utf8_seq(s + i, n - i, &ok);
		if (!ok)
			return 0;
	}
	return 1;
}

/*
 * The escape of the ASCII byte c, or NULL when c is written as it is.
 * Each writer has one; it is only called for bytes below 0x80.
 */
typedef const char *(*escape_fn)(unsigned char c, char tmp[8]);

static const char *
no_escape(unsigned char c, char tmp[8])
{
	return NULL;
}

static const char *
json_escape(unsigned char c, char tmp[8])
{
	static const char hex[] = "0123456789abcdef";

	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '\b': return "\\b";
	case '\f': return "\\f";
	}
	if (c >= 0x20)
		return NULL;
	memcpy(tmp, "\\u00", 4);
	tmp[4] = hex[c >> 4];
	tmp[5] = hex[c & 15];
	tmp[6] = '\0';
	return tmp;
}

const char *
tk_xml_entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	}
	return NULL;
}

static const char *
xml_escape(unsigned char c, char tmp[8])
{
	if (tk_xml_entity(c))
		return tk_xml_entity(c);
	if (c == '\t' || c == '\n' || c == '\r')
		return NULL;
	/* Not allowed in XML 1.0 at all, even as a reference. */
	if (c < 0x20)
		return "";
	return NULL;
}

/* HTML's: XML's, and DEL is not allowed either. */
static const char *
html_escape(unsigned char c, char tmp[8])
{
	return c == 0x7f ? "" : xml_escape(c, tmp);
}

/*
 * Whether byte c can be copied as it is by the writer of esc: one
 * decision per byte value, made once, keeps the inner loop short.
 */
static int
plain_byte(escape_fn esc, unsigned char c)
{
	static unsigned char ok[4][256];
	static int ready;
	static const escape_fn fns[4] = { no_escape, json_escape, xml_escape,
		html_escape };
	char tmp[8];
	int k = esc == no_escape ? 0 : esc == json_escape ? 1 :
	    esc == xml_escape ? 2 : 3;

	if (!ready) {
		for (int f = 0; f < 4; f++)
			for (int b = 0; b < 0x80; b++)
				ok[f][b] = fns[f]((unsigned char)b, tmp) == NULL;
		ready = 1;
	}
	return ok[k][c];
}

/*
 * Writes v through esc: runs of bytes that need nothing are written at
 * once.  An escape of "" stands for a character to replace.  Counts the
 * replacements in r: with xml, of the characters tk_char_kind calls
 * controls too (strict when xml is 2).
 */
static void
put_escaped(struct tk_out *o, const struct tk_str *v, escape_fn esc,
    int xml, struct tk_repl *r)
{
	const char *p = v->p, *end = v->p + v->n, *run = p;
	char tmp[8];

	while (p < end) {
		unsigned char c = (unsigned char)*p;
		const char *e = NULL;
		size_t len = 1;
		int ok, kind = TK_CH_CONTROL;

		if (esc == json_escape || esc == no_escape)
			p += o->ascii_run(p, (size_t)(end - p));
		if (p == end)
			break;
		c = (unsigned char)*p;
		if (plain_byte(esc, c)) {
			p++;
			continue;
		}
		if (c < 0x80) {
			e = esc(c, tmp);
			ok = *e != '\0';
		} else {
			if (xml) {
				kind = tk_char_kind(p, (size_t)(end - p),
				    xml == 2, &len);
			} else {
				len = tk_utf8_seq(p, (size_t)(end - p), &ok);
				kind = ok ? TK_CH_OK : TK_CH_BAD_UTF8;
			}
			if (kind == TK_CH_OK) {
				p += len;
				continue;
			}
			ok = 0;
		}
		tk_out_write(o, run, (size_t)(p - run));
		if (ok) {
			tk_out_puts(o, e);
		} else {
			tk_out_write(o, REPLACEMENT, 3);
			tk_repl_add(r, kind);
		}
		p += len;
		run = p;
	}
	tk_out_write(o, run, (size_t)(p - run));
}

/* The number of replacements r counts. */
static size_t
total(const struct tk_repl *r)
{
	return r->utf8 + r->ctrl;
}

size_t
tk_put_utf8(struct tk_out *o, const struct tk_str *v)
{
	struct tk_repl r = { 0, 0 };

	put_escaped(o, v, no_escape, 0, &r);
	return total(&r);
}

size_t
tk_put_json(struct tk_out *o, const struct tk_str *v)
{
	struct tk_repl r = { 0, 0 };

	tk_out_putc(o, '"');
	put_escaped(o, v, json_escape, 0, &r);
	tk_out_putc(o, '"');
	return total(&r);
}

size_t
tk_put_xml(struct tk_out *o, const struct tk_str *v)
{
	struct tk_repl r = { 0, 0 };

	put_escaped(o, v, xml_escape, 1, &r);
	return total(&r);
}

void
tk_put_html(struct tk_out *o, const struct tk_str *v, struct tk_repl *r)
{
	put_escaped(o, v, html_escape, 2, r);
}
