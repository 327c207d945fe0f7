/*
 * sort.c - a stable sort by a 64-bit number: least significant byte
 * first, one pass per byte, and no pass for a byte that is the same in
 * every element (the high bytes of times and of small numbers).  It
 * reads and writes in order, which the overlap and duplicate rules
 * need for arrays as long as the file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"

static uint64_t
number(const char *e, size_t off, uint64_t flip)
{
	uint64_t v;

	memcpy(&v, e + off, sizeof(v));
	return v ^ flip;
}

/* Copies an element of size bytes, a multiple of 8, word by word. */
static void
copy(char *to, const char *from, size_t size)
{
	for (size_t i = 0; i < size; i += 8)
		memcpy(to + i, from + i, 8);
}

void
sort_u64(void *a, size_t n, size_t size, size_t off, int is_signed)
{
	uint64_t flip = is_signed ? (uint64_t)1 << 63 : 0;
	char *from = a, *to, *buf;
	size_t count[256];

	if (n < 2)
		return;
	buf = to = tk_xmalloc(n * size);
	for (int shift = 0; shift < 64; shift += 8) {
		size_t at = 0;
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[number(from + i * size, off, flip) >> shift & 0xff]++;
		if (count[number(from, off, flip) >> shift & 0xff] == n)
			continue;
		for (int b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++) {
			const char *e = from + i * size;
			copy(to + count[number(e, off, flip) >> shift & 0xff]++ *
			    size, e, size);
		}
		char *t = from;
		from = to;
		to = t;
	}
	if (from != a)
		memcpy(a, from, n * size);
	free(buf);
}
