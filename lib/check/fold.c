/*
 * fold.c - names and titles folded for comparison: case, accents and
 * white space set aside, so that "José García", "JOSE GARCIA"
 * and "Jose  Garcia" are one name.
 *
 * The fold is utf8proc's (tk_ufold): case folded for every script,
 * combining marks stripped, decomposed letters composed, kinds of space
 * lumped and default-ignorable characters dropped; then white space is
 * dropped.  Letters that carry no mark in Unicode keep their form
 * (æ, ø, đ are not a, o, d).  A value that is not UTF-8 is
 * only ASCII lower-cased.
 */
#include <string.h>

#include "check.h"

static int
is_space(unsigned char b)
{
	return b == ' ' || (b >= '\t' && b <= '\r');
}

size_t
tk_fold_text(const char *s, size_t n, char *out)
{
	struct tk_buf f = { 0 };
	size_t o = 0, room = TK_FOLD_ROOM(n);
	const char *p = s;
	size_t len = n;
	int ascii = tk_is_ascii(s, n);

	if (!ascii && tk_ufold(s, n, TK_FOLD_MARKS | TK_FOLD_SPACES, &f) == 0) {
		p = f.p;
		len = f.n;
	}
	for (size_t i = 0; i < len && o < room; i++) {
		unsigned char b = (unsigned char)p[i];
		if (!is_space(b))
			out[o++] = (char)tk_lower(b);
	}
	tk_buf_free(&f);
	return o;
}
