/* filter.c - the filters every subcommand shares: --track, --level, --speaker. */
#include <stdlib.h>
#include <string.h>

#include "talks.h"

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
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 4;
		f->c = tk_xrealloc(f->c, f->cap * sizeof(*f->c));
	}
	/* Compared as by-track groups: so every talk of a group is kept. */
	f->c[f->n].field = field;
	f->c[f->n].value = tk_xmalloc(strlen(value) + 1);
	f->c[f->n].n = tk_group_fold(value, strlen(value), f->c[f->n].value);
	f->n++;
}

static int
cond_holds(const struct cond *c, const struct tk_str *v)
{
	struct tk_str item;
	size_t pos = 0;

	if (c->field != TK_SPEAKER)
		return tk_group_same(c->value, c->n, v->p, v->n);
	while (tk_next_item(v, &pos, &item))
		if (tk_group_same(c->value, c->n, item.p, item.n))
			return 1;
	return 0;
}

int
tk_filter_match(const struct tk_filter *f, const struct tk_record *rec)
{
	static const int fields[] = { TK_TRACK, TK_LEVEL, TK_SPEAKER };

	for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
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
