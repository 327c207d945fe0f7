/* buf.c - growable byte strings, always NUL-terminated. */
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void
tk_buf_add(struct tk_buf *b, const void *p, size_t n)
{
	TK_GROW(b->p, b->cap, b->n + n + 1);
	if (n > 0)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
tk_buf_addc(struct tk_buf *b, int c)
{
	char ch = (char)c;

	tk_buf_add(b, &ch, 1);
}

void
tk_buf_adds(struct tk_buf *b, const char *s)
{
	tk_buf_add(b, s, strlen(s));
}

void
tk_buf_free(struct tk_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}
