/* alloc.c - allocation that never fails, and error values. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void
tk_oom(void)
{
	fputs("talks: out of memory\n", stderr);
	exit(2);
}

void *
tk_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		tk_oom();
	return p;
}

void *
tk_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		tk_oom();
	return p;
}

void *
tk_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		tk_oom();
	return p;
}

char *
tk_xstrndup(const char *s, size_t n)
{
	char *p = tk_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
tk_cut(const char *s, size_t n, size_t max)
{
	size_t k = max;

	if (n <= max)
		return (int)n;
	/* A character has at most 3 bytes after its first. */
	while (k > 0 && k + 3 > max && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return (int)k;
}

void
tk_vformat(char *out, size_t size, const char *fmt, va_list ap)
{
	char tmp[TK_MSG_MAX + 4];
	int k = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	size_t n = k < 0 ? 0 : (size_t)k;

	if (n >= sizeof(tmp))
		n = sizeof(tmp) - 1;
	if (size > sizeof(tmp) - 3)
		size = sizeof(tmp) - 3;
	n = (size_t)tk_cut(tmp, n, size - 1);
	memcpy(out, tmp, n);
	out[n] = '\0';
}

int
tk_fail(struct tk_err *e, const char *file, unsigned long line,
    unsigned long col, const char *fmt, ...)
{
	va_list ap;

	e->file = file;
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	tk_vformat(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}
