/*
 * scan.c - the portable scan kernels (memchr, and eight bytes at a time
 * in a 64-bit word), and the choice between them and the vector ones.
 */
#include <stdint.h>
#include <string.h>

#include "scan/scan.h"

static size_t
unquoted_portable(const char *p, size_t n, int delim)
{
	const char *d = memchr(p, delim, n);
	const char *lf, *cr;

	if (d)
		n = (size_t)(d - p);
	if ((lf = memchr(p, '\n', n)) != NULL)
		n = (size_t)(lf - p);
	if ((cr = memchr(p, '\r', n)) != NULL)
		n = (size_t)(cr - p);
	return n;
}

static size_t
quoted_portable(const char *p, size_t n, unsigned long *lines, int *pairs)
{
	const char *x, *end;
	size_t k = 0;

	for (;;) {
		const char *q = memchr(p + k, '"', n - k);
		if (q == NULL) {
			k = n;
			break;
		}
		k = (size_t)(q - p);
		if (k + 1 == n || p[k + 1] != '"')
			break;
		*pairs = 1;
		k += 2;
	}
	end = p + k;
	for (x = p; (x = memchr(x, '\n', (size_t)(end - x))) != NULL; x++)
		if (x == p || x[-1] != '\r')
			++*lines;
	for (x = p; (x = memchr(x, '\r', (size_t)(end - x))) != NULL; x++)
		++*lines;
	return k;
}

/* Undoes "" in v (n bytes) into dst; returns the length. */
static size_t
undouble_portable(char *dst, const char *v, size_t n)
{
	size_t o = 0;

	while (n > 0) {
		const char *q = memchr(v, '"', n);
		size_t k = q ? (size_t)(q - v) + 1 : n;
		memcpy(dst + o, v, k);
		o += k;
		if (q == NULL)
			break;
		k++;    /* the second quote of the pair */
		v += k;
		n = n > k ? n - k : 0;
	}
	return o;
}

#define ONES ((uint64_t)0x0101010101010101)
#define HIGHS (ONES * 0x80)

/* Whether some byte of x is below n (n <= 0x80; exact, no false alarms). */
static int
has_below(uint64_t x, uint64_t n)
{
	return ((x - ONES * n) & ~x & HIGHS) != 0;
}

/* Eight bytes a step: none high, none below 0x20, no '"' and no '\\'. */
static size_t
ascii_run_portable(const char *p, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, p + i, sizeof(x));
		if ((x & HIGHS) || has_below(x, 0x20) ||
		    has_below(x ^ (ONES * '"'), 1) ||
		    has_below(x ^ (ONES * '\\'), 1))
			break;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			break;
	}
	return i;
}

/* Thirty-two bytes a step, none high. */
static size_t
ascii_portable(const char *p, size_t n)
{
	size_t i = 0;

	for (; i + 32 <= n; i += 32) {
		uint64_t x[4];
		memcpy(x, p + i, sizeof(x));
		if ((x[0] | x[1] | x[2] | x[3]) & HIGHS)
			break;
	}
	while (i < n && (unsigned char)p[i] < 0x80)
		i++;
	return i;
}

const struct scan_ops scan_portable = { unquoted_portable, quoted_portable,
    undouble_portable, ascii_run_portable, ascii_portable };

const struct scan_ops *
scan_ops(int vector)
{
	const struct scan_ops *v = vector ? scan_vector() : NULL;

	return v ? v : &scan_portable;
}
