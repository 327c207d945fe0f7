/*
 * rules.c - the rules that look at the fields of one record alone:
 * missing, length, unknown-value and email.
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
	f = scratch(k, TK_FOLD_ROOM(v->n));
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

		if (!tk_is_list(a->col)) {
			if (v.n > 0)
				allowed(k, a, folded, &v, ri);
			continue;
		}
		while (tk_next_of(a->col, &v, &pos, &item))
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

	while (tk_next_of(TK_EMAIL, &v, &pos, &item)) {
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

void
check_fields(struct tk_checker *k, const struct tk_record *rec, size_t ri)
{
	missing(k, rec, ri);
	length(k, rec, ri);
	unknown_values(k, rec, ri);
	if (rule_on(k, TK_RULE_EMAIL))
		emails(k, rec, ri);
	if (rule_on(k, TK_RULE_DUPLICATE))
		add_keys(k, rec, ri);
}
