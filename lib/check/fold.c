/*
 * fold.c - names and titles folded for comparison: case, accents and
 * white space set aside, so that "José García", "JOSE GARCIA" and
 * "Jose  Garcia" are one name.
 *
 * Latin letters lose their accents (a base letter, or two for Æ, Œ, ß,
 * Þ and Ĳ); combining marks are dropped, so that a decomposed "é" folds
 * as the composed one; Greek loses its tonos and Cyrillic Ё is Е; Greek
 * and Cyrillic fold case.  Other characters, and bytes that are not
 * UTF-8, are kept as they are.
 */
#include <string.h>

#include "check.h"
#include "write/write.h"

/*
 * The base letters of U+00C0 .. U+017F, one entry each: "" keeps the
 * character (× and ÷), two letters stand for a ligature.
 */
static const char *const latin[192] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	"c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	"e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	"i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
	"k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n",
	"n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	"r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	"u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	"y", "z", "z", "z", "z", "z", "z", "s",
};

/* Ranges of code points that fold to one ASCII letter. */
struct range {
	unsigned lo, hi;
	char to;
};

static const struct range ranges[] = {
	{ 0x01cd, 0x01ce, 'a' }, { 0x01cf, 0x01d0, 'i' },
	{ 0x01d1, 0x01d2, 'o' }, { 0x01d3, 0x01dc, 'u' },
	{ 0x0218, 0x0219, 's' }, { 0x021a, 0x021b, 't' },
	/* Vietnamese letters with two marks. */
	{ 0x1ea0, 0x1eb7, 'a' }, { 0x1eb8, 0x1ec7, 'e' },
	{ 0x1ec8, 0x1ecb, 'i' }, { 0x1ecc, 0x1ee3, 'o' },
	{ 0x1ee4, 0x1ef1, 'u' }, { 0x1ef2, 0x1ef9, 'y' },
};

/* Whether code point c is dropped: a combining mark or white space. */
static int
dropped(unsigned c)
{
	return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	    (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	    (c >= 0xfe20 && c <= 0xfe2f) || c == 0x00a0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200d) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x2060 || c == 0x3000 ||
	    c == 0xfeff;
}

/* Greek and Cyrillic: the lower-case letter without its accent, or c. */
static unsigned
greek_cyrillic(unsigned c)
{
	static const unsigned short tonos[][2] = {
		{ 0x0386, 0x03b1 }, { 0x0388, 0x03b5 }, { 0x0389, 0x03b7 },
		{ 0x038a, 0x03b9 }, { 0x038c, 0x03bf }, { 0x038e, 0x03c5 },
		{ 0x038f, 0x03c9 }, { 0x0390, 0x03b9 }, { 0x03aa, 0x03b9 },
		{ 0x03ab, 0x03c5 }, { 0x03ac, 0x03b1 }, { 0x03ad, 0x03b5 },
		{ 0x03ae, 0x03b7 }, { 0x03af, 0x03b9 }, { 0x03b0, 0x03c5 },
		{ 0x03c2, 0x03c3 }, { 0x03ca, 0x03b9 }, { 0x03cb, 0x03c5 },
		{ 0x03cc, 0x03bf }, { 0x03cd, 0x03c5 }, { 0x03ce, 0x03c9 },
		{ 0x0400, 0x0435 }, { 0x0401, 0x0435 }, { 0x0450, 0x0435 },
		{ 0x0451, 0x0435 },
	};

	for (size_t i = 0; i < sizeof(tonos) / sizeof(tonos[0]); i++)
		if (tonos[i][0] == c)
			return tonos[i][1];
	if (c >= 0x0391 && c <= 0x03a9)
		return c + 0x20;
	if (c >= 0x0402 && c <= 0x040f)
		return c + 0x50;
	if (c >= 0x0410 && c <= 0x042f)
		return c + 0x20;
	return c;
}

/* The code point of the valid sequence s of len bytes. */
static unsigned
decode(const unsigned char *s, size_t len)
{
	unsigned c = len == 2 ? s[0] & 0x1f : len == 3 ? s[0] & 0x0f :
	    s[0] & 0x07;

	for (size_t i = 1; i < len; i++)
		c = c << 6 | (s[i] & 0x3f);
	return c;
}

/* Writes code point c (below U+0800) as UTF-8; returns the length. */
static size_t
encode2(unsigned c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	out[0] = (char)(0xc0 | c >> 6);
	out[1] = (char)(0x80 | (c & 0x3f));
	return 2;
}

/*
 * Writes the folded form of the character c, len bytes at s, to out;
 * returns its length (at most len).
 */
static size_t
fold_char(unsigned c, const char *s, size_t len, char *out)
{
	if (dropped(c))
		return 0;
	if (c >= 0xc0 && c <= 0x17f && latin[c - 0xc0][0]) {
		size_t n = strlen(latin[c - 0xc0]);
		memcpy(out, latin[c - 0xc0], n);
		return n;
	}
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (c >= ranges[i].lo && c <= ranges[i].hi) {
			out[0] = ranges[i].to;
			return 1;
		}
	if (c >= 0x0386 && c <= 0x0451)
		return encode2(greek_cyrillic(c), out);
	memcpy(out, s, len);
	return len;
}

size_t
tk_fold_text(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		size_t len;
		int ok;

		if (b < 0x80) {
			if (b != ' ' && (b < '\t' || b > '\r'))
				out[o++] = (char)tk_lower(b);
			i++;
			continue;
		}
		len = tk_utf8_seq(s + i, n - i, &ok);
		if (!ok) {
			memcpy(out + o, s + i, len);
			o += len;
		} else {
			o += fold_char(decode((const unsigned char *)s + i,
			    len), s + i, len, out + o);
		}
		i += len;
	}
	return o;
}
