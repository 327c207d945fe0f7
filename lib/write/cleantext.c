/* cleantext.c - text made valid UTF-8 without the characters XML forbids. */
#include "write/write.h"

#define REPLACEMENT "\xef\xbf\xbd"

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

size_t
tk_clean_text(const struct tk_str *v, struct tk_buf *out)
{
	size_t i = 0, k, n = 0;
	int ok;

	tk_buf_add(out, "", 0);
	while (i < v->n) {
		k = tk_utf8_seq(v->p + i, v->n - i, &ok);
		if (!ok || forbidden((const unsigned char *)v->p + i, k)) {
			tk_buf_add(out, REPLACEMENT, 3);
			n++;
		} else {
			tk_buf_add(out, v->p + i, k);
		}
		i += k;
	}
	return n;
}
