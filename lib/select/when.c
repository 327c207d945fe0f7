/*
 * when.c - when a talk is: its day, start, end and duration fields read
 * together, in the zone they were written in, and the decision, per
 * column, whether dates with the year last are day-first or month-first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * How long after midnight a day of a schedule may last: 06:00.  A frab
 * day runs past midnight until its day change, 04:00 at the CCC
 * congresses and 06:00 at most; a talk at 09:00 the next morning is
 * most likely a wrong date.
 */
#define LATE_NIGHT (6 * 3600)

/* The columns that hold dates, as tk_dates counts them. */
enum { COL_DAY, COL_START, COL_END, COL_END_DAY, NCOLS };

static const struct tk_str none = { "", 0 };

static int
is_blank(const struct tk_str *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->p[i] != ' ' && v->p[i] != '\t')
			return 0;
	return 1;
}

/* The value of column c of rec, or an empty one. */
static const struct tk_str *
field(const struct tk_record *rec, long c)
{
	return c >= 0 && (size_t)c < rec->nf ? &rec->f[c] : &none;
}

static long
column_of(const struct tk_time_opts *o, int k)
{
	static const long canon[] = { TK_DAY, TK_START, TK_END };

	return k == COL_END_DAY ? o->end_day : canon[k];
}

/* v for messages: cut short between characters, controls as spaces. */
static void
shown(const struct tk_str *v, char *out, size_t size)
{
	size_t n = 0, m = (size_t)tk_cut(v->p, v->n, size - 4);

	for (size_t i = 0; i < m; i++)
		out[n++] = (unsigned char)v->p[i] < 0x20 ? ' ' : v->p[i];
	if (n < v->n)
		memcpy(out + n, "...", 3), n += 3;
	out[n] = '\0';
}

/* "column 4 (start)", or "start" without the reader. */
static void
col_name(const struct tk_time_opts *o, size_t fileno, long c, char *out,
    size_t size)
{
	const char *name = o->r ? tk_colname(o->r, (size_t)c) :
	    c < TK_NCANON ? tk_canon_name((int)c) : "column";
	size_t num = o->r ? tk_file_col(o->r, fileno, (size_t)c) : 0;

	if (num)
		snprintf(out, size, "column %zu (%.*s)", num,
		    tk_cut(name, strlen(name), 60), name);
	else
		snprintf(out, size, "%.*s", tk_cut(name, strlen(name), 60),
		    name);
}

/* ------------------------------------------------------------ messages */

static const char date_forms[] = "2024-09-12, 12.09.2024, 12/09/2024 or "
    "9/12/2024, and a time after it or not";
static const char time_forms[] = "14:30, 9:30, 14:30:15.250, 9:30 AM, "
    "2pm, 14h30 or 14.30, or a date and a time such as "
    "2024-09-12T14:30:00+02:00, 2024-09-12 14:30 or 12.09.2024 14:30";
static const char duration_forms[] = "minutes (25), 0:25, 1:30:00, "
    "25 min, 1h30, 1h or PT1H30M";

enum what { W_DATE, W_TIME, W_START, W_DURATION };

/* Fails for value v of column c of rec, which is not a what. */
static int
refuse(struct tk_err *e, const struct tk_time_opts *o,
    const struct tk_record *rec, long c, const struct tk_str *v,
    enum what what, int code, enum tk_date_order order)
{
	static const char *const noun[] = { "date", "time", "time",
		"duration" };
	char col[96], val[64];
	const char *forms = what == W_DATE ? date_forms :
	    what == W_DURATION ? duration_forms : time_forms;
	const char *more = what == W_START ? ", or a range such as "
	    "9:00-10:30" : "";

	col_name(o, rec->fileno, c, col, sizeof(col));
	shown(v, val, sizeof(val));
	if (code == -TK_BAD_ORDER && order == TK_DATES_YMD)
		return tk_fail(e, rec->file, rec->line, 0, "%s: '%s' has the "
		    "year last, but --date-order is ymd", col, val);
	if (code == -TK_BAD_ORDER)
		return tk_fail(e, rec->file, rec->line, 0, "%s: '%s' could be "
		    "day-first or month-first: give --date-order dmy or mdy",
		    col, val);
	if (code == -TK_BAD_FORM)
		return tk_fail(e, rec->file, rec->line, 0, "%s: bad %s '%s'; "
		    "write %s%s", col, noun[what], val, forms, more);
	return tk_fail(e, rec->file, rec->line, 0, "%s: bad %s '%s' (%s); "
	    "write %s%s", col, noun[what], val, tk_bad_reason(code), forms,
	    more);
}

long
tk_end_day_col(const struct tk_reader *r)
{
	static const char *const names[] = { "end (date)", "end date",
		"end day", NULL };
	long c = -1;

	for (size_t i = 0; names[i] && c < 0; i++)
		c = tk_find_col(r, names[i], strlen(names[i]));
	return c;
}

/* ------------------------------------------------------- the date order */

/* The first value of one kind in a column. */
struct clue {
	unsigned long line;
	char v[48];
};

struct dcol {
	struct clue dmy, mdy, either; /* line 0: none seen */
	enum tk_date_order order;
};

struct dfile {
	const char *name;
	struct dcol col[NCOLS];
};

struct tk_dates {
	struct tk_time_opts o;
	struct dfile *f;
	size_t nf;
};

struct tk_dates *
tk_dates_new(const struct tk_time_opts *o)
{
	struct tk_dates *d = tk_xcalloc(1, sizeof(*d));

	d->o = *o;
	return d;
}

void
tk_dates_free(struct tk_dates *d)
{
	if (d == NULL)
		return;
	free(d->f);
	free(d);
}

static void
keep(struct clue *c, const struct tk_record *rec, const struct tk_str *v)
{
	if (c->line)
		return;
	c->line = rec->line;
	shown(v, c->v, sizeof(c->v));
}

void
tk_dates_see(struct tk_dates *d, const struct tk_record *rec)
{
	struct dfile *f;
	int a, b;

	if (rec->fileno >= d->nf) {
		size_t n = rec->fileno + 1;
		d->f = tk_xrealloc(d->f, n * sizeof(*d->f));
		memset(d->f + d->nf, 0, (n - d->nf) * sizeof(*d->f));
		d->nf = n;
	}
	f = &d->f[rec->fileno];
	f->name = rec->file;
	for (int k = 0; k < NCOLS; k++) {
		const struct tk_str *v = field(rec, column_of(&d->o, k));
		struct dcol *c = &f->col[k];
		if (!tk_date_clue(v, &a, &b) || a == b)
			continue;
		if (a > 12 && b <= 12)
			keep(&c->dmy, rec, v);
		else if (b > 12 && a <= 12)
			keep(&c->mdy, rec, v);
		else if (a <= 12 && b <= 12)
			keep(&c->either, rec, v);
	}
}

int
tk_dates_decide(struct tk_dates *d, struct tk_err *e)
{
	char col[96];

	for (size_t i = 0; i < d->nf; i++)
		for (int k = 0; k < NCOLS; k++) {
			struct dcol *c = &d->f[i].col[k];
			const char *file = d->f[i].name;
			if (c->dmy.line || c->mdy.line || c->either.line)
				col_name(&d->o, i, column_of(&d->o, k), col,
				    sizeof(col));
			if (c->dmy.line && c->mdy.line)
				return tk_fail(e, file, c->mdy.line, 0, "%s: "
				    "'%s' is month-first, but '%s' (line %lu) "
				    "is day-first: give --date-order dmy or mdy",
				    col, c->mdy.v, c->dmy.v, c->dmy.line);
			if (c->dmy.line)
				c->order = TK_DATES_DMY;
			else if (c->mdy.line)
				c->order = TK_DATES_MDY;
			else if (c->either.line)
				return tk_fail(e, file, c->either.line, 0, "%s: "
				    "'%s' could be day-first or month-first, and "
				    "no date of the column tells which: give "
				    "--date-order dmy or mdy", col, c->either.v);
		}
	return 0;
}

static enum tk_date_order
order_of(const struct tk_time_opts *o, const struct tk_record *rec, int k)
{
	if (o->order != TK_DATES_AUTO || o->dates == NULL ||
	    rec->fileno >= o->dates->nf)
		return o->order;
	return o->dates->f[rec->fileno].col[k].order;
}

/* -------------------------------------------------------------- a talk */

static long long
wall_of(const struct tk_stamp *s)
{
	struct tk_time t = { s->year, s->mon, s->mday, s->hour, s->min,
		s->sec };

	return tk_time_epoch(&t);
}

/* The instant of s, or its clock time when it is floating. */
static long long
instant(const struct tk_stamp *s, const struct tk_time_opts *o)
{
	long long wall = wall_of(s);

	if (s->has_zone)
		return wall - s->off;
	return o->zone ? tk_zone_instant(o->zone, wall) : wall;
}

static void
same_date(struct tk_stamp *to, const struct tk_stamp *from)
{
	to->year = from->year;
	to->mon = from->mon;
	to->mday = from->mday;
	to->has_date = 1;
}

static int
date_differs(const struct tk_stamp *a, const struct tk_stamp *b)
{
	return a->year != b->year || a->mon != b->mon || a->mday != b->mday;
}

/* Whether a is on the date after b, before LATE_NIGHT. */
static int
early_next_day(const struct tk_stamp *a, const struct tk_stamp *b)
{
	struct tk_time x = { a->year, a->mon, a->mday, 0, 0, 0 };
	struct tk_time y = { b->year, b->mon, b->mday, 0, 0, 0 };

	return tk_time_epoch(&x) - tk_time_epoch(&y) == 86400 &&
	    a->hour * 3600 + a->min * 60 + a->sec < LATE_NIGHT;
}

/*
 * Fails: the date in column c is not the one in column dc (nor, with
 * next set, the one after it).
 */
static int
not_on(struct tk_err *e, const struct tk_time_opts *o,
    const struct tk_record *rec, long c, long dc, int next)
{
	char a[96], b[96], va[64], vb[64];

	col_name(o, rec->fileno, c, a, sizeof(a));
	col_name(o, rec->fileno, dc, b, sizeof(b));
	shown(field(rec, c), va, sizeof(va));
	shown(field(rec, dc), vb, sizeof(vb));
	return tk_fail(e, rec->file, rec->line, 0, "%s: '%s' is not on the "
	    "day in %s, '%s'%s", a, va, b, vb,
	    next ? ", nor on the next before 06:00" : "");
}

/* Reads the day of the end from opts' end_day column into x. */
static int
end_day(const struct tk_record *rec, const struct tk_time_opts *o,
    struct tk_stamp *x, struct tk_err *e)
{
	const struct tk_str *v = field(rec, o->end_day);
	enum tk_date_order ord = order_of(o, rec, COL_END_DAY);
	struct tk_stamp d;
	int rc;

	if (is_blank(v))
		return 0;
	if ((rc = tk_parse_stamp(v, ord, &d)) < 0 || !d.has_date)
		return refuse(e, o, rec, o->end_day, v, W_DATE,
		    rc < 0 ? rc : -TK_BAD_FORM, ord);
	if (x->has_date && date_differs(x, &d))
		return not_on(e, o, rec, TK_END, o->end_day, 0);
	if (!x->has_date)
		same_date(x, &d);
	if (!x->has_zone && d.has_zone) {
		x->has_zone = 1;
		x->off = d.off;
	}
	return 1;
}

/*
 * The instant of end x of talk w, which starts at a: a time without a
 * date is on the start's day, or the next when it is earlier; without a
 * zone it is in the start's.
 */
static int
end_of(const struct tk_record *rec, const struct tk_time_opts *o,
    struct tk_when *w, const struct tk_stamp *a, struct tk_stamp x,
    int dated, long long *t, struct tk_err *e)
{
	char col[96];

	if (!x.has_date)
		same_date(&x, a);
	if (!x.has_zone && w->how == TK_OFFSET) {
		x.has_zone = 1;
		x.off = w->off;
	}
	if (x.has_zone && w->how == TK_FLOATING) {
		col_name(o, rec->fileno, TK_END, col, sizeof(col));
		return tk_fail(e, rec->file, rec->line, 0, "%s: the end has a "
		    "zone but the start has none", col);
	}
	*t = instant(&x, o);
	if (!dated && *t < w->start) {
		x.hour += 24;
		*t = instant(&x, o);
	}
	return 0;
}

int
tk_when(const struct tk_record *rec, const struct tk_time_opts *o,
    struct tk_when *w, struct tk_err *e)
{
	const struct tk_str *day = field(rec, TK_DAY);
	const struct tk_str *st = field(rec, TK_START);
	const struct tk_str *en = field(rec, TK_END);
	const struct tk_str *du = field(rec, TK_DURATION);
	enum tk_date_order ord;
	struct tk_stamp d, a, b, x;
	int rc, range, dated;
	long long t;

	memset(w, 0, sizeof(*w));
	memset(&d, 0, sizeof(d));
	if (!is_blank(day)) {
		ord = order_of(o, rec, COL_DAY);
		if ((rc = tk_parse_stamp(day, ord, &d)) < 0 || !d.has_date)
			return refuse(e, o, rec, TK_DAY, day, W_DATE,
			    rc < 0 ? rc : -TK_BAD_FORM, ord);
	}
	if (is_blank(st))
		return 0;
	ord = order_of(o, rec, COL_START);
	if ((rc = tk_parse_span(st, ord, &a, &b, &range)) < 0 || !a.has_time)
		return refuse(e, o, rec, TK_START, st, W_START,
		    rc < 0 ? rc : -TK_BAD_FORM, ord);
	if (!a.has_date) {
		if (!d.has_date)
			return 0;
		same_date(&a, &d);
	} else if (d.has_date && date_differs(&a, &d) &&
	    !early_next_day(&a, &d)) {
		/* Or early on the next: a schedule's day runs past midnight. */
		return not_on(e, o, rec, TK_START, TK_DAY, 1);
	}
	/* A frab date holds the start's offset: 2026-01-31T09:30:00+01:00. */
	if (!a.has_zone && d.has_zone) {
		a.has_zone = 1;
		a.off = d.off;
	}
	w->how = a.has_zone ? TK_OFFSET : o->zone ? TK_IN_ZONE : TK_FLOATING;
	w->off = a.has_zone ? a.off : 0;
	w->start = instant(&a, o);
	if (range) {
		if (end_of(rec, o, w, &a, b, b.has_date, &w->end, e) < 0)
			return -1;
		w->has_end = 1;
	}
	if (!is_blank(en)) {
		ord = order_of(o, rec, COL_END);
		if ((rc = tk_parse_stamp(en, ord, &x)) < 0 || !x.has_time)
			return refuse(e, o, rec, TK_END, en, W_TIME,
			    rc < 0 ? rc : -TK_BAD_FORM, ord);
		dated = x.has_date;
		if (o->end_day >= 0 && (rc = end_day(rec, o, &x, e)) != 0) {
			if (rc < 0)
				return -1;
			dated = 1;
		}
		if (end_of(rec, o, w, &a, x, dated, &t, e) < 0)
			return -1;
		if (range && t != w->end) {
			char c1[96], c2[96];
			col_name(o, rec->fileno, TK_END, c1, sizeof(c1));
			col_name(o, rec->fileno, TK_START, c2, sizeof(c2));
			return tk_fail(e, rec->file, rec->line, 0, "%s: the end "
			    "is not the end of the range in %s", c1, c2);
		}
		w->end = t;
		w->has_end = 1;
	} else if (!range && !is_blank(du)) {
		long long secs = tk_parse_duration(du);
		if (secs < 0)
			return refuse(e, o, rec, TK_DURATION, du, W_DURATION,
			    -TK_BAD_FORM, o->order);
		w->end = w->start + secs;
		w->has_end = 1;
	}
	if (w->has_end && w->end < w->start) {
		char col[96];
		col_name(o, rec->fileno, TK_END, col, sizeof(col));
		return tk_fail(e, rec->file, rec->line, 0, "%s: the end is "
		    "before the start", col);
	}
	return 1;
}

long long
tk_when_local(const struct tk_when *w, const struct tk_zone *z, long long t,
    long *off)
{
	*off = 0;
	if (w->how == TK_FLOATING)
		return t;
	*off = z ? tk_zone_offset(z, t, NULL, NULL) : w->off;
	return t + *off;
}

int
tk_parse_epoch(const char *name, const char *s, long long *t,
    struct tk_err *e)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end != '\0' || v < 0 || s[0] < '0' || s[0] > '9')
		return tk_fail(e, name, 0, 0, "not a number of seconds: "
		    "'%.*s'", tk_cut(s, strlen(s), 40), s);
	*t = v;
	return 0;
}
