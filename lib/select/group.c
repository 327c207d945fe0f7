/*
 * group.c - records in groups named by a field's value.
 *
 * Groups are found through a hash table of their folded names, so that a
 * record costs one lookup however many groups there are.  With columns
 * kept, the records are stored once in a tk_rows and each membership is
 * a (row, group) pair; the pairs are put in group order only when the
 * members are first asked for.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct group {
	size_t name, namelen; /* the first spelling, in text */
	size_t key, keylen;   /* the folded name, in text */
	size_t hash;
	size_t size;          /* members */
	size_t last;          /* serial of the last record that joined */
};

struct member {
	size_t row, group;
};

struct tk_groups {
	struct group *grp;
	size_t n, cap;
	char *text;
	size_t tlen, tcap;
	size_t *slot;         /* open addressing: group index + 1, or 0 */
	size_t nslot;
	size_t none;          /* the none group's index, or SIZE_MAX */
	size_t serial;        /* of the current record, from 1 */
	struct tk_rows *rows; /* NULL when only counting */
	struct member *mem;
	size_t nmem, memcap;
	size_t *start;        /* per group: its first place in byrow */
	size_t *byrow;        /* member rows, group after group */
	int bucketed;         /* start and byrow are up to date */
};

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

/*
 * The fold that makes grouping keys, one byte at a time: the next byte
 * of the key of s[*i .. n), moving *i past it, or -1 at the end.  The
 * key is made, hashed and compared with it, always the same way.
 */
static inline int
key_byte(const char *s, size_t n, size_t *i)
{
	while (*i < n) {
		unsigned char c = (unsigned char)s[(*i)++];
		if (!is_space(c))
			return tk_lower(c);
	}
	return -1;
}

/*
 * s (n bytes) ready for key_byte: itself when it is ASCII, else its
 * Unicode fold (case, composed and decomposed letters, kinds of space)
 * in tmp; bytes that are not UTF-8 are taken as they are.
 */
static struct tk_str
unicode(const char *s, size_t n, struct tk_buf *tmp)
{
	struct tk_str v = { s, n };

	if (tk_is_ascii(s, n) || tk_ufold(s, n, TK_FOLD_SPACES, tmp) < 0)
		return v;
	v.p = tmp->p;
	v.n = tmp->n;
	return v;
}

void
tk_group_fold(const char *s, size_t n, struct tk_buf *out)
{
	struct tk_buf tmp = { 0 };
	struct tk_str v = unicode(s, n, &tmp);
	size_t i = 0;
	int c;

	while ((c = key_byte(v.p, v.n, &i)) >= 0)
		tk_buf_addc(out, c);
	tk_buf_free(&tmp);
}

/*
 * FNV-1a of the key of s into *h and its length into *len, computed
 * without making it; -1 at a byte that is not ASCII when ascii is set.
 */
static int
hash_key(const char *s, size_t n, int ascii, uint64_t *h, size_t *len)
{
	size_t k = 0, i = 0;
	int c;

	*h = 14695981039346656037ULL;
	while ((c = key_byte(s, n, &i)) >= 0) {
		if (ascii && c >= 0x80)
			return -1;
		*h = (*h ^ (unsigned char)c) * 1099511628211ULL;
		k++;
	}
	*len = k;
	return 0;
}

/* The hash of the key of s: ASCII in one pass, else through utf8proc. */
static size_t
fold_hash(const char *s, size_t n, size_t *len)
{
	uint64_t h;

	if (hash_key(s, n, 1, &h, len) < 0) {
		struct tk_buf tmp = { 0 };
		struct tk_str v = unicode(s, n, &tmp);
		hash_key(v.p, v.n, 0, &h, len);
		tk_buf_free(&tmp);
	}
	return (size_t)h;
}

/*
 * Compares key with the key of s; with ascii set, -1 when s is not all
 * ASCII (a letter and a combining mark after it fold as one).
 */
static int
same_key(const char *key, size_t keylen, const char *s, size_t n, int ascii)
{
	size_t k = 0, i = 0;
	int c;

	while ((c = key_byte(s, n, &i)) >= 0) {
		if (ascii && c >= 0x80)
			return -1;
		if (k == keylen || (unsigned char)key[k] != c)
			return ascii && !tk_is_ascii(s + i, n - i) ? -1 : 0;
		k++;
	}
	return k == keylen;
}

int
tk_group_same(const char *key, size_t keylen, const char *s, size_t n)
{
	int same = same_key(key, keylen, s, n, 1);

	if (same < 0) {
		struct tk_buf tmp = { 0 };
		struct tk_str v = unicode(s, n, &tmp);
		same = same_key(key, keylen, v.p, v.n, 0);
		tk_buf_free(&tmp);
	}
	return same;
}

struct tk_groups *
tk_groups_new(const struct tk_reader *r, const size_t *cols, size_t ncols)
{
	struct tk_groups *g = tk_xcalloc(1, sizeof(*g));

	g->none = SIZE_MAX;
	if (r)
		g->rows = tk_rows_new(r, cols, ncols);
	return g;
}

void
tk_groups_free(struct tk_groups *g)
{
	if (g == NULL)
		return;
	free(g->grp);
	free(g->text);
	free(g->slot);
	tk_rows_free(g->rows);
	free(g->mem);
	free(g->start);
	free(g->byrow);
	free(g);
}

/* Appends n bytes (s NULL: room for them) to the text; returns their offset. */
static size_t
add_text(struct tk_groups *g, const char *s, size_t n)
{
	size_t off = g->tlen;

	TK_GROW(g->text, g->tcap, g->tlen + n);
	if (s && n)
		memcpy(g->text + off, s, n);
	g->tlen += n;
	return off;
}

static size_t
new_group(struct tk_groups *g)
{
	TK_GROW(g->grp, g->cap, g->n + 1);
	memset(&g->grp[g->n], 0, sizeof(g->grp[g->n]));
	g->bucketed = 0;
	return g->n++;
}

static void
put_slot(struct tk_groups *g, size_t i)
{
	size_t mask = g->nslot - 1, s = g->grp[i].hash & mask;

	while (g->slot[s])
		s = (s + 1) & mask;
	g->slot[s] = i + 1;
}

/* Keeps the table at most half full. */
static void
grow_slots(struct tk_groups *g)
{
	if ((g->n + 1) * 2 <= g->nslot)
		return;
	free(g->slot);
	g->nslot = g->nslot ? g->nslot * 2 : 64;
	g->slot = tk_xcalloc(g->nslot, sizeof(*g->slot));
	for (size_t i = 0; i < g->n; i++)
		if (i != g->none)
			put_slot(g, i);
}

static size_t
none_group(struct tk_groups *g)
{
	if (g->none == SIZE_MAX)
		g->none = new_group(g);
	return g->none;
}

size_t
tk_groups_intern(struct tk_groups *g, const char *name, size_t n)
{
	size_t h, len, s, mask, i;
	struct tk_buf kb = { 0 };

	while (n > 0 && is_space((unsigned char)name[0])) {
		name++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)name[n - 1]))
		n--;
	if (n == 0)
		return none_group(g);
	h = fold_hash(name, n, &len);
	grow_slots(g);
	mask = g->nslot - 1;
	for (s = h & mask; g->slot[s]; s = (s + 1) & mask) {
		struct group *w = &g->grp[g->slot[s] - 1];
		if (w->hash == h && tk_group_same(g->text + w->key, w->keylen,
		    name, n))
			return g->slot[s] - 1;
	}
	i = new_group(g);
	g->slot[s] = i + 1;
	g->grp[i].hash = h;
	g->grp[i].name = add_text(g, name, n);
	g->grp[i].namelen = n;
	tk_group_fold(name, n, &kb);
	g->grp[i].key = add_text(g, kb.p, kb.n);
	g->grp[i].keylen = kb.n;
	tk_buf_free(&kb);
	return i;
}

void
tk_groups_next(struct tk_groups *g, const struct tk_record *rec)
{
	g->serial++;
	if (g->rows) {
		tk_rows_add(g->rows, rec);
		g->bucketed = 0;
	}
}

int
tk_groups_add(struct tk_groups *g, const char *name, size_t n, size_t *idx)
{
	size_t i = tk_groups_intern(g, name, n);
	struct group *w = &g->grp[i];

	if (idx)
		*idx = i;
	if (g->serial && w->last == g->serial)
		return 0;
	w->last = g->serial;
	w->size++;
	if (g->rows && tk_rows_count(g->rows) > 0) {
		TK_GROW(g->mem, g->memcap, g->nmem + 1);
		g->mem[g->nmem].row = tk_rows_count(g->rows) - 1;
		g->mem[g->nmem].group = i;
		g->nmem++;
		g->bucketed = 0;
	}
	return 1;
}

size_t
tk_groups_count(const struct tk_groups *g)
{
	return g->n;
}

struct tk_str
tk_groups_name(const struct tk_groups *g, size_t i)
{
	struct tk_str v = { "", 0 };

	if (i != g->none) {
		v.p = g->text + g->grp[i].name;
		v.n = g->grp[i].namelen;
	}
	return v;
}

size_t
tk_groups_size(const struct tk_groups *g, size_t i)
{
	return g->grp[i].size;
}

/* The context of the comparison functions, which qsort cannot pass. */
static const struct tk_groups *ordering;
static size_t order_col;
static enum tk_group_order order_how;

static int
cmp_names(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct group *x = &ordering->grp[i], *y = &ordering->grp[j];
	int c;

	if (order_how == TK_ORDER_COUNT && x->size != y->size)
		return x->size > y->size ? -1 : 1;
	struct tk_str u = tk_groups_name(ordering, i);
	struct tk_str v = tk_groups_name(ordering, j);
	if ((c = tk_compare(order_col, &u, &v)) != 0)
		return c;
	return (i > j) - (i < j);
}

size_t *
tk_groups_order(const struct tk_groups *g, enum tk_group_order how,
    size_t col)
{
	size_t *ix = tk_xcalloc(g->n, sizeof(*ix)), k = 0;

	for (size_t i = 0; i < g->n; i++)
		if (i != g->none)
			ix[k++] = i;
	if (how != TK_ORDER_INPUT && k > 1) {
		ordering = g;
		order_col = col;
		order_how = how;
		qsort(ix, k, sizeof(*ix), cmp_names);
		ordering = NULL;
	}
	if (g->none != SIZE_MAX)
		ix[k++] = g->none;
	return ix;
}

/* Puts the member rows in group order, input order within a group. */
static void
bucket(struct tk_groups *g)
{
	size_t *at;

	if (g->bucketed)
		return;
	free(g->start);
	free(g->byrow);
	g->start = tk_xcalloc(g->n + 1, sizeof(*g->start));
	for (size_t i = 0; i < g->n; i++)
		g->start[i + 1] = g->start[i] + g->grp[i].size;
	g->byrow = tk_xcalloc(g->start[g->n], sizeof(*g->byrow));
	at = tk_xcalloc(g->n + 1, sizeof(*at));
	memcpy(at, g->start, (g->n + 1) * sizeof(*at));
	for (size_t m = 0; m < g->nmem; m++)
		g->byrow[at[g->mem[m].group]++] = g->mem[m].row;
	free(at);
	g->bucketed = 1;
}

static const struct tk_str *sort_vals; /* nkeys values per row */
static const size_t *sort_keys;
static size_t sort_nkeys;
static int sort_reverse;

static int
cmp_rows(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	for (size_t k = 0; k < sort_nkeys; k++) {
		int c = tk_compare(sort_keys[k], &sort_vals[x * sort_nkeys + k],
		    &sort_vals[y * sort_nkeys + k]);
		if (c)
			return sort_reverse ? -c : c;
	}
	return (x > y) - (x < y);
}

void
tk_groups_sort(struct tk_groups *g, const size_t *keys, size_t nkeys,
    int reverse)
{
	size_t nrows = g->rows ? tk_rows_count(g->rows) : 0;
	struct tk_str *v;
	struct tk_record rec;

	bucket(g);
	if (nkeys == 0 || nrows == 0)
		return;
	/* The values point into the store, which does not move now. */
	v = tk_xcalloc(nrows * nkeys, sizeof(*v));
	for (size_t i = 0; i < nrows; i++) {
		tk_rows_get(g->rows, i, &rec);
		for (size_t k = 0; k < nkeys; k++)
			v[i * nkeys + k] = rec.f[keys[k]];
	}
	sort_vals = v;
	sort_keys = keys;
	sort_nkeys = nkeys;
	sort_reverse = reverse;
	for (size_t i = 0; i < g->n; i++)
		qsort(g->byrow + g->start[i], g->grp[i].size,
		    sizeof(*g->byrow), cmp_rows);
	sort_vals = NULL;
	sort_keys = NULL;
	free(v);
}

void
tk_groups_member(struct tk_groups *g, size_t i, size_t j,
    struct tk_record *rec)
{
	bucket(g);
	tk_rows_get(g->rows, g->byrow[g->start[i] + j], rec);
}
