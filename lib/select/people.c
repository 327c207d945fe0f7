/*
 * people.c - the records of speakers files, held in memory and found by
 * a speaker's id or by name (folded as groups fold names, accents
 * aside).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct person {
	struct tk_str *f;         /* ncol values, copied */
	char *file;
	unsigned long line;
};

/* A key and the record it belongs to, sorted by key. */
struct key {
	struct tk_buf k;
	size_t rec;
};

struct tk_people {
	size_t ncol;
	struct person *p;
	size_t n, cap;
	struct key *byname, *byid;
	size_t nid;
};

struct tk_people *
tk_people_new(size_t ncol)
{
	struct tk_people *pp = tk_xcalloc(1, sizeof(*pp));

	pp->ncol = ncol;
	return pp;
}

void
tk_people_add(struct tk_people *pp, const struct tk_record *rec)
{
	struct person *p;

	TK_GROW(pp->p, pp->cap, pp->n + 1);
	p = &pp->p[pp->n++];
	p->f = tk_xcalloc(pp->ncol ? pp->ncol : 1, sizeof(*p->f));
	for (size_t c = 0; c < pp->ncol; c++) {
		const struct tk_str *v = c < rec->nf ? &rec->f[c] : NULL;
		p->f[c].p = tk_xstrndup(v ? v->p : "", v ? v->n : 0);
		p->f[c].n = v ? v->n : 0;
	}
	p->file = tk_xstrndup(rec->file, strlen(rec->file));
	p->line = rec->line;
}

static int
by_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	size_t n = x->k.n < y->k.n ? x->k.n : y->k.n;
	int d = n ? memcmp(x->k.p, y->k.p, n) : 0;

	if (d)
		return d;
	if (x->k.n != y->k.n)
		return x->k.n < y->k.n ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/*
 * The name key: as groups fold names (case of every script, white
 * space), accents and other marks set aside too, so that "José Núñez"
 * and "JOSE NUNEZ" are one speaker.
 */
static void
name_key(const struct tk_str *v, struct tk_buf *out)
{
	struct tk_buf f = { 0 };

	if (!tk_is_ascii(v->p, v->n) && tk_ufold(v->p, v->n,
	    TK_FOLD_MARKS | TK_FOLD_SPACES, &f) == 0)
		tk_group_fold(f.p, f.n, out);
	else
		tk_group_fold(v->p, v->n, out);
	tk_buf_free(&f);
}

/* The id key: the value without blanks around it. */
static void
id_key(const struct tk_str *v, struct tk_buf *out)
{
	size_t b = 0, e = v->n;

	while (b < e && (v->p[b] == ' ' || v->p[b] == '\t'))
		b++;
	while (e > b && (v->p[e - 1] == ' ' || v->p[e - 1] == '\t'))
		e--;
	tk_buf_add(out, v->p + b, e - b);
}

void
tk_people_index(struct tk_people *pp)
{
	pp->byname = tk_xcalloc(pp->n ? pp->n : 1, sizeof(*pp->byname));
	pp->byid = tk_xcalloc(pp->n ? pp->n : 1, sizeof(*pp->byid));
	for (size_t i = 0; i < pp->n; i++) {
		const struct tk_str *name = &pp->p[i].f[TK_SPEAKER];
		tk_buf_add(&pp->byname[i].k, "", 0);
		name_key(name, &pp->byname[i].k);
		pp->byname[i].rec = i;
		if (pp->ncol > TK_ID && pp->p[i].f[TK_ID].n > 0) {
			struct key *k = &pp->byid[pp->nid++];
			tk_buf_add(&k->k, "", 0);
			id_key(&pp->p[i].f[TK_ID], &k->k);
			k->rec = i;
		}
	}
	qsort(pp->byname, pp->n, sizeof(*pp->byname), by_key);
	qsort(pp->byid, pp->nid, sizeof(*pp->byid), by_key);
}

/* The records whose key is key, in keys (n sorted): up to 2 in found. */
static size_t
lookup(const struct key *keys, size_t n, const struct tk_buf *key,
    size_t *found)
{
	size_t lo = 0, hi = n, k = 0;
	struct key want = { *key, 0 };

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (by_key(&keys[mid], &want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && keys[lo].k.n == key->n && (key->n == 0 ||
	    memcmp(keys[lo].k.p, key->p, key->n) == 0); lo++, k++)
		if (k < 2)
			found[k] = keys[lo].rec;
	return k;
}

size_t
tk_people_find(const struct tk_people *pp, const struct tk_str *id,
    const struct tk_str *name, size_t *found)
{
	struct tk_buf key = { 0 };
	size_t n;

	tk_buf_add(&key, "", 0);
	if (id != NULL) {
		id_key(id, &key);
		n = key.n ? lookup(pp->byid, pp->nid, &key, found) : 0;
	} else {
		name_key(name, &key);
		n = key.n ? lookup(pp->byname, pp->n, &key, found) : 0;
	}
	tk_buf_free(&key);
	return n;
}

size_t
tk_people_count(const struct tk_people *pp)
{
	return pp->n;
}

const struct tk_str *
tk_people_value(const struct tk_people *pp, size_t i, size_t col)
{
	static const struct tk_str none = { "", 0 };

	return col < pp->ncol ? &pp->p[i].f[col] : &none;
}

const char *
tk_people_file(const struct tk_people *pp, size_t i, unsigned long *line)
{
	*line = pp->p[i].line;
	return pp->p[i].file;
}

void
tk_people_free(struct tk_people *pp)
{
	if (pp == NULL)
		return;
	for (size_t i = 0; i < pp->n; i++) {
		for (size_t c = 0; c < pp->ncol; c++)
			free((char *)pp->p[i].f[c].p);
		free(pp->p[i].f);
		free(pp->p[i].file);
		if (pp->byname)
			tk_buf_free(&pp->byname[i].k);
	}
	for (size_t i = 0; i < pp->nid; i++)
		tk_buf_free(&pp->byid[i].k);
	free(pp->byname);
	free(pp->byid);
	free(pp->p);
	free(pp);
}
