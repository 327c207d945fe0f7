/* items.c - the items of multi-valued fields. */
#include "select/select.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_sep(char c)
{
	return c == ';' || c == '\n' || c == '\r';
}

int
tk_next_item(const struct tk_str *v, size_t *pos, struct tk_str *item)
{
	size_t i = *pos, end, b, e;
	int any = 0;

	if (i > v->n)
		return 0;
	if (i == 0) {
		for (size_t k = 0; k < v->n; k++)
			if (!is_blank(v->p[k]) && !is_sep(v->p[k]))
				any = 1;
		if (!any)
			return 0;
	}
	for (end = i; end < v->n && !is_sep(v->p[end]);)
		end++;
	for (b = i; b < end && is_blank(v->p[b]);)
		b++;
	for (e = end; e > b && is_blank(v->p[e - 1]);)
		e--;
	item->p = v->p + b;
	item->n = e - b;
	/* A CRLF is one break. */
	if (end + 1 < v->n && v->p[end] == '\r' && v->p[end + 1] == '\n')
		end++;
	*pos = end + 1;
	return 1;
}

struct tk_str
tk_item(const struct tk_str *v, size_t i)
{
	struct tk_str it = { "", 0 };
	size_t pos = 0;

	for (size_t k = 0; tk_next_item(v, &pos, &it); k++)
		if (k == i)
			return it;
	it.p = "";
	it.n = 0;
	return it;
}
