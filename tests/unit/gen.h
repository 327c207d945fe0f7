/* gen.h - writing generated CSV and TSV inputs for the differential tests. */
#ifndef GEN_H
#define GEN_H

#include <stdarg.h>
#include <stdio.h>

#include "talks.h"

/* Appends the printf-style text to b. */
static inline void
putf(struct tk_buf *b, const char *fmt, ...)
{
	char tmp[700];
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	tk_buf_add(b, tmp, (size_t)k);
}

/* Whether text t must be quoted as a field with delimiter delim. */
static inline int
needs_quotes(const struct tk_buf *t, int delim)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->p[i] == delim || t->p[i] == '\n' || t->p[i] == '\r' ||
		    (i == 0 && t->p[i] == '"'))
			return 1;
	return 0;
}

/* Appends text t to b as a quoted field, its quotes doubled. */
static inline void
put_quoted(struct tk_buf *b, const struct tk_buf *t)
{
	tk_buf_add(b, "\"", 1);
	for (size_t i = 0; i < t->n; i++) {
		if (t->p[i] == '"')
			tk_buf_add(b, "\"", 1);
		tk_buf_add(b, t->p + i, 1);
	}
	tk_buf_add(b, "\"", 1);
}

#endif
