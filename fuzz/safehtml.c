/*
 * safehtml.c - libFuzzer target for the HTML allowlist of export
 * --markup (tk_put_safe_html).
 *
 * The first byte chooses escaping or leaving out what is not in the list;
 * the rest is the fragment.  What comes out must be UTF-8 whose every
 * tag is one of the list, written as the writer writes it (lower case,
 * no attribute but an a's http or https href), every element closed in
 * order, and no '<' or '&' of the input left raw.  The plain-text mode
 * must not crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "talks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const kept[] = { "p", "br/", "em", "strong", "code",
	"pre", "ul", "ol", "li", "a" };

/* The element of the tag at p (after '<'), or -1; sets *len. */
static int
tag_at(const char *p, size_t n, int *close, size_t *len)
{
	size_t i = 0;

	*close = n > 0 && p[0] == '/';
	i = (size_t)*close;
	for (int k = 0; k < 10; k++) {
		size_t m = strlen(kept[k]);
		if (i + m < n && memcmp(p + i, kept[k], m) == 0 &&
		    p[i + m] == '>') {
			*len = i + m + 1;
			return k;
		}
	}
	if (!*close && n > 9 && memcmp(p, "a href=\"", 8) == 0) {
		const char *q = memchr(p + 8, '"', n - 8);
		if (q == NULL || (size_t)(q - p) + 1 >= n || q[1] != '>')
			return -1;
		if (strncasecmp(p + 8, "http://", 7) != 0 &&
		    strncasecmp(p + 8, "https://", 8) != 0)
			return -1;
		for (const char *c = p + 8; c < q; c++)
			if (*c == '<' || *c == '>')
				return -1;
		*len = (size_t)(q - p) + 2;
		return 9;
	}
	return -1;
}

static void
check(const char *p, size_t n)
{
	int stack[64];
	size_t depth = 0, len;
	int close, e, ok;

	for (size_t i = 0; i < n; i += len) {
		len = 1;
		if ((unsigned char)p[i] >= 0x80) {
			len = tk_utf8_seq(p + i, n - i, &ok);
			if (!ok)
				abort();
			continue;
		}
		if (p[i] == '>')
			abort();   /* text writes &gt; */
		if (p[i] != '<')
			continue;
		e = tag_at(p + i + 1, n - i - 1, &close, &len);
		if (e < 0)
			abort();
		len++;
		if (e == 1) {
			if (close)
				abort();
			continue;
		}
		if (!close) {
			if (depth == 64)
				abort();
			stack[depth++] = e;
		} else if (depth == 0 || stack[--depth] != e) {
			abort();
		}
	}
	if (depth != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_out o;
	struct tk_str v;
	enum tk_safe how;

	if (size == 0)
		return 0;
	how = data[0] % 3 == 0 ? TK_SAFE_ESCAPE : data[0] % 3 == 1 ?
	    TK_SAFE_DROP : TK_SAFE_TEXT;
	v.p = (const char *)data + 1;
	v.n = size - 1;
	tk_out_init_mem(&o);
	tk_put_safe_html(&o, &v, how, NULL);
	if (how != TK_SAFE_TEXT)
		check(o.buf ? o.buf : "", o.len);
	tk_out_free(&o);
	return 0;
}
