/*
 * keys.c - a set of byte strings with a number each, for the tables that
 * grow with the records (ids, titles): one open-addressing array whose
 * slots hold the full hash, so that a lookup touches the text of a key
 * only when its hash is the same.
 */
#include <stdlib.h>
#include <string.h>

#include "checker.h"

struct keyslot {
	uint64_t hash;
	size_t off;               /* in text: the key's length, then its bytes */
	size_t value;
};

uint64_t
text_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	/* FNV mixes upwards only: bring the high bits down to the index. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	return h ^ h >> 33;
}

/* Keeps the table at most half full. */
static void
rehash(struct keys *s)
{
	struct keyslot *old = s->slot;
	size_t nold = s->nslot;

	s->nslot = s->nslot ? s->nslot * 2 : 256;
	s->slot = tk_xcalloc(s->nslot, sizeof(*s->slot));
	for (size_t i = 0; i < nold; i++) {
		size_t j = old[i].hash & (s->nslot - 1);
		if (old[i].off == 0)
			continue;
		while (s->slot[j].off)
			j = (j + 1) & (s->nslot - 1);
		s->slot[j] = old[i];
	}
	free(old);
}

/* The slot of key (n bytes, hash h): its own, or the free one it would take. */
static struct keyslot *
find(const struct keys *s, const char *key, size_t n, uint64_t h)
{
	size_t j, len;

	for (j = h & (s->nslot - 1); s->slot[j].off; j = (j + 1) &
	    (s->nslot - 1)) {
		const struct keyslot *k = &s->slot[j];
		if (k->hash != h)
			continue;
		memcpy(&len, s->text.p + k->off, sizeof(len));
		if (len == n && memcmp(s->text.p + k->off + sizeof(len), key,
		    n) == 0)
			break;
	}
	return &s->slot[j];
}

size_t
keys_get(const struct keys *s, const char *key, size_t n)
{
	const struct keyslot *k;

	if (s->n == 0)
		return NONE;
	k = find(s, key, n, text_hash(key, n));
	return k->off ? k->value : NONE;
}

size_t
keys_put(struct keys *s, const char *key, size_t n, size_t value)
{
	uint64_t h = text_hash(key, n);
	struct keyslot *k;

	if ((s->n + 1) * 2 > s->nslot)
		rehash(s);
	if (s->text.n == 0)
		tk_buf_addc(&s->text, 0); /* offset 0 marks a free slot */
	if ((k = find(s, key, n, h))->off)
		return k->value;
	k->hash = h;
	k->off = s->text.n;
	k->value = value;
	tk_buf_add(&s->text, &n, sizeof(n));
	tk_buf_add(&s->text, key, n);
	s->n++;
	return NONE;
}

void
keys_free(struct keys *s)
{
	free(s->slot);
	tk_buf_free(&s->text);
	memset(s, 0, sizeof(*s));
}
