/*
 * fold.c - comparison that ignores case: ASCII case by bytes, and the
 * Unicode folds of utf8proc (case folded, composed, optionally without
 * accents) for values that are not all ASCII.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/util.h"

int
tk_equal_fold(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return 0;
	for (size_t i = 0; i < an; i++)
		if (tk_lower((unsigned char)a[i]) != tk_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

int
tk_is_ascii(const char *s, size_t n)
{
	unsigned char acc = 0;

	/* One OR over all bytes: the compiler makes it a vector loop. */
	for (size_t i = 0; i < n; i++)
		acc |= (unsigned char)s[i];
	return acc < 0x80;
}

int
tk_ufold(const char *s, size_t n, int how, struct tk_buf *out)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t k;
	int opt = UTF8PROC_STABLE | UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE;

	if (how & TK_FOLD_MARKS)
		opt |= UTF8PROC_STRIPMARK;
	if (how & TK_FOLD_SPACES)
		opt |= UTF8PROC_LUMP | UTF8PROC_IGNORE;
	k = utf8proc_map((const utf8proc_uint8_t *)(n ? s : ""),
	    (utf8proc_ssize_t)n, &m, opt);
	if (k == UTF8PROC_ERROR_NOMEM)
		tk_oom();
	if (k < 0)
		return -1;
	tk_buf_add(out, m, (size_t)k);
	free(m);
	return 0;
}

/*
 * The first-level key of s for sorting: case folded, accents stripped;
 * bytes that are not UTF-8 are only ASCII lower-cased.
 */
static void
sort_key(const char *s, size_t n, struct tk_buf *out)
{
	if (tk_ufold(s, n, TK_FOLD_MARKS, out) == 0)
		return;
	for (size_t i = 0; i < n; i++)
		tk_buf_addc(out, tk_lower((unsigned char)s[i]));
}

static int
bytes(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn;
	int d = n ? memcmp(a, b, n) : 0;

	if (d)
		return d < 0 ? -1 : 1;
	return (an > bn) - (an < bn);
}

int
tk_collate(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn, i;
	int d;

	/* ASCII on both sides: lower case first, without utf8proc. */
	for (i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if ((x | y) >= 0x80)
			break;
		if (tk_lower(x) != tk_lower(y))
			return tk_lower(x) < tk_lower(y) ? -1 : 1;
	}
	if (i == n && (i == an || (unsigned char)a[i] < 0x80) &&
	    (i == bn || (unsigned char)b[i] < 0x80)) {
		if (an != bn)
			return an < bn ? -1 : 1;
		return bytes(a, an, b, bn);
	}
	struct tk_buf ka = { 0 }, kb = { 0 };
	sort_key(a, an, &ka);
	sort_key(b, bn, &kb);
	d = bytes(ka.p, ka.n, kb.p, kb.n);
	tk_buf_free(&ka);
	tk_buf_free(&kb);
	return d ? d : bytes(a, an, b, bn);
}
