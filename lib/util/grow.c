/* grow.c - growable arrays: the slow path of TK_GROW. */
#include <stdint.h>

#include "util/util.h"

void *
tk_grow(void *p, size_t *cap, size_t n, size_t size)
{
	size_t c = *cap > SIZE_MAX / 2 ? n : *cap * 2;

	if (c < n)
		c = n;
	if (c < TK_GROW_MIN)
		c = TK_GROW_MIN;
	/* An array larger than memory cannot be made: as out of memory. */
	if (size > 0 && c > SIZE_MAX / size)
		c = SIZE_MAX / size;
	p = tk_xrealloc(p, c * size);
	*cap = c;
	return p;
}
