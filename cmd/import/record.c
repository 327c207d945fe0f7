/*
 * record.c - the records of talks import: fields named in the scan,
 * filled and written in the emit, and the messages about them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

void
rec_form(struct import *im, unsigned fills, const char *record)
{
	im->fills = fills;
	im->record = record;
	im->leads_set = 0;
	for (int f = 0; f < NLEAD; f++)
		if (fills & 1u << f && im->pass == PASS_SCAN)
			im->lead[f] = (long)cols_add(&im->cols,
			    lead_name((enum lead)f), strlen(lead_name(f)));
}

/* The column of field name, or -1 when the emit meets a new one. */
static long
column(struct import *im, const char *name, size_t n)
{
	if (im->pass == PASS_SCAN)
		return (long)cols_add(&im->cols, name, n);
	return cols_find(&im->cols, name, n);
}

static void
put(struct import *im, long col, const char *s, size_t n)
{
	struct tk_buf *b;

	if (im->pass == PASS_SCAN)
		return;
	if (col < 0 || (size_t)col >= im->nval) {
		/* Only a file that changed between the passes gets here. */
		if (!im->changed)
			im_error(im, 0, 0, "the file changed while it was "
			    "read");
		im->changed = 1;
		return;
	}
	b = &im->val[col];
	if (im->has[col])
		tk_buf_addc(b, '\n');
	tk_buf_add(b, s, n);
	im->has[col] = 1;
}

void
rec_lead(struct import *im, enum lead f, const char *s, size_t n)
{
	if (im->lead[f] < 0 || im->pass == PASS_SCAN)
		im->lead[f] = column(im, lead_name(f), strlen(lead_name(f)));
	im->leads_set |= 1u << f;
	put(im, im->lead[f], s, n);
}

void
rec_leads(struct import *im, enum lead f, const char *s)
{
	rec_lead(im, f, s, strlen(s));
}

int
rec_has(const struct import *im, enum lead f)
{
	return (im->leads_set & 1u << f) != 0;
}

const char *
rec_value(const struct import *im, enum lead f, size_t *n)
{
	long c = im->lead[f];

	*n = 0;
	if (im->pass == PASS_SCAN || c < 0 || (size_t)c >= im->nval ||
	    !im->has[c])
		return NULL;
	*n = im->val[c].n;
	return im->val[c].p;
}

void
rec_replace(struct import *im, enum lead f, const char *s, size_t n)
{
	long c = im->lead[f];

	if (im->pass == PASS_EMIT && c >= 0 && (size_t)c < im->nval) {
		im->val[c].n = 0;
		im->has[c] = 0;
	}
	rec_lead(im, f, s, n);
}

void
rec_field(struct import *im, const char *name, size_t nn, const char *s,
    size_t n)
{
	long col = column(im, name, nn);

	/* A field of the source named like one the form fills itself. */
	if (col >= 0 && (size_t)col < im->cols.n &&
	    im->cols.rank[col] < NLEAD &&
	    (im->fills & 1u << im->cols.rank[col])) {
		struct tk_buf b = { 0 };
		tk_buf_adds(&b, im->record);
		tk_buf_addc(&b, '.');
		tk_buf_add(&b, name, nn);
		col = column(im, b.p, b.n);
		tk_buf_free(&b);
	}
	put(im, col, s, n);
}

/* Forgets the values of the current record. */
static void
clear(struct import *im)
{
	im->leads_set = 0;
	for (size_t i = 0; i < im->nval; i++) {
		im->val[i].n = 0;
		im->has[i] = 0;
	}
}

void
rec_drop(struct import *im)
{
	clear(im);
}

void
rec_end(struct import *im)
{
	im->records++;
	if (im->pass == PASS_SCAN) {
		im->leads_set = 0;
		return;
	}
	if (!im->changed) {
		for (size_t i = 0; i < im->nval; i++) {
			size_t c = im->order[i];
			im->row[i].p = im->has[c] ? im->val[c].p : "";
			im->row[i].n = im->has[c] ? im->val[c].n : 0;
		}
		tk_put_row(&im->c.out, im->rowp, im->nval, im->form, ',',
		    "\n");
	}
	clear(im);
}

int
claim(struct import *im, struct claims *c, const char *name, size_t n)
{
	long got = strmap_get(&c->map, name, n);
	int f;

	if (got < 0) {
		f = tk_canon_find(name, n);
		got = NLEAD;
		if (f >= 0) {
			enum lead l = lead_of_canon(f);
			if (!(im->fills & 1u << l) && !(c->taken & 1u << l)) {
				c->taken |= 1u << l;
				got = l;
			}
		}
		strmap_put(&c->map, name, n, (size_t)got);
	}
	return got == NLEAD ? -1 : (int)got;
}

void
claims_free(struct claims *c)
{
	strmap_free(&c->map);
	c->taken = 0;
}

void
rec_named(struct import *im, struct claims *c, const char *name, size_t nn,
    const char *s, size_t n)
{
	int f = claim(im, c, name, nn);

	if (f >= 0)
		rec_lead(im, (enum lead)f, s, n);
	else
		rec_field(im, name, nn, s, n);
}

/* ------------------------------------------------------------ messages */

void
no_memory(void)
{
	fputs("talks: out of memory\n", stderr);
	exit(2);
}

static void
vreport(struct import *im, unsigned long line, unsigned long col,
    const char *pre, const char *what, const char *fmt, va_list ap)
{
	struct tk_err e;
	int k;

	memset(&e, 0, sizeof(e));
	e.file = im->in ? im->in->name : NULL;
	e.line = line;
	e.col = col;
	k = snprintf(e.msg, sizeof(e.msg), "%s%s%s", pre, what,
	    *what ? ": " : "");
	if (k >= 0 && (size_t)k < sizeof(e.msg))
		tk_vformat(e.msg + k, sizeof(e.msg) - (size_t)k, fmt, ap);
	report(&e);
}

void
im_error(struct import *im, unsigned long line, unsigned long col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(im, line, col, "", "", fmt, ap);
	va_end(ap);
	im->c.status = 2;
}

void
im_warn(struct import *im, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(im, 0, 0, "warning: ", "", fmt, ap);
	va_end(ap);
}

void
rec_bad(struct import *im, const char *fmt, ...)
{
	va_list ap;

	if (im->pass != PASS_EMIT)
		return;
	va_start(ap, fmt);
	vreport(im, im->line, 0, im->lenient ? "warning: " : "", im->what,
	    fmt, ap);
	va_end(ap);
	if (!im->lenient)
		im->c.status = 2;
}

void
rec_warn(struct import *im, const char *fmt, ...)
{
	va_list ap;

	if (im->pass != PASS_EMIT)
		return;
	va_start(ap, fmt);
	vreport(im, im->line, 0, "warning: ", im->what, fmt, ap);
	va_end(ap);
}

/* ---------------------------------------------------------------- times */

void
rec_times(struct import *im, const struct tk_time *day,
    const struct stamp *st, const struct stamp *en, long day_change)
{
	struct tk_buf b = { 0 };

	if (st) {
		struct tk_time d = st->t;
		if (day == NULL) {
			long long at = tk_time_epoch(&st->t);
			if (day_change > 0)
				at -= day_change;
			tk_time_from_epoch(at, &d);
			day = &d;
		}
		date_put(&b, day);
		rec_lead(im, L_DAY, b.p, b.n);
		b.n = 0;
		stamp_put(&b, st);
		rec_lead(im, L_START, b.p, b.n);
	}
	if (en) {
		b.n = 0;
		stamp_put(&b, en);
		rec_lead(im, L_END, b.p, b.n);
	}
	if (st && en) {
		b.n = 0;
		if (stamp_diff(st, en) < 0)
			rec_bad(im, "end is before start");
		duration_put(&b, stamp_diff(st, en));
		rec_lead(im, L_DURATION, b.p, b.n);
	}
	tk_buf_free(&b);
}

/* ------------------------------------------------------------- speakers */

void
list_add(struct tk_buf *b, size_t *k, const char *s, size_t n)
{
	if ((*k)++ > 0)
		tk_buf_add(b, "; ", 2);
	tk_buf_add(b, s, n);
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
speakers_add(struct import *im, struct speakers *s, const char *id,
    size_t idn, const char *name, size_t nn, const struct person *p)
{
	static const struct tk_buf none = { "", 0, 0 };
	const struct tk_buf *company = p ? &p->f[P_COMPANY] : &none;
	const struct tk_buf *email = p ? &p->f[P_EMAIL] : &none;
	size_t k, start;
	int changed = 0;

	while (nn > 0 && blank(name[0]))
		name++, nn--;
	while (nn > 0 && blank(name[nn - 1]))
		nn--;
	k = s->n;
	list_add(&s->names, &k, name, nn);
	/* The speaker field splits at ';' and line breaks: keep it one. */
	start = s->names.n - nn;
	for (size_t i = start; i < s->names.n; i++) {
		char *c = &s->names.p[i];
		if (*c == ';' || *c == '\n' || *c == '\r') {
			*c = *c == ';' ? ',' : ' ';
			changed = 1;
		}
	}
	if (changed)
		rec_warn(im, "speaker '%.*s' written as '%s' (';' and line "
		    "breaks separate speakers)", (int)nn, name,
		    s->names.p + start);
	k = s->n;
	list_add(&s->ids, &k, id, idn);
	s->nid += idn > 0;
	k = s->n;
	list_add(&s->companies, &k, company->p, company->n);
	s->ncompany += company->n > 0;
	k = s->n;
	list_add(&s->emails, &k, email->p, email->n);
	s->nemail += email->n > 0;
	if (p && p->f[P_BIO].n > 0) {
		if (s->nbio++ > 0)
			tk_buf_add(&s->bios, "\n\n", 2);
		tk_buf_add(&s->bios, p->f[P_BIO].p, p->f[P_BIO].n);
	}
	s->n++;
}

void
speakers_put(struct import *im, struct speakers *s)
{
	if (s->n > 0)
		rec_lead(im, L_SPEAKER, s->names.p, s->names.n);
	if (s->nid > 0)
		rec_lead(im, L_SPEAKER_IDS, s->ids.p, s->ids.n);
	if (s->nbio > 0)
		rec_lead(im, L_BIO, s->bios.p, s->bios.n);
	if (s->ncompany > 0)
		rec_lead(im, L_AFFILIATION, s->companies.p, s->companies.n);
	if (s->nemail > 0)
		rec_lead(im, L_EMAIL, s->emails.p, s->emails.n);
	s->names.n = s->ids.n = s->bios.n = s->companies.n = s->emails.n = 0;
	s->n = s->nid = s->nbio = s->ncompany = s->nemail = 0;
}

void
speakers_free(struct speakers *s)
{
	tk_buf_free(&s->names);
	tk_buf_free(&s->ids);
	tk_buf_free(&s->bios);
	tk_buf_free(&s->companies);
	tk_buf_free(&s->emails);
}
