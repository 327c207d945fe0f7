/* buf.c - growable byte strings, always NUL-terminated. */
#include <stdlib.h>
#include <string.h>

#include "talks.h"

void
tk_buf_add(struct tk_buf *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = tk_xrealloc(b->p, b->cap);
	}
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
