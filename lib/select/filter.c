/* filter.c - the filters every subcommand shares: --track, --level, --speaker. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cond {
	int field;
	char *value;  /* its grouping key (tk_group_fold) */
	size_t n;
};

struct tk_filter {
	struct cond *c;
	size_t n, cap;
};

struct tk_filter *
tk_filter_new(void)
{
	return tk_xcalloc(1, sizeof(struct tk_filter));
}

void
tk_filter_free(struct tk_filter *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->c[i].value);
	free(f->c);
	free(f);
}

void
tk_filter_add(struct tk_filter *f, int field, const char *value)
{
	TK_GROW(f->c, f->cap, f->n + 1);
	/* Compared as by-track groups: so every talk of a group is kept. */
	struct tk_buf key = { 0 };
	tk_group_fold(value, strlen(value), &key);
	tk_buf_addc(&key, 0);
	f->c[f->n].field = field;
	f->c[f->n].value = key.p;
	f->c[f->n].n = key.n - 1;
	f->n++;
}

static int
cond_holds(const struct cond *c, const struct tk_str *v)
{
	struct tk_str item;
	size_t pos = 0;

	if (c->field != TK_SPEAKER)
		return tk_group_same(c->value, c->n, v->p, v->n);
	while (tk_next_of(TK_SPEAKER, v, &pos, &item))
		if (tk_group_same(c->value, c->n, item.p, item.n))
			return 1;
	return 0;
}

/* The fields a filter can test. */
static const int fields[] = { TK_TRACK, TK_LEVEL, TK_SPEAKER };

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

int
tk_filter_match(const struct tk_filter *f, const struct tk_record *rec)
{
	for (size_t k = 0; k < NFIELDS; k++) {
		int asked = 0, held = 0;
		for (size_t i = 0; i < f->n && !held; i++) {
			if (f->c[i].field != fields[k])
				continue;
			asked = 1;
			held = cond_holds(&f->c[i], &rec->f[fields[k]]);
		}
		if (asked && !held)
			return 0;
	}
	return 1;
}

size_t
tk_filter_fields(const struct tk_filter *f, size_t *out)
{
	size_t n = 0;

	for (size_t k = 0; k < NFIELDS; k++) {
		size_t i = 0;
		while (i < f->n && f->c[i].field != fields[k])
			i++;
		if (i < f->n)
			out[n++] = (size_t)fields[k];
	}
	return n;
}
