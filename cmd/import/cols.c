/*
 * cols.c - the columns of talks import: a map from names to indexes, and
 * the columns named by the files, leading fields first.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"

struct strmap_slot {
	char *key;                /* NULL: empty */
	size_t n, v;
	unsigned long long h;
};

static unsigned long long
hash(const char *s, size_t n)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static struct strmap_slot *
lookup(const struct strmap *m, const char *key, size_t n,
    unsigned long long h)
{
	size_t i = (size_t)h & (m->nslot - 1);

	for (;; i = (i + 1) & (m->nslot - 1)) {
		struct strmap_slot *s = &m->slot[i];
		if (s->key == NULL || (s->h == h && s->n == n &&
		    memcmp(s->key, key, n) == 0))
			return s;
	}
}

long
strmap_get(const struct strmap *m, const char *key, size_t n)
{
	struct strmap_slot *s;

	if (m->nslot == 0)
		return -1;
	s = lookup(m, key, n, hash(key, n));
	return s->key ? (long)s->v : -1;
}

static void
grow(struct strmap *m)
{
	struct strmap old = *m;

	m->nslot = old.nslot ? old.nslot * 2 : 16;
	m->slot = tk_xcalloc(m->nslot, sizeof(*m->slot));
	for (size_t i = 0; i < old.nslot; i++)
		if (old.slot[i].key)
			*lookup(m, old.slot[i].key, old.slot[i].n,
			    old.slot[i].h) = old.slot[i];
	free(old.slot);
}

void
strmap_put(struct strmap *m, const char *key, size_t n, size_t v)
{
	unsigned long long h = hash(key, n);
	struct strmap_slot *s;

	if ((m->n + 1) * 2 > m->nslot)
		grow(m);
	s = lookup(m, key, n, h);
	s->key = tk_xstrndup(key, n);
	s->n = n;
	s->v = v;
	s->h = h;
	m->n++;
}

void
strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->nslot; i++)
		free(m->slot[i].key);
	free(m->slot);
	memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------ columns */

static const char *const lead_names[NLEAD] = {
	[L_GUID] = "guid", [L_SUBTITLE] = "subtitle",
	[L_SPEAKER_IDS] = "speaker ids", [L_LANGUAGE] = "language",
	[L_SLUG] = "slug", [L_LINKS] = "links",
};

static const int canon_lead[TK_NCANON] = {
	[TK_ID] = L_ID, [TK_TITLE] = L_TITLE, [TK_SPEAKER] = L_SPEAKER,
	[TK_EMAIL] = L_EMAIL, [TK_AFFILIATION] = L_AFFILIATION,
	[TK_TRACK] = L_TRACK, [TK_TYPE] = L_TYPE, [TK_LEVEL] = L_LEVEL,
	[TK_STATE] = L_STATE, [TK_DESCRIPTION] = L_DESCRIPTION,
	[TK_ABSTRACT] = L_ABSTRACT, [TK_BIO] = L_BIO, [TK_ROOM] = L_ROOM,
	[TK_DAY] = L_DAY, [TK_START] = L_START, [TK_END] = L_END,
	[TK_DURATION] = L_DURATION, [TK_URL] = L_URL, [TK_TAGS] = L_TAGS,
};

enum lead
lead_of_canon(int c)
{
	return (enum lead)canon_lead[c];
}

const char *
lead_name(enum lead f)
{
	for (int c = 0; c < TK_NCANON; c++)
		if (canon_lead[c] == (int)f)
			return tk_canon_name(c);
	return lead_names[f];
}

/* The rank of a new column: its place among the leading fields, or after. */
static size_t
rank_of(const char *name, size_t n, size_t seq)
{
	for (int f = 0; f < NLEAD; f++) {
		const char *l = lead_name((enum lead)f);
		if (strlen(l) == n && memcmp(l, name, n) == 0)
			return (size_t)f;
	}
	return NLEAD + seq;
}

size_t
cols_add(struct cols *c, const char *name, size_t n)
{
	long k = strmap_get(&c->map, name, n);

	if (k >= 0)
		return (size_t)k;
	if (c->n == c->cap) {
		size_t cap = c->cap;
		c->name = tk_grow(c->name, &cap, c->n + 1, sizeof(*c->name));
		c->rank = tk_grow(c->rank, &c->cap, c->n + 1, sizeof(*c->rank));
	}
	c->name[c->n] = tk_xstrndup(name, n);
	c->rank[c->n] = rank_of(name, n, c->n);
	strmap_put(&c->map, name, n, c->n);
	return c->n++;
}

long
cols_find(const struct cols *c, const char *name, size_t n)
{
	return strmap_get(&c->map, name, n);
}

void
cols_truncate(struct cols *c, size_t n)
{
	if (n >= c->n)
		return;
	strmap_free(&c->map);
	for (size_t i = 0; i < c->n; i++) {
		if (i < n)
			strmap_put(&c->map, c->name[i], strlen(c->name[i]), i);
		else
			free(c->name[i]);
	}
	c->n = n;
}

static const struct cols *order_cols;

static int
by_rank(const void *a, const void *b)
{
	size_t x = order_cols->rank[*(const size_t *)a];
	size_t y = order_cols->rank[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

size_t *
cols_order(const struct cols *c)
{
	size_t *o = tk_xcalloc(c->n + 1, sizeof(*o));

	for (size_t i = 0; i < c->n; i++)
		o[i] = i;
	order_cols = c;
	qsort(o, c->n, sizeof(*o), by_rank);
	return o;
}

void
cols_free(struct cols *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	free(c->rank);
	strmap_free(&c->map);
	memset(c, 0, sizeof(*c));
}
