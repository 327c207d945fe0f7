/*
 * rules.c - the rules that look at the fields of one record (missing,
 * length, unknown-value, email) and those that remember names and keys
 * from one record to the next (duplicate, name-variant), with the
 * speakers that the overlap rules will compare.
 */
#include <stdlib.h>
#include <string.h>

#include "checker.h"

static void
missing(struct tk_checker *k, const struct tk_record *rec, size_t ri)
{
	for (size_t i = 0; i < k->o.nrequire; i++) {
		size_t c = k->o.require[i];
		if (value(rec, c).n > 0)
			continue;
		msg_begin(k);
		msg_colname(k, c);
		msg_adds(k, " is empty");
		problem(k, TK_RULE_MISSING, ri, NONE, (long)c);
	}
}

static void
length(struct tk_checker *k, const struct tk_record *rec, size_t ri)
{
	for (size_t i = 0; i < k->o.nmax; i++) {
		const struct tk_check_max *m = &k->o.max[i];
		struct tk_str v = value(rec, m->col);
		size_t n;

		if (v.n <= m->n || (n = tk_chars_count(k->chars, v.p, v.n)) <=
		    m->n)
			continue;
		msg_begin(k);
		msg_colname(k, m->col);
		msg_adds(k, " is ");
		msg_num(k, n);
		msg_adds(k, " characters, more than ");
		msg_num(k, m->n);
		problem(k, TK_RULE_LENGTH, ri, NONE, (long)m->col);
	}
}

/* Whether column c holds a list of items, one per speaker. */
static int
is_list(size_t c)
{
	return c == TK_SPEAKER || c == TK_EMAIL || c == TK_AFFILIATION;
}

/* Checks one value v of column a->col; folded are a's folded values. */
static void
allowed(struct tk_checker *k, const struct tk_check_allow *a,
    const struct tk_str *folded, const struct tk_str *v, size_t ri)
{
	size_t n, near = NONE;
	char *f;

	for (size_t j = 0; j < a->nv; j++)
		if (a->v[j].n == v->n && memcmp(a->v[j].p, v->p, v->n) == 0)
			return;
	f = scratch(k, v->n);
	n = tk_fold_text(v->p, v->n, f);
	for (size_t j = 0; j < a->nv && near == NONE; j++)
		if (folded[j].n == n && memcmp(folded[j].p, f, n) == 0)
			near = j;
	msg_begin(k);
	msg_colname(k, a->col);
	msg_adds(k, " ");
	msg_value(k, v);
	msg_adds(k, " is not one of the allowed values");
	if (near != NONE) {
		msg_adds(k, " (did you mean ");
		msg_value(k, &a->v[near]);
		msg_adds(k, "?)");
	}
	problem(k, TK_RULE_UNKNOWN_VALUE, ri, NONE, (long)a->col);
}

static void
unknown_values(struct tk_checker *k, const struct tk_record *rec, size_t ri)
{
	const struct tk_str *folded = k->folded;

	for (size_t i = 0; i < k->o.nallow; folded += k->o.allow[i++].nv) {
		const struct tk_check_allow *a = &k->o.allow[i];
		struct tk_str v = value(rec, a->col), item;
		size_t pos = 0;

		if (!is_list(a->col)) {
			if (v.n > 0)
				allowed(k, a, folded, &v, ri);
			continue;
		}
		while (tk_next_item(&v, &pos, &item))
			if (item.n > 0)
				allowed(k, a, folded, &item, ri);
	}
}

static void
emails(struct tk_checker *k, const struct tk_record *rec, size_t ri)
{
	struct tk_str v = value(rec, TK_EMAIL), item;
	size_t pos = 0;
	const char *why;

	while (tk_next_item(&v, &pos, &item)) {
		if (item.n == 0 || (why = tk_email_problem(item.p, item.n)) ==
		    NULL)
			continue;
		msg_begin(k);
		msg_value(k, &item);
		msg_adds(k, " is not an email address: ");
		msg_adds(k, why);
		problem(k, TK_RULE_EMAIL, ri, NONE, TK_EMAIL);
	}
}

/*
 * The number of key in table g, added if new: *rec_of (one per key)
 * then gets ri.  Returns the record that had it first, or NONE.
 */
static size_t
seen(struct tk_groups *g, size_t **rec_of, const char *key, size_t n,
    size_t ri)
{
	size_t count = tk_groups_count(g), i = tk_groups_intern(g, key, n);

	if (i < count)
		return (*rec_of)[i];
	*rec_of = tk_xrealloc(*rec_of, (i + 1) * sizeof(**rec_of));
	(*rec_of)[i] = ri;
	return NONE;
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
	key = scratch(k, title.n + sp.n + 1);
	n = tk_fold_text(title.p, title.n, key);
	while (tk_next_item(&sp, &pos, &item)) {
		if (item.n == 0)
			continue;
		key[n++] = '\x1e';
		n += tk_fold_text(item.p, item.n, key + n);
		speakers++;
	}
	return speakers ? n : 0;
}

static void
duplicate(struct tk_checker *k, const struct tk_record *rec, size_t ri)
{
	struct tk_str id = value(rec, TK_ID);
	size_t other = NONE, first, n;

	if (id.n > 0 && (other = seen(k->ids, &k->id_rec, id.p, id.n, ri)) !=
	    NONE) {
		msg_begin(k);
		msg_adds(k, "id ");
		msg_value(k, &id);
		msg_adds(k, " is also on ");
		msg_where(k, other, ri);
		problem(k, TK_RULE_DUPLICATE, ri, other, TK_ID);
	}
	/* A record that repeats an id is not reported twice. */
	if ((n = talk_key(k, rec)) == 0 || (first = seen(k->titles,
	    &k->title_rec, k->scratch, n, ri)) == NONE || other != NONE)
		return;
	msg_begin(k);
	msg_adds(k, "same title and speaker as ");
	msg_where(k, first, ri);
	problem(k, TK_RULE_DUPLICATE, ri, first, -1);
}

void
check_fields(struct tk_checker *k, const struct tk_record *rec, size_t ri)
{
	missing(k, rec, ri);
	length(k, rec, ri);
	unknown_values(k, rec, ri);
	if (rule_on(k, TK_RULE_EMAIL))
		emails(k, rec, ri);
	if (rule_on(k, TK_RULE_DUPLICATE))
		duplicate(k, rec, ri);
}

/* ---------------------------------------------------------------- people */

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
	k->node = grow(k->node, &k->capnode, k->nnode, sizeof(*k->node));
	k->node[k->nnode].a = a;
	k->node[k->nnode].b = s ? s->n : 0;
	k->node[k->nnode].next = *list;
	*list = k->nnode++;
	return 0;
}

/* The number of the person named name in rec (record ri), found or new. */
static size_t
person(struct tk_checker *k, const struct tk_str *name, size_t ri)
{
	size_t count = tk_groups_count(k->people), n, i;
	struct person *p;
	char *key = scratch(k, name->n);

	n = tk_fold_text(name->p, name->n, key);
	if (n == 0)
		return NONE;
	i = tk_groups_intern(k->people, key, n);
	if (i == count) {
		k->person = tk_xrealloc(k->person, (i + 1) * sizeof(*k->person));
		p = &k->person[i];
		p->rec = ri;
		p->spell = k->names.n;
		p->spelllen = name->n;
		p->variants = NONE;
		tk_buf_add(&k->names, name->p, name->n);
		return i;
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
	msg_add(k, "'", 1);
	msg_add(k, k->names.p + p->spell, p->spelllen);
	msg_adds(k, "' on ");
	msg_where(k, p->rec, ri);
	problem(k, TK_RULE_NAME_VARIANT, ri, p->rec, TK_SPEAKER);
	return i;
}

/* One email given to two people: reported once for each other person. */
static void
email_owner(struct tk_checker *k, const struct tk_str *email,
    const struct tk_str *name, size_t who, size_t ri)
{
	size_t count = tk_groups_count(k->emails);
	size_t i = tk_groups_intern(k->emails, email->p, email->n);
	struct mail *m;
	const struct person *first;

	if (i == count) {
		k->mail = tk_xrealloc(k->mail, (i + 1) * sizeof(*k->mail));
		k->mail[i].person = who;
		k->mail[i].rec = ri;
		k->mail[i].others = NONE;
		return;
	}
	m = &k->mail[i];
	if (m->person == who || listed(k, &m->others, who, NULL))
		return;
	first = &k->person[m->person];
	msg_begin(k);
	msg_value(k, name);
	msg_adds(k, " has the email ");
	msg_value(k, email);
	msg_adds(k, " of ");
	msg_add(k, "'", 1);
	msg_add(k, k->names.p + first->spell, first->spelllen);
	msg_adds(k, "' on ");
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
	k->spk = grow(k->spk, &k->capspk, k->nspk, sizeof(*k->spk));
	s = &k->spk[k->nspk++];
	s->key = who;
	s->start = k->talk[talk].start;
	s->end = k->talk[talk].end;
	s->talk = talk;
}

void
check_people(struct tk_checker *k, const struct tk_record *rec, size_t ri,
    size_t talk)
{
	struct tk_person p;
	size_t first = k->nspk, who;

	if (k->people == NULL)
		return;
	for (size_t i = 0; tk_person(rec, i, &p); i++) {
		if (p.name.n == 0 || (who = person(k, &p.name, ri)) == NONE)
			continue;
		if (rule_on(k, TK_RULE_NAME_VARIANT) && p.email.n > 0)
			email_owner(k, &p.email, &p.name, who, ri);
		if (talk != NONE && rule_on(k, TK_RULE_SPEAKER_OVERLAP))
			speaker_slot(k, who, talk, first);
	}
}
