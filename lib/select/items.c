/*
 * items.c - the items of multi-valued fields: separated by ';' or line
 * breaks, and in speaker and email values also by the separators that
 * tk_speaker_seps adds.
 */
#include <string.h>

#include "select/select.h"

/* The added separators (--speaker-sep): the caller's array. */
static const char *const *extra;
static size_t nextra;

void
tk_speaker_seps(const char *const *seps, size_t n)
{
	extra = seps;
	nextra = n;
}

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

/* The length of the added separator at v[i], or 0. */
static size_t
added_sep(const struct tk_str *v, size_t i)
{
	for (size_t k = 0; k < nextra; k++) {
		size_t n = strlen(extra[k]);
		if (n > 0 && n <= v->n - i && memcmp(v->p + i, extra[k], n) == 0)
			return n;
	}
	return 0;
}

/* tk_next_item, with the added separators when more is set. */
static int
next(const struct tk_str *v, size_t *pos, struct tk_str *item, int more)
{
	size_t i = *pos, end, b, e, seplen = 1;
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
	for (end = i; end < v->n && !is_sep(v->p[end]); end++)
		if (more && (seplen = added_sep(v, end)) > 0)
			break;
	if (end == v->n || is_sep(v->p[end]))
		seplen = 1;
	for (b = i; b < end && is_blank(v->p[b]);)
		b++;
	for (e = end; e > b && is_blank(v->p[e - 1]);)
		e--;
	item->p = v->p + b;
	item->n = e - b;
	/* A CRLF is one break. */
	if (end + 1 < v->n && v->p[end] == '\r' && v->p[end + 1] == '\n')
		end++;
	*pos = end + seplen;
	return 1;
}

int
tk_next_item(const struct tk_str *v, size_t *pos, struct tk_str *item)
{
	return next(v, pos, item, 0);
}

int
tk_next_of(size_t c, const struct tk_str *v, size_t *pos,
    struct tk_str *item)
{
	return next(v, pos, item, nextra > 0 &&
	    (c == TK_SPEAKER || c == TK_EMAIL));
}

size_t
tk_count_of(size_t c, const struct tk_str *v)
{
	struct tk_str it;
	size_t pos = 0, n = 0;

	while (tk_next_of(c, v, &pos, &it))
		n++;
	return n;
}

struct tk_str
tk_item_of(size_t c, const struct tk_str *v, size_t i)
{
	struct tk_str it = { "", 0 };
	size_t pos = 0;

	for (size_t k = 0; tk_next_of(c, v, &pos, &it); k++)
		if (k == i)
			return it;
	it.p = "";
	it.n = 0;
	return it;
}
