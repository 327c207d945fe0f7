/* filter.c - the filters every subcommand shares: --track, --level, --speaker. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cond {
	int field;
	char *value;  /* its grouping key (tk_group_fold) */
	size_t n;
	char *given;  /* as given */
	int seen;     /* some record has it (tk_filter_see) */
};

struct tk_filter {
	struct cond *c;
	size_t n, cap;
	int watch;                /* tk_filter_watch was called */
	size_t unseen;            /* conditions no record had yet */
	struct tk_groups *vals[3]; /* per field: the values seen */
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
	for (size_t i = 0; i < f->n; i++) {
		free(f->c[i].value);
		free(f->c[i].given);
	}
	for (size_t k = 0; k < 3; k++)
		tk_groups_free(f->vals[k]);
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
	f->c[f->n].given = tk_xstrndup(value, strlen(value));
	f->c[f->n].seen = 0;
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

/* The index of field in fields[]. */
static size_t
field_index(int field)
{
	size_t k = 0;

	while (k + 1 < NFIELDS && fields[k] != field)
		k++;
	return k;
}

void
tk_filter_watch(struct tk_filter *f)
{
	f->watch = 1;
	f->unseen = f->n;
	for (size_t i = 0; i < f->n; i++) {
		size_t k = field_index(f->c[i].field);
		if (f->vals[k] == NULL)
			f->vals[k] = tk_groups_new(NULL, NULL, 0);
	}
}

/* Notes the values of field k of rec, for the message of a miss. */
static void
note_values(struct tk_filter *f, size_t k, const struct tk_str *v)
{
	struct tk_str item;
	size_t pos = 0;

	if (fields[k] != TK_SPEAKER) {
		tk_groups_intern(f->vals[k], v->p, v->n);
		return;
	}
	while (tk_next_of(TK_SPEAKER, v, &pos, &item))
		tk_groups_intern(f->vals[k], item.p, item.n);
}

void
tk_filter_see(struct tk_filter *f, const struct tk_record *rec)
{
	if (f->unseen == 0)
		return;
	for (size_t i = 0; i < f->n; i++) {
		struct cond *c = &f->c[i];
		if (c->seen)
			continue;
		if (cond_holds(c, &rec->f[c->field])) {
			c->seen = 1;
			f->unseen--;
		}
	}
	/* The values are wanted only while a condition is unseen. */
	for (size_t k = 0; k < NFIELDS && f->unseen > 0; k++)
		if (f->vals[k])
			note_values(f, k, &rec->f[fields[k]]);
}

size_t
tk_filter_count(const struct tk_filter *f)
{
	return f->n;
}

int
tk_filter_missed(const struct tk_filter *f, size_t i, int *field,
    const char **value, const struct tk_groups **seen)
{
	const struct cond *c = &f->c[i];

	if (!f->watch || c->seen)
		return 0;
	*field = c->field;
	*value = c->given;
	*seen = f->vals[field_index(c->field)];
	return 1;
}
