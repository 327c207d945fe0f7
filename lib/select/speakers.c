/* speakers.c - the speakers of talks, one by one and gathered. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct tk_str *
field(const struct tk_record *rec, size_t c)
{
	static const struct tk_str none = { "", 0 };

	return c < rec->nf ? &rec->f[c] : &none;
}

int
tk_unpaired(const struct tk_record *rec, size_t *nspeakers, size_t *nitems)
{
	size_t ns = tk_count_of(TK_SPEAKER, field(rec, TK_SPEAKER));
	size_t ne = tk_count_of(TK_EMAIL, field(rec, TK_EMAIL));
	size_t na = tk_count_of(TK_AFFILIATION, field(rec, TK_AFFILIATION));
	int bad = 0;

	if (ne > 0 && ne != ns)
		bad |= TK_UNPAIRED_EMAIL;
	if (na > 0 && na != ns)
		bad |= TK_UNPAIRED_AFFILIATION;
	if (nspeakers)
		*nspeakers = ns;
	if (nitems) {
		nitems[0] = ne;
		nitems[1] = na;
	}
	return bad;
}

int
tk_person(const struct tk_record *rec, size_t i, struct tk_person *p)
{
	static const struct tk_str none = { "", 0 };
	const struct tk_str *sp = field(rec, TK_SPEAKER);
	size_t pos = 0, k = 0;
	struct tk_str it;

	while (tk_next_of(TK_SPEAKER, sp, &pos, &it)) {
		if (k++ != i)
			continue;
		int bad = tk_unpaired(rec, NULL, NULL);
		p->name = it;
		p->i = i;
		p->email = bad & TK_UNPAIRED_EMAIL ? none :
		    tk_item_of(TK_EMAIL, field(rec, TK_EMAIL), i);
		p->affiliation = bad & TK_UNPAIRED_AFFILIATION ? none :
		    tk_item_of(TK_AFFILIATION, field(rec, TK_AFFILIATION), i);
		return 1;
	}
	return 0;
}

struct tk_speakers {
	struct tk_speaker *s;
	struct tk_buf *key;       /* per speaker: the grouping key of the name */
	size_t n, cap, keycap;
};

struct tk_speakers *
tk_speakers_new(void)
{
	return tk_xcalloc(1, sizeof(struct tk_speakers));
}

static void
copy(struct tk_str *to, const struct tk_str *from)
{
	to->p = tk_xstrndup(from->p, from->n);
	to->n = from->n;
}

/* The speaker named name, as by-track groups names; added when new. */
static struct tk_speaker *
find(struct tk_speakers *ss, const struct tk_str *name)
{
	struct tk_buf key = { 0 };

	tk_group_fold(name->p, name->n, &key);
	for (size_t i = 0; i < ss->n; i++)
		if (ss->key[i].n == key.n && (key.n == 0 ||
		    memcmp(ss->key[i].p, key.p, key.n) == 0)) {
			tk_buf_free(&key);
			return &ss->s[i];
		}
	TK_GROW(ss->s, ss->cap, ss->n + 1);
	TK_GROW(ss->key, ss->keycap, ss->n + 1);
	memset(&ss->s[ss->n], 0, sizeof(ss->s[0]));
	copy(&ss->s[ss->n].name, name);
	ss->key[ss->n] = key;
	return &ss->s[ss->n++];
}

size_t
tk_speakers_add(struct tk_speakers *ss, const struct tk_record *rec,
    size_t recno)
{
	struct tk_person p;
	size_t i, added = 0;

	for (i = 0; tk_person(rec, i, &p); i++) {
		if (p.name.n == 0)
			continue;
		struct tk_speaker *s = find(ss, &p.name);
		if (s->email.p == NULL && p.email.n > 0)
			copy(&s->email, &p.email);
		if (s->affiliation.p == NULL && p.affiliation.n > 0)
			copy(&s->affiliation, &p.affiliation);
		/* A speaker named twice on one talk has it once. */
		if (s->nrecs > 0 && s->recs[s->nrecs - 1] == recno)
			continue;
		s->recs = tk_xrealloc(s->recs, (s->nrecs + 1) *
		    sizeof(*s->recs));
		s->recs[s->nrecs++] = recno;
		added++;
	}
	return added;
}

size_t
tk_speakers_count(const struct tk_speakers *ss)
{
	return ss->n;
}

const struct tk_speaker *
tk_speakers_get(const struct tk_speakers *ss, size_t i)
{
	return &ss->s[i];
}

void
tk_speakers_free(struct tk_speakers *ss)
{
	if (ss == NULL)
		return;
	for (size_t i = 0; i < ss->n; i++) {
		free((char *)ss->s[i].name.p);
		free((char *)ss->s[i].email.p);
		free((char *)ss->s[i].affiliation.p);
		free(ss->s[i].recs);
		tk_buf_free(&ss->key[i]);
	}
	free(ss->s);
	free(ss->key);
	free(ss);
}
