/* cleantext.c - UTF-8 checks, and text made fit for XML and iCalendar. */
#include "talks.h"

size_t
tk_utf8_seq(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t len;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Whether the character at s (k bytes, valid) is one XML 1.0 forbids. */
static int
forbidden(const unsigned char *s, size_t k)
{
	if (k == 1)
		return (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' &&
		    s[0] != '\r') || s[0] == 0x7f;
	/* U+FFFE and U+FFFF. */
	return k == 3 && s[0] == 0xef && s[1] == 0xbf && s[2] >= 0xbe;
}

int
tk_clean_text(const struct tk_str *v, struct tk_buf *out)
{
	int changed = 0;
	size_t i = 0, k;

	tk_buf_add(out, "", 0);
	while (i < v->n) {
		k = tk_utf8_seq(v->p + i, v->n - i);
		if (k == 0) {
			tk_buf_add(out, "\xef\xbf\xbd", 3);
			changed |= TK_CLEAN_REPLACED;
			i++;
		} else if (forbidden((const unsigned char *)v->p + i, k)) {
			changed |= TK_CLEAN_DROPPED;
			i += k;
		} else {
			tk_buf_add(out, v->p + i, k);
			i += k;
		}
	}
	return changed;
}
