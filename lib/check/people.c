/*
 * people.c - the rules about people and copies: name-variant (one person
 * written two ways, one email given to two people), duplicate (the same
 * id, or the same title and speakers), and the speakers' talks that the
 * overlap rule compares.
 *
 * People and emails are few beside the records, and are looked up as
 * they come.  Ids and titles are as many as the records: their keys are
 * kept in the order read, then sorted by hash once and compared in runs,
 * so that reading touches no table that grows with the file.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"

/* ------------------------------------------------------------- people */

/* Whether list (of nodes) holds a; adds it when not. */
static int
listed(struct tk_checker *k, size_t *list, size_t a, const struct tk_str *s)
{
	for (size_t i = *list; i != NONE; i = k->node[i].next) {
		const struct node *d = &k->node[i];
		if (s == NULL ? d->a == a : d->b == s->n &&
		    memcmp(k->names.p + d->a, s->p, s->n) == 0)
			return 1;
	}
	TK_GROW(k->node, k->capnode, k->nnode + 1);
	k->node[k->nnode].a = a;
	k->node[k->nnode].b = s ? s->n : 0;
	k->node[k->nnode].next = *list;
	*list = k->nnode++;
	return 0;
}

static void
msg_spelling(struct tk_checker *k, const struct person *p)
{
	msg_add(k, "'", 1);
	msg_add(k, k->names.p + p->spell, p->spelllen);
	msg_add(k, "'", 1);
}

/* The number of the person named name in record ri, found or new. */
static size_t
person(struct tk_checker *k, const struct tk_str *name, size_t ri)
{
	size_t n, i;
	struct person *p;
	char *key = scratch(k, TK_FOLD_ROOM(name->n));

	if ((n = tk_fold_text(name->p, name->n, key)) == 0)
		return NONE;
	if ((i = keys_put(&k->people, key, n, k->nperson)) == NONE) {
		TK_GROW(k->person, k->capperson, k->nperson + 1);
		p = &k->person[k->nperson];
		p->rec = ri;
		p->spell = k->names.n;
		p->spelllen = name->n;
		p->variants = NONE;
		tk_buf_add(&k->names, name->p, name->n);
		return k->nperson++;
	}
	p = &k->person[i];
	if (!rule_on(k, TK_RULE_NAME_VARIANT) || (p->spelllen == name->n &&
	    memcmp(k->names.p + p->spell, name->p, name->n) == 0))
		return i;
	/* A spelling of its own: reported once, where it first appears. */
	if (listed(k, &p->variants, k->names.n, name))
		return i;
	tk_buf_add(&k->names, name->p, name->n);
	msg_begin(k);
	msg_value(k, name);
	msg_adds(k, " is written ");
	msg_spelling(k, p);
	msg_adds(k, " on ");
	msg_where(k, p->rec, ri);
	problem(k, TK_RULE_NAME_VARIANT, ri, p->rec, TK_SPEAKER);
	return i;
}

/* One email given to two people: reported once for each other person. */
static void
email_owner(struct tk_checker *k, const struct tk_str *email,
    const struct tk_str *name, size_t who, size_t ri)
{
	char *key = scratch(k, email->n);
	struct mail *m;
	size_t i;

	/* Addresses are the same whatever their ASCII case. */
	for (size_t j = 0; j < email->n; j++)
		key[j] = (char)tk_lower((unsigned char)email->p[j]);
	if ((i = keys_put(&k->emails, key, email->n, k->nmail)) == NONE) {
		TK_GROW(k->mail, k->capmail, k->nmail + 1);
		m = &k->mail[k->nmail++];
		m->person = who;
		m->rec = ri;
		m->others = NONE;
		return;
	}
	m = &k->mail[i];
	if (m->person == who || listed(k, &m->others, who, NULL))
		return;
	msg_begin(k);
	msg_value(k, name);
	msg_adds(k, " has the email ");
	msg_value(k, email);
	msg_adds(k, " of ");
	msg_spelling(k, &k->person[m->person]);
	msg_adds(k, " on ");
	msg_where(k, m->rec, ri);
	problem(k, TK_RULE_NAME_VARIANT, ri, m->rec, TK_EMAIL);
}

/* Adds the talk to the speaker's talks, once per talk. */
static void
speaker_slot(struct tk_checker *k, size_t who, size_t talk, size_t first)
{
	struct slot *s;

	for (size_t i = first; i < k->nspk; i++)
		if (k->spk[i].key == who)
			return;
	TK_GROW(k->spk, k->capspk, k->nspk + 1);
	s = &k->spk[k->nspk++];
	s->key = who;
	s->start = k->talk[talk].start;
	s->end = k->talk[talk].end;
	s->talk = talk;
}

/* The key of a speaker's email and spelling, in the scratch buffer. */
static char *
pair(struct tk_checker *k, const struct tk_str *name,
    const struct tk_str *email)
{
	char *key = scratch(k, email->n + 1 + name->n);

	/* An empty value of a column the file lacks may have no bytes. */
	if (email->n > 0)
		memcpy(key, email->p, email->n);
	key[email->n] = '\0';
	memcpy(key + email->n + 1, name->p, name->n);
	return key;
}

/*
 * The person of a speaker named name with email (maybe empty), after
 * the checks of name-variant.  A speaker comes back with the same
 * spelling and email many times, and then nothing new can be found:
 * one lookup of the pair answers.
 */
static size_t
known(struct tk_checker *k, const struct tk_str *name,
    const struct tk_str *email, size_t ri)
{
	size_t n = email->n + 1 + name->n, who;
	char *key;

	key = pair(k, name, email);
	if ((who = keys_get(&k->seen, key, n)) != NONE)
		return who;
	if ((who = person(k, name, ri)) == NONE)
		return NONE;
	if (rule_on(k, TK_RULE_NAME_VARIANT) && email->n > 0)
		email_owner(k, email, name, who, ri);
	keys_put(&k->seen, pair(k, name, email), n, who);
	return who;
}

void
check_people(struct tk_checker *k, const struct tk_record *rec, size_t ri,
    size_t talk)
{
	struct tk_person p;
	size_t first = k->nspk, who;

	if (!k->people_on)
		return;
	/* Speakers with their emails, paired as everywhere else. */
	for (size_t i = 0; tk_person(rec, i, &p); i++) {
		if (p.name.n == 0 || (who = known(k, &p.name, &p.email, ri)) ==
		    NONE)
			continue;
		if (talk != NONE && rule_on(k, TK_RULE_SPEAKER_OVERLAP))
			speaker_slot(k, who, talk, first);
	}
}

/* ---------------------------------------------------------- duplicates */

static void
reckey_add(struct reckeys *s, const char *key, size_t n, size_t ri)
{
	struct reckey *r;

	TK_GROW(s->a, s->cap, s->n + 1);
	r = &s->a[s->n++];
	r->hash = text_hash(key, n);
	r->off = s->text.n;
	r->rec = ri;
	tk_buf_add(&s->text, &n, sizeof(n));
	tk_buf_add(&s->text, key, n);
}

void
reckeys_free(struct reckeys *s)
{
	free(s->a);
	tk_buf_free(&s->text);
	memset(s, 0, sizeof(*s));
}

/* The key of a talk: its title and speakers, folded; 0 if it has none. */
static size_t
talk_key(struct tk_checker *k, const struct tk_record *rec)
{
	struct tk_str title = value(rec, TK_TITLE), sp = value(rec, TK_SPEAKER);
	struct tk_str item;
	size_t n, pos = 0, speakers = 0;
	char *key;

	if (title.n == 0 || sp.n == 0)
		return 0;
	key = scratch(k, TK_FOLD_ROOM(title.n + sp.n) + 1);
	n = tk_fold_text(title.p, title.n, key);
	while (tk_next_of(TK_SPEAKER, &sp, &pos, &item)) {
		if (item.n == 0)
			continue;
		key[n++] = '\x1e';
		n += tk_fold_text(item.p, item.n, key + n);
		speakers++;
	}
	return speakers ? n : 0;
}

void
add_keys(struct tk_checker *k, const struct tk_record *rec, size_t ri)
{
	struct tk_str id = value(rec, TK_ID);
	size_t n;

	if (id.n > 0)
		reckey_add(&k->ids, id.p, id.n, ri);
	if ((n = talk_key(k, rec)) > 0)
		reckey_add(&k->titles, k->scratch, n, ri);
}

static int
same_key(const struct reckeys *s, const struct reckey *a,
    const struct reckey *b)
{
	size_t n, m;

	memcpy(&n, s->text.p + a->off, sizeof(n));
	memcpy(&m, s->text.p + b->off, sizeof(m));
	return n == m && memcmp(s->text.p + a->off + sizeof(n),
	    s->text.p + b->off + sizeof(m), n) == 0;
}

static struct tk_str
key_text(const struct reckeys *s, const struct reckey *a)
{
	struct tk_str v;

	memcpy(&v.n, s->text.p + a->off, sizeof(v.n));
	v.p = s->text.p + a->off + sizeof(v.n);
	return v;
}

/*
 * Reports each key that an earlier record has, naming the first record
 * that has it; records marked in done are passed over, and the records
 * reported are marked.
 */
static void
repeats(struct tk_checker *k, struct reckeys *s, unsigned char *done,
    int is_id)
{
	/* Keys of one hash stay in record order. */
	sort_u64(s->a, s->n, sizeof(*s->a), offsetof(struct reckey, hash), 0);
	for (size_t i = 0, j; i < s->n; i = j) {
		for (j = i + 1; j < s->n && s->a[j].hash == s->a[i].hash; j++)
			;
		for (size_t x = i + 1; x < j; x++) {
			const struct reckey *a = &s->a[x];
			size_t y = i;
			while (y < x && !same_key(s, &s->a[y], a))
				y++;
			if (y == x || done[a->rec])
				continue;
			done[a->rec] = 1;
			msg_begin(k);
			if (is_id) {
				struct tk_str id = key_text(s, a);
				msg_adds(k, "id ");
				msg_value(k, &id);
				msg_adds(k, " is also on ");
			} else {
				msg_adds(k, "same title and speaker as ");
			}
			msg_where(k, s->a[y].rec, a->rec);
			problem(k, TK_RULE_DUPLICATE, a->rec, s->a[y].rec,
			    is_id ? TK_ID : -1);
		}
	}
}

void
check_duplicates(struct tk_checker *k)
{
	unsigned char *done;

	if (!rule_on(k, TK_RULE_DUPLICATE))
		return;
	/* A record that repeats an id is not reported again for its title. */
	done = tk_xcalloc(k->nrec + 1, 1);
	repeats(k, &k->ids, done, 1);
	repeats(k, &k->titles, done, 0);
	free(done);
	reckeys_free(&k->ids);
	reckeys_free(&k->titles);
}
