/*
 * slug.c - slugs: the words of a title in lower-case ASCII, for names
 * in URLs and files.
 *
 * Letters lose their accents through utf8proc's decomposition (NFKD)
 * with the marks stripped and case folded: it is the same on every
 * machine, where iconv's //TRANSLIT depends on the locale (in the C
 * locale glibc's gives "num?rique", and each language its own
 * spellings), and it needs no call to setlocale, which would change the
 * whole program's behaviour.
 */
#include <stdlib.h>
#include <utf8proc.h>

#include "write/write.h"

void
tk_slug(struct tk_buf *b, const struct tk_str *v, size_t max)
{
	struct tk_buf clean = { 0 };
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	const unsigned char *p;
	size_t start = b->n;
	int dash = 0;

	/* utf8proc refuses what is not UTF-8: U+FFFD stands for it. */
	tk_clean_text(v, &clean);
	n = utf8proc_map((const utf8proc_uint8_t *)(clean.p ? clean.p : ""),
	    (utf8proc_ssize_t)clean.n, &folded, UTF8PROC_COMPAT |
	    UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	tk_buf_free(&clean);
	/* Clean UTF-8 leaves running out of memory as the only error. */
	if (n < 0)
		tk_oom();
	p = folded;
	for (utf8proc_ssize_t i = 0; i < n && b->n - start < max; i++) {
		unsigned char c = p[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b->n > start)
				tk_buf_addc(b, '-');
			tk_buf_addc(b, c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	free(folded);
}
