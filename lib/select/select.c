/* select.c - field lists and the sort order of values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Appends the names a user may give to the message in e. */
static void
known_names(const struct tk_reader *r, struct tk_err *e)
{
	size_t o = strlen(e->msg), size = sizeof(e->msg);

	for (size_t c = 0; c < tk_ncols(r) && o + 8 < size; c++) {
		const char *n = tk_colname(r, c);
		if (*n == '\0')
			continue;
		int k = snprintf(e->msg + o, size - o, "%s%s",
		    c ? ", " : " (known: ", n);
		if (k < 0)
			break;
		o += (size_t)k;
	}
	if (o + 8 >= size)
		snprintf(e->msg + tk_cut(e->msg, size - 1, size - 8), 8,
		    ", ...)");
	else
		snprintf(e->msg + o, size - o, ")");
}

int
tk_parse_fields(const struct tk_reader *r, const char *list, size_t **cols,
    size_t *ncols, struct tk_err *e)
{
	size_t n = 1, k = 0;
	const char *p = list;

	for (const char *q = list; *q; q++)
		n += *q == ',';
	*cols = tk_xcalloc(n, sizeof(**cols));
	for (;;) {
		size_t len = strcspn(p, ",");
		long c = tk_find_col(r, p, len);
		if (c < 0) {
			tk_fail(e, NULL, 0, 0, "unknown field '%.*s'",
			    tk_cut(p, len, 60), p);
			known_names(r, e);
			free(*cols);
			*cols = NULL;
			return -1;
		}
		(*cols)[k++] = (size_t)c;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	*ncols = k;
	return 0;
}

size_t *
tk_all_fields(const struct tk_reader *r, size_t *ncols)
{
	size_t *cols = tk_xcalloc(tk_ncols(r), sizeof(*cols)), k = 0;

	for (size_t c = 0; c < tk_ncols(r); c++)
		if (tk_col_present(r, c))
			cols[k++] = c;
	*ncols = k;
	return cols;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Compares runs of digits as numbers and other bytes as bytes, in ASCII
 * lower case.
 */
static int
natural(const struct tk_str *a, const struct tk_str *b)
{
	size_t i = 0, j = 0;

	while (i < a->n && j < b->n) {
		if (is_digit(a->p[i]) && is_digit(b->p[j])) {
			size_t si, sj, ei, ej;
			while (i < a->n && a->p[i] == '0')
				i++;
			while (j < b->n && b->p[j] == '0')
				j++;
			for (si = i, ei = i; ei < a->n && is_digit(a->p[ei]);)
				ei++;
			for (sj = j, ej = j; ej < b->n && is_digit(b->p[ej]);)
				ej++;
			if (ei - si != ej - sj)
				return ei - si < ej - sj ? -1 : 1;
			int c = memcmp(a->p + si, b->p + sj, ei - si);
			if (c)
				return c;
			i = ei;
			j = ej;
			continue;
		}
		unsigned char x = tk_lower((unsigned char)a->p[i]);
		unsigned char y = tk_lower((unsigned char)b->p[j]);
		if (x != y)
			return x < y ? -1 : 1;
		i++;
		j++;
	}
	return (i < a->n) - (j < b->n);
}

int
tk_compare(size_t c, const struct tk_str *a, const struct tk_str *b)
{
	size_t n;
	int d;

	switch (c) {
	case TK_ID: case TK_DAY: case TK_START: case TK_END: case TK_DURATION:
		d = natural(a, b);
		if (d)
			return d;
		n = a->n < b->n ? a->n : b->n;
		d = n ? memcmp(a->p, b->p, n) : 0;
		if (d)
			return d < 0 ? -1 : 1;
		return (a->n > b->n) - (a->n < b->n);
	}
	return tk_collate(a->p, a->n, b->p, b->n);
}
