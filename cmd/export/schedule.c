/*
 * schedule.c - the talks with a day and a start, for ics and frab.
 *
 * The records are kept as they come and their times read at the end:
 * whether 07/10/2018 is day-first is decided over the whole column.  The
 * formats show the times through batch_local, in --tz or as written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

int
schedule_init(struct exporter *x, struct schedule *s, struct tk_rows *rows)
{
	struct tk_err e;

	memset(s, 0, sizeof(*s));
	s->rows = rows;
	if (x->o->tz && (s->zone = tk_zone_open(x->o->tzdir, x->o->tz,
	    &e)) == NULL) {
		report(&e);
		return -1;
	}
	s->topts.order = x->o->order;
	s->topts.zone = s->zone;
	s->topts.r = x->c->r;
	s->topts.end_day = tk_end_day_col(x->c->r);
	if (s->topts.order == TK_DATES_AUTO)
		s->dates = tk_dates_new(&s->topts);
	return 0;
}

void
schedule_add(struct schedule *s, const struct tk_record *rec)
{
	if (s->dates)
		tk_dates_see(s->dates, rec);
	tk_rows_add(s->rows, rec);
}

/* Counts a talk without day or start, and names it with -v. */
static void
skip(struct exporter *x, struct schedule *s, const struct tk_record *rec)
{
	struct tk_err e;
	const struct tk_str *t = &rec->f[TK_TITLE];

	s->skipped++;
	if (!x->o->verbose || s->keep_all)
		return;
	tk_fail(&e, rec->file, rec->line, 0, "talk '%.*s' has no day or "
	    "start, skipped", tk_cut(t->p, t->n, 80), t->p);
	report(&e);
}

/*
 * Fails when a time of talk w, as shown, is not in the years 1 to 9999:
 * iCalendar and frab have four digits for the year.
 */
static int
check_years(const struct schedule *s, const struct tk_when *w,
    const struct tk_record *rec, struct tk_err *e)
{
	struct tk_time lt;
	long off;

	for (int k = 0; k < 1 + w->has_end; k++) {
		long long t = k ? w->end : w->start;
		int y[2];
		tk_time_from_epoch(tk_when_local(w, s->zone, t, &off), &lt);
		y[0] = lt.year;
		/* iCalendar writes zoned times in UTC. */
		tk_time_from_epoch(t, &lt);
		y[1] = w->how == TK_FLOATING ? y[0] : lt.year;
		if (y[0] >= 1 && y[0] <= 9999 && y[1] >= 1 && y[1] <= 9999)
			continue;
		if (y[0] > 9999 || y[1] > 9999)
			return tk_fail(e, rec->file, rec->line, 0, "the %s is "
			    "past the year 9999", k ? "end" : "start");
		return tk_fail(e, rec->file, rec->line, 0, "the %s is before "
		    "the year 1", k ? "end" : "start");
	}
	return 0;
}

/* Says once that times without a zone are floating, and how to fix it. */
static void
warn_floating(const struct schedule *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->when[s->row[i]].how == TK_FLOATING;
	if (n == 0)
		return;
	if (n == s->n)
		fputs("talks: no time has a zone, so all are floating: "
		    "calendars show them at the same clock time in every zone; "
		    "give their zone with --tz, such as --tz Europe/Brussels\n",
		    stderr);
	else
		fprintf(stderr, "talks: %zu of %zu talks have times without a "
		    "zone, so they are floating: calendars show them at the "
		    "same clock time in every zone; give their zone with --tz, "
		    "such as --tz Europe/Brussels\n", n, s->n);
}

int
schedule_end(struct exporter *x, struct schedule *s)
{
	size_t n = tk_rows_count(s->rows);
	struct tk_record rec;
	struct tk_err e;
	int bad = 0;

	if (s->dates && tk_dates_decide(s->dates, &e) < 0) {
		report(&e);
		return -1;
	}
	s->topts.dates = s->dates;
	s->row = tk_xcalloc(n + 1, sizeof(*s->row));
	s->when = tk_xcalloc(n + 1, sizeof(*s->when));
	for (size_t i = 0; i < n; i++) {
		struct tk_when *w = &s->when[i];
		tk_rows_get(s->rows, i, &rec);
		int rc = tk_when(&rec, &s->topts, w, &e);
		if (rc > 0 && check_years(s, w, &rec, &e) < 0)
			rc = -1;
		if (rc > 0) {
			s->row[s->n++] = i;
		} else if (rc == 0) {
			skip(x, s, &rec);
		} else {
			report(&e);
			bad = 1;
		}
	}
	if (s->skipped && !s->keep_all)
		fprintf(stderr, "talks: %lu talk%s without day or start "
		    "skipped\n", s->skipped, s->skipped == 1 ? "" : "s");
	if (bad)
		return -1;
	if (!s->keep_all)
		warn_floating(s);
	return 0;
}

void
schedule_free(struct schedule *s)
{
	tk_rows_free(s->rows);
	tk_dates_free(s->dates);
	tk_zone_close(s->zone);
	free(s->row);
	free(s->when);
}

/* ------------------------------------------------------ shown to formats */

long long
batch_local(const struct batch *b, size_t i, long long t, int zoned,
    char *buf, size_t size)
{
	const struct tk_when *w = batch_when(b, i);
	struct tk_time lt;
	long off, a;
	long long local = tk_when_local(w, b->zone, t, &off);
	int k;

	tk_time_from_epoch(local, &lt);
	k = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", lt.year,
	    lt.mon, lt.mday, lt.hour, lt.min, lt.sec);
	if (!zoned || w->how == TK_FLOATING || k < 0 || (size_t)k >= size)
		return local;
	a = off < 0 ? -off : off;
	snprintf(buf + k, size - (size_t)k, "%c%02ld:%02ld", off < 0 ? '-' :
	    '+', a / 3600, a / 60 % 60);
	return local;
}

/* A record's value of a column that must be unique, for sorting. */
struct ident {
	char *v;
	size_t n, i;
	const char *file;
	unsigned long line;
};

static int
by_value(const void *a, const void *b)
{
	const struct ident *x = a, *y = b;
	int c = memcmp(x->v, y->v, x->n < y->n ? x->n : y->n);

	if (c == 0 && x->n != y->n)
		c = x->n < y->n ? -1 : 1;
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

unsigned char *
batch_repeats(const struct batch *b, long c, const char *what)
{
	unsigned char *rep = tk_xcalloc(b->n + 1, 1);
	struct ident *id = tk_xcalloc(b->n + 1, sizeof(*id));
	size_t *pos = tk_xcalloc(b->n + 1, sizeof(*pos));
	size_t *first = tk_xcalloc(b->n + 1, sizeof(*first));
	struct tk_record rec;
	size_t n = 0;

	for (size_t i = 0; c >= 0 && i < b->n; i++) {
		batch_record(b, i, &rec);
		if (rec.f[c].n == 0)
			continue;
		id[n] = (struct ident){ tk_xstrndup(rec.f[c].p, rec.f[c].n),
			rec.f[c].n, i, rec.file, rec.line };
		n++;
	}
	qsort(id, n, sizeof(*id), by_value);
	for (size_t k = 0, f = 0; k < n; k++) {
		pos[id[k].i] = k;
		if (k == 0 || id[k].n != id[f].n ||
		    memcmp(id[k].v, id[f].v, id[k].n) != 0) {
			f = k;
			continue;
		}
		rep[id[k].i] = 1;
		first[id[k].i] = f;
	}
	/* Said in input order. */
	for (size_t i = 0; i < b->n; i++) {
		const struct ident *d = &id[pos[i]], *o = &id[first[i]];
		struct tk_err e;
		if (!rep[i])
			continue;
		tk_fail(&e, d->file, d->line, 0, "%s '%.*s' is that of the "
		    "talk at %s:%lu too: this talk gets one made for it", what,
		    tk_cut(d->v, d->n, 80), d->v, o->file, o->line);
		report(&e);
	}
	for (size_t k = 0; k < n; k++)
		free(id[k].v);
	free(id);
	free(pos);
	free(first);
	return rep;
}
