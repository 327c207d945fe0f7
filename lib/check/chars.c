/*
 * chars.c - the length of a value as a reader counts it: extended
 * grapheme clusters (Unicode's user-perceived characters), found by
 * PCRE2's \X through the matcher.  Text that is all ASCII needs no
 * matcher: each byte is one character, but CR LF is one.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "match/match.h"
#include "write/write.h"

struct tk_chars {
	struct tk_matcher *m;
};

struct tk_chars *
tk_chars_new(struct tk_err *e)
{
	static const struct tk_str cluster = { "\\X", 2 };
	struct tk_match_opts o = { 0 };
	struct tk_matcher *m = tk_matcher_new(&cluster, 1, &o, e);
	struct tk_chars *c;

	if (m == NULL)
		return NULL;
	c = tk_xcalloc(1, sizeof(*c));
	c->m = m;
	return c;
}

void
tk_chars_free(struct tk_chars *c)
{
	if (c == NULL)
		return;
	tk_matcher_free(c->m);
	free(c);
}

/* The number of replacement characters the bytes s[0 .. n) print as. */
static size_t
invalid(const char *s, size_t n)
{
	size_t count = 0, i = 0;
	int ok;

	while (i < n) {
		i += tk_utf8_seq(s + i, n - i, &ok);
		count++;
	}
	return count;
}

/*
 * The clusters in one match of \X: one, but a run of regional
 * indicators is one flag per pair, which PCRE2 before 10.43 keeps
 * together (U+1F1E6 .. U+1F1FF are F0 9F 87 A6 .. F0 9F 87 BF).
 */
static size_t
clusters(const char *s, size_t n)
{
	size_t ri = 0;

	for (size_t i = 0; i + 4 <= n; i++)
		if (memcmp(s + i, "\xf0\x9f\x87", 3) == 0 &&
		    (unsigned char)s[i + 3] >= 0xa6 &&
		    (unsigned char)s[i + 3] <= 0xbf)
			ri++;
	return ri > 2 ? (ri + 1) / 2 : 1;
}

size_t
tk_chars_count(struct tk_chars *c, const char *s, size_t n)
{
	size_t count = 0, at = 0, so, eo, i;
	struct tk_err e;

	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		count += !(s[i] == '\n' && i > 0 && s[i - 1] == '\r');
	if (i == n)
		return count;
	/* Bytes that are not UTF-8 match nothing: they lie between matches. */
	count = 0;
	tk_matcher_start(c->m, s, n);
	while (tk_matcher_next(c->m, &so, &eo, &e) == 1) {
		count += invalid(s + at, so - at) + clusters(s + so, eo - so);
		at = eo;
	}
	return count + invalid(s + at, n - at);
}
