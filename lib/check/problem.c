/*
 * problem.c - what the rules of talks check share: the values they look
 * at, and the problems they find, with their messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"

int
rule_on(const struct tk_checker *k, int rule)
{
	return (k->o.rules >> rule) & 1;
}

static int
is_white(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct tk_str
value(const struct tk_record *rec, size_t c)
{
	struct tk_str v = { "", 0 };

	if (c < rec->nf)
		v = rec->f[c];
	while (v.n > 0 && is_white(v.p[0])) {
		v.p++;
		v.n--;
	}
	while (v.n > 0 && is_white(v.p[v.n - 1]))
		v.n--;
	return v;
}

char *
scratch(struct tk_checker *k, size_t n)
{
	if (n > k->capscratch) {
		free(k->scratch);
		k->capscratch = n * 2 + 64;
		k->scratch = tk_xmalloc(k->capscratch);
	}
	return k->scratch;
}

/* ------------------------------------------------------------ messages */

void
msg_begin(struct tk_checker *k)
{
	k->msg.n = 0;
}

/* Adds s as it is, but each control character as a space. */
void
msg_add(struct tk_checker *k, const char *s, size_t n)
{
	size_t from = k->msg.n;

	tk_buf_add(&k->msg, s, n);
	for (size_t i = from; i < k->msg.n; i++)
		if ((unsigned char)k->msg.p[i] < 0x20 || k->msg.p[i] == 0x7f)
			k->msg.p[i] = ' ';
}

void
msg_adds(struct tk_checker *k, const char *s)
{
	msg_add(k, s, strlen(s));
}

void
msg_num(struct tk_checker *k, unsigned long long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%llu", v);
	msg_adds(k, b);
}

#define SHOWN 60 /* the bytes of a value shown in a message */

void
msg_value(struct tk_checker *k, const struct tk_str *v)
{
	size_t n = (size_t)tk_cut(v->p, v->n, SHOWN);

	msg_add(k, "'", 1);
	msg_add(k, v->p, n);
	msg_adds(k, n < v->n ? "...'" : "'");
}

void
msg_where(struct tk_checker *k, size_t rec, size_t from)
{
	const struct place *p = &k->at[rec];

	if (p->fileno == k->at[from].fileno) {
		msg_adds(k, "line ");
	} else {
		msg_adds(k, tk_filename(k->r, p->fileno));
		msg_adds(k, ":");
	}
	msg_num(k, p->line);
}

void
msg_colname(struct tk_checker *k, size_t col)
{
	msg_adds(k, tk_colname(k->r, col));
}

void
problem(struct tk_checker *k, int rule, size_t rec, size_t other,
    long field)
{
	struct prob *p;

	TK_GROW(k->prob, k->capprob, k->nprob + 1);
	p = &k->prob[k->nprob];
	p->rule = rule;
	p->field = field;
	p->rec = rec;
	p->other = other;
	p->msg = k->text.n;
	p->msglen = k->msg.n;
	p->seq = k->nprob++;
	tk_buf_add(&k->text, k->msg.p, k->msg.n);
}
