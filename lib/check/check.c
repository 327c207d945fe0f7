/*
 * check.c - the checker: its rules and columns, and the order of the
 * problems; it runs the rules of rules.c, people.c and sched.c, which
 * report through problem.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"

static const char *const rule_names[TK_NRULES] = {
	"room-overlap", "speaker-overlap", "time", "missing", "duplicate",
	"name-variant", "email", "length", "unknown-value", "speaker-record",
};

const char *
tk_rule_name(int rule)
{
	return rule_names[rule];
}

int
tk_rule_find(const char *s, size_t n)
{
	for (int i = 0; i < TK_NRULES; i++)
		if (strlen(rule_names[i]) == n && memcmp(rule_names[i], s, n) == 0)
			return i;
	return -1;
}

/* ------------------------------------------------------------- checker */

/* Folds the allowed values, for the suggestions of unknown-value. */
static void
fold_allowed(struct tk_checker *k)
{
	size_t n = 0;

	for (size_t i = 0; i < k->o.nallow; i++)
		n += k->o.allow[i].nv;
	k->folded = tk_xcalloc(n + 1, sizeof(*k->folded));
	n = 0;
	for (size_t i = 0; i < k->o.nallow; i++)
		for (size_t j = 0; j < k->o.allow[i].nv; j++, n++) {
			const struct tk_str *v = &k->o.allow[i].v[j];
			char *f = tk_xmalloc(TK_FOLD_ROOM(v->n) + 1);
			k->folded[n].n = tk_fold_text(v->p, v->n, f);
			k->folded[n].p = f;
		}
}

struct tk_checker *
tk_check_new(const struct tk_reader *r, const struct tk_check_opts *o,
    struct tk_err *e)
{
	struct tk_checker *k = tk_xcalloc(1, sizeof(*k));

	k->r = r;
	k->o = *o;
	if (!rule_on(k, TK_RULE_LENGTH))
		k->o.nmax = 0;
	if (!rule_on(k, TK_RULE_UNKNOWN_VALUE))
		k->o.nallow = 0;
	if (!rule_on(k, TK_RULE_MISSING))
		k->o.nrequire = 0;
	if (k->o.nmax && (k->chars = tk_chars_new(e)) == NULL) {
		free(k);
		return NULL;
	}
	fold_allowed(k);
	if (rule_on(k, TK_RULE_NAME_VARIANT) ||
	    rule_on(k, TK_RULE_SPEAKER_OVERLAP)) {
		k->people_on = 1;
	}
	k->rooms = tk_groups_new(NULL, NULL, 0);
	/*
	 * Times are read as ics and frab read them, but record by record:
	 * dates with the year last need their numbers to tell the order.
	 */
	k->topts.order = TK_DATES_AUTO;
	k->topts.r = r;
	k->topts.end_day = tk_end_day_col(r);
	return k;
}

void
tk_check_free(struct tk_checker *k)
{
	size_t n = 0;

	if (k == NULL)
		return;
	for (size_t i = 0; i < k->o.nallow; i++)
		n += k->o.allow[i].nv;
	for (size_t i = 0; i < n; i++)
		free((char *)k->folded[i].p);
	free(k->folded);
	tk_chars_free(k->chars);
	free(k->at);
	free(k->prob);
	tk_buf_free(&k->text);
	tk_buf_free(&k->msg);
	free(k->scratch);
	free(k->fields);
	keys_free(&k->people);
	keys_free(&k->emails);
	keys_free(&k->seen);
	reckeys_free(&k->ids);
	reckeys_free(&k->titles);
	tk_groups_free(k->rooms);
	free(k->person);
	free(k->mail);
	tk_buf_free(&k->names);
	free(k->node);
	free(k->talk);
	free(k->spk);
	free(k);
}

/* Adds column c to cols (of *n) unless it is there. */
static void
add_col(size_t *cols, size_t *n, size_t c)
{
	for (size_t i = 0; i < *n; i++)
		if (cols[i] == c)
			return;
	cols[(*n)++] = c;
}

size_t *
tk_check_cols(const struct tk_checker *k, size_t *n)
{
	static const size_t when[] = { TK_DAY, TK_START, TK_END, TK_DURATION,
		TK_ROOM };
	size_t *cols = tk_xcalloc(TK_NCANON + 1 + k->o.nrequire + k->o.nmax +
	    k->o.nallow, sizeof(*cols));

	*n = 0;
	if (rule_on(k, TK_RULE_TIME) || rule_on(k, TK_RULE_ROOM_OVERLAP) ||
	    rule_on(k, TK_RULE_SPEAKER_OVERLAP)) {
		for (size_t i = 0; i < sizeof(when) / sizeof(when[0]); i++)
			add_col(cols, n, when[i]);
		if (k->topts.end_day >= 0)
			add_col(cols, n, (size_t)k->topts.end_day);
	}
	if (k->people_on)
		add_col(cols, n, TK_SPEAKER);
	if (rule_on(k, TK_RULE_NAME_VARIANT) || rule_on(k, TK_RULE_EMAIL))
		add_col(cols, n, TK_EMAIL);
	if (rule_on(k, TK_RULE_DUPLICATE)) {
		add_col(cols, n, TK_ID);
		add_col(cols, n, TK_TITLE);
		add_col(cols, n, TK_SPEAKER);
	}
	for (size_t i = 0; i < k->o.nrequire; i++)
		add_col(cols, n, k->o.require[i]);
	for (size_t i = 0; i < k->o.nmax; i++)
		add_col(cols, n, k->o.max[i].col);
	for (size_t i = 0; i < k->o.nallow; i++)
		add_col(cols, n, k->o.allow[i].col);
	return cols;
}

void
tk_check_add(struct tk_checker *k, const struct tk_record *rec)
{
	size_t ri = k->nrec, talk = NONE;

	TK_GROW(k->at, k->caprec, k->nrec + 1);
	k->at[ri].fileno = rec->fileno;
	k->at[ri].line = rec->line;
	k->nrec++;
	check_fields(k, rec, ri);
	if (rule_on(k, TK_RULE_TIME) || rule_on(k, TK_RULE_ROOM_OVERLAP) ||
	    rule_on(k, TK_RULE_SPEAKER_OVERLAP))
		talk = check_time(k, rec, ri);
	check_people(k, rec, ri, talk);
}

static int
cmp_prob(const void *a, const void *b)
{
	const struct prob *x = a, *y = b;

	if (x->rec != y->rec)
		return x->rec < y->rec ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
tk_check_end(struct tk_checker *k)
{
	check_overlaps(k);
	check_duplicates(k);
	/* Records come file after file, so record order is file and line. */
	if (k->nprob > 1)
		qsort(k->prob, k->nprob, sizeof(*k->prob), cmp_prob);
}

size_t
tk_check_count(const struct tk_checker *k)
{
	return k->nprob;
}

void
tk_check_get(const struct tk_checker *k, size_t i, struct tk_problem *p)
{
	const struct prob *q = &k->prob[i];

	p->rule = q->rule;
	p->fileno = k->at[q->rec].fileno;
	p->line = k->at[q->rec].line;
	p->has_other = q->other != NONE;
	p->other_fileno = p->has_other ? k->at[q->other].fileno : 0;
	p->other_line = p->has_other ? k->at[q->other].line : 0;
	p->field = q->field;
	p->msg.p = k->text.p + q->msg;
	p->msg.n = q->msglen;
}
