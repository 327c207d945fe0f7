/*
 * timeparse.c - the forms in which CfP systems, schedules and
 * spreadsheets write dates, times, date-times, ranges and durations.
 *
 * Every reader of times goes through here (see talks(5) for the forms);
 * a value is read whole or refused with the reason, never half read.
 */
#include <string.h>

#include "internal.h"

/* A value being read: p[i .. n) is left. */
struct cur {
	const char *p;
	size_t n, i;
};

static int
at(const struct cur *c, size_t k)
{
	return c->i + k < c->n ? (unsigned char)c->p[c->i + k] : -1;
}

static int
lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

static int
blank(int ch)
{
	return ch == ' ' || ch == '\t';
}

static void
blanks(struct cur *c)
{
	while (blank(at(c, 0)))
		c->i++;
}

/*
 * Reads the digits at the cursor into *v; returns how many there were
 * (up to 9 are read; a longer run is returned as 10, its value unread).
 */
static int
number(struct cur *c, long *v)
{
	int nd = 0;

	*v = 0;
	while (tk_is_digit(at(c, 0))) {
		if (nd < 9)
			*v = *v * 10 + (at(c, 0) - '0');
		nd++;
		c->i++;
	}
	return nd > 9 ? 10 : nd;
}

/* Matches word w (lower case) ignoring case, not followed by a letter. */
static int
word(struct cur *c, const char *w)
{
	size_t k = 0;

	for (; w[k]; k++)
		if (lower(at(c, k)) != w[k])
			return 0;
	if (tk_is_alpha(at(c, k)))
		return 0;
	c->i += k;
	return 1;
}

static struct tk_str
trimmed(const char *p, size_t n)
{
	struct tk_str s = { p, n };

	while (s.n > 0 && blank((unsigned char)s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n > 0 && blank((unsigned char)s.p[s.n - 1]))
		s.n--;
	return s;
}

/* ---------------------------------------------------------------- dates */

/*
 * Reads a date at the cursor: year first (2024-09-12, 2024/9/12,
 * 2024.09.12) or year last (12.09.2024, 12/9/2024, 9-12-2024).  Returns
 * 1 and fills s, 0 (cursor unmoved) when there is no date, or -TK_BAD_*.
 * *iso tells a year-first date with '-', after which 'T' may come.
 */
static int
read_date(struct cur *c, enum tk_date_order order, struct tk_stamp *s,
    int *iso)
{
	size_t i0 = c->i;
	long a, b, y;
	int na, nb, ny, sep, dmy, ch;

	na = number(c, &a);
	sep = at(c, 0);
	if (na == 0 || (sep != '-' && sep != '/' && sep != '.'))
		goto none;
	c->i++;
	nb = number(c, &b);
	if (nb == 0 || nb > 2 || at(c, 0) != sep)
		goto none;
	c->i++;
	ny = number(c, &y);
	*iso = na == 4 && sep == '-';
	ch = at(c, 0);
	if (ny == 0 || !(ch < 0 || blank(ch) || ch == ',' ||
	    (*iso && (ch == 'T' || ch == 't'))))
		goto none;
	if (na == 4) {
		if (ny > 2)
			goto none;
		s->year = (int)a;
		s->mon = (int)b;
		s->mday = (int)y;
	} else if (na <= 2) {
		if (ny == 2)
			return -TK_BAD_YEAR2;
		if (ny != 4)
			goto none;
		if (order == TK_DATES_YMD)
			return -TK_BAD_ORDER;
		if (order == TK_DATES_DMY)
			dmy = 1;
		else if (order == TK_DATES_MDY)
			dmy = 0;
		else if (sep == '.' || a == b || (a > 12 && b <= 12))
			dmy = 1;   /* no calendar writes month.day.year */
		else if (b > 12 && a <= 12)
			dmy = 0;
		else if (a > 12)
			return -TK_BAD_DATE;
		else
			return -TK_BAD_ORDER;
		s->year = (int)y;
		s->mon = (int)(dmy ? b : a);
		s->mday = (int)(dmy ? a : b);
	} else {
		goto none;
	}
	if (s->year < 1 || s->mon < 1 || s->mon > 12 || s->mday < 1 ||
	    s->mday > tk_days_in_month(s->year, s->mon))
		return -TK_BAD_DATE;
	s->has_date = 1;
	return 1;
none:
	c->i = i0;
	return 0;
}

int
tk_date_clue(const struct tk_str *v, int *a, int *b)
{
	struct tk_str t = trimmed(v->p, v->n);
	struct cur c = { t.p, t.n, 0 };
	long x, y, z;
	int sep;

	if (number(&c, &x) > 2 || x == 0)
		return 0;
	sep = at(&c, 0);
	if (sep != '/' && sep != '-')
		return 0;
	c.i++;
	if (number(&c, &y) > 2 || y == 0 || at(&c, 0) != sep)
		return 0;
	c.i++;
	if (number(&c, &z) != 4 || tk_is_digit(at(&c, 0)))
		return 0;
	*a = (int)x;
	*b = (int)y;
	return 1;
}

/* ---------------------------------------------------------------- times */

/* Reads AM, PM, a.m. or p.m. after optional blanks: 'a', 'p' or 0. */
static int
read_ampm(struct cur *c)
{
	size_t i0 = c->i;
	int ch;

	blanks(c);
	ch = lower(at(c, 0));
	if (ch == 'a' || ch == 'p') {
		c->i++;
		if (at(c, 0) == '.')
			c->i++;
		if (lower(at(c, 0)) == 'm') {
			c->i++;
			if (at(c, 0) == '.')
				c->i++;
			if (!tk_is_alpha(at(c, 0)))
				return ch;
		}
	}
	c->i = i0;
	return 0;
}

/*
 * Reads a time at the cursor: H:MM, HH:MM:SS[.fraction], 14.30, 14h30,
 * 14h, with AM/PM (9:30 AM, 2pm) except after 'h', and then an optional
 * "Uhr".  A bare hour (2) is read only when bare is set, and marked so.
 * Returns 1, 0 (cursor unmoved) or -TK_BAD_*.
 */
static int
read_time(struct cur *c, struct tk_stamp *s, int bare)
{
	size_t i0 = c->i;
	long h, m = 0, sec = 0;
	int nh, ch, hform = 0, isbare = 0, ampm = 0;

	nh = number(c, &h);
	if (nh == 0 || nh > 2)
		goto none;
	ch = at(c, 0);
	if (ch == ':') {
		c->i++;
		if (number(c, &m) != 2)
			goto none;
		if (at(c, 0) == ':') {
			c->i++;
			if (number(c, &sec) != 2)
				goto none;
			/* Fractions of a second are read and dropped. */
			if ((at(c, 0) == '.' || at(c, 0) == ',') &&
			    tk_is_digit(at(c, 1))) {
				c->i++;
				while (tk_is_digit(at(c, 0)))
					c->i++;
			}
		}
	} else if (ch == '.' && tk_is_digit(at(c, 1))) {
		c->i++;
		if (number(c, &m) != 2)
			goto none;
	} else if (ch == 'h' || ch == 'H') {
		c->i++;
		int nm = number(c, &m);
		if (nm != 0 && nm != 2)
			goto none;
		if (tk_is_alpha(at(c, 0)))
			goto none;
		hform = 1;
	} else {
		isbare = 1;
	}
	if (!hform)
		ampm = read_ampm(c);
	/* German schedules write "9:00 Uhr" and "9 Uhr". */
	size_t i1 = c->i;
	blanks(c);
	if (ampm || !word(c, "uhr"))
		c->i = i1;
	else if (isbare)
		isbare = 0;
	if (isbare && !ampm && !bare)
		goto none;
	if (ampm) {
		if (h < 1 || h > 12)
			return -TK_BAD_TIME;
		h = h % 12 + (ampm == 'p' ? 12 : 0);
	} else if (h > 24 || (h == 24 && (m || sec))) {
		return -TK_BAD_TIME;
	}
	if (m > 59 || sec > 59)
		return -TK_BAD_TIME;
	s->has_time = 1;
	s->hour = (int)h;
	s->min = (int)m;
	s->sec = (int)sec;
	s->ampm = (char)ampm;
	s->bare = (char)(isbare && !ampm);
	return 1;
none:
	c->i = i0;
	return 0;
}

/*
 * Reads a zone after a date-time: Z, UTC, GMT, +01:00, +0100 or +01
 * (the four-digit form may follow a blank).  Returns 1, 0 (cursor
 * unmoved) or -TK_BAD_ZONE.
 */
static int
read_zone(struct cur *c, struct tk_stamp *s)
{
	size_t i0 = c->i;
	long h, m = 0;
	int sign, nd, spaced;

	blanks(c);
	spaced = c->i > i0;
	if (word(c, "z") || word(c, "utc") || word(c, "gmt")) {
		s->has_zone = 1;
		s->off = 0;
		return 1;
	}
	sign = at(c, 0);
	if ((sign != '+' && sign != '-') || !tk_is_digit(at(c, 1)))
		goto none;
	c->i++;
	nd = number(c, &h);
	if (nd == 4 && at(c, 0) != ':') {
		m = h % 100;
		h /= 100;
	} else if (nd == 2 && !spaced) {
		if (at(c, 0) == ':') {
			c->i++;
			if (number(c, &m) != 2)
				return -TK_BAD_ZONE;
		}
	} else {
		goto none;
	}
	if (h > 23 || m > 59)
		return -TK_BAD_ZONE;
	s->has_zone = 1;
	s->off = (sign == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return 1;
none:
	c->i = i0;
	return 0;
}

/* ------------------------------------------------------------ whole values */

/* Reads all of t as a date, a time, or a date and a time with a zone. */
static int
read_stamp(struct tk_str t, enum tk_date_order order, struct tk_stamp *s,
    int bare)
{
	struct cur c = { t.p, t.n, 0 };
	int rc, iso = 0;

	memset(s, 0, sizeof(*s));
	if (t.n == 0)
		return -TK_BAD_FORM;
	if ((rc = read_date(&c, order, s, &iso)) < 0)
		return rc;
	if (rc == 1) {
		if (c.i == c.n)
			return 0;
		if (iso && (at(&c, 0) == 'T' || at(&c, 0) == 't') &&
		    tk_is_digit(at(&c, 1)))
			c.i++;
		else if (blank(at(&c, 0)) || at(&c, 0) == ',')
			c.i++, blanks(&c);
		else
			return -TK_BAD_FORM;
		if ((rc = read_time(&c, s, 0)) <= 0)
			return rc < 0 ? rc : -TK_BAD_FORM;
		if ((rc = read_zone(&c, s)) < 0)
			return rc;
	} else if ((rc = read_time(&c, s, bare)) <= 0) {
		return rc < 0 ? rc : -TK_BAD_FORM;
	}
	return c.i == c.n ? 0 : -TK_BAD_FORM;
}

int
tk_parse_stamp(const struct tk_str *v, enum tk_date_order order,
    struct tk_stamp *s)
{
	return read_stamp(trimmed(v->p, v->n), order, s, 0);
}

int
tk_parse_day(const struct tk_str *v, struct tk_time *t)
{
	struct tk_str d = trimmed(v->p, v->n);
	struct tk_stamp s;

	if (d.n != 10 || d.p[4] != '-' || d.p[7] != '-' ||
	    read_stamp(d, TK_DATES_YMD, &s, 0) < 0 || s.has_time)
		return -1;
	t->year = s.year;
	t->mon = s.mon;
	t->mday = s.mday;
	return 0;
}

/* The length of the range dash at p[k] ('-', en dash, em dash), or 0. */
static size_t
dash(const char *p, size_t n, size_t k)
{
	if (p[k] == '-')
		return 1;
	if (k + 2 < n && (unsigned char)p[k] == 0xe2 &&
	    (unsigned char)p[k + 1] == 0x80 &&
	    ((unsigned char)p[k + 2] == 0x93 || (unsigned char)p[k + 2] == 0x94))
		return 3;
	return 0;
}

/* Gives a from's AM or PM to a time without one, as "1:30-2:15 PM" means. */
static void
share_ampm(struct tk_stamp *a, const struct tk_stamp *b)
{
	int h, alt;

	if (a->ampm || !b->ampm || a->hour < 1 || a->hour > 12)
		return;
	h = a->hour % 12 + (b->ampm == 'p' ? 12 : 0);
	alt = a->hour % 12 + (b->ampm == 'p' ? 0 : 12);
	a->hour = h * 60 + a->min <= b->hour * 60 + b->min ? h : alt;
	a->ampm = b->ampm;
	a->bare = 0;
}

int
tk_parse_span(const struct tk_str *v, enum tk_date_order order,
    struct tk_stamp *a, struct tk_stamp *b, int *range)
{
	struct tk_str t = trimmed(v->p, v->n);
	int first;

	*range = 0;
	if ((first = read_stamp(t, order, a, 0)) == 0)
		return 0;
	for (size_t k = 1; k + 1 < t.n; k++) {
		size_t d = dash(t.p, t.n, k);
		if (d == 0)
			continue;
		struct tk_str l = trimmed(t.p, k);
		struct tk_str r = trimmed(t.p + k + d, t.n - k - d);
		if (l.n == 0 || r.n == 0 || read_stamp(l, order, a, 1) < 0 ||
		    read_stamp(r, order, b, 0) < 0 || !a->has_time ||
		    !b->has_time || (a->bare && !b->ampm))
			continue;
		share_ampm(a, b);
		*range = 1;
		return 0;
	}
	memset(a, 0, sizeof(*a));
	return first;
}

/* ------------------------------------------------------------ durations */

/* ISO 8601: P[nD][T[nH][nM][nS]], at least one part. */
static long long
iso_duration(struct cur *c)
{
	static const char units[] = "dhms";
	static const long secs[] = { 86400, 3600, 60, 1 };
	long long total = 0;
	long v;
	int next = 0, parts = 0, t = 0;

	c->i++;
	while (c->i < c->n) {
		if (lower(at(c, 0)) == 't' && !t) {
			c->i++;
			t = 1;
			if (next < 1)
				next = 1;
			if (c->i == c->n)
				return -1;
			continue;
		}
		if (number(c, &v) == 0 || v > 999999)
			return -1;
		const char *u = strchr(units + next, lower(at(c, 0)));
		if (at(c, 0) < 0 || u == NULL || *u == '\0' ||
		    (u == units) == t)
			return -1;
		c->i++;
		next = (int)(u - units) + 1;
		total += v * secs[u - units];
		parts++;
	}
	return parts ? total : -1;
}

/* A unit word: 3600, 60, 1, or 0 when it is none. */
static long
unit(struct cur *c)
{
	static const struct {
		const char *w;
		long s;
	} u[] = {
		{ "hours", 3600 }, { "hour", 3600 }, { "hrs", 3600 },
		{ "hr", 3600 }, { "h", 3600 }, { "stunden", 3600 },
		{ "stunde", 3600 }, { "std", 3600 },
		{ "minutes", 60 }, { "minute", 60 }, { "minuten", 60 },
		{ "mins", 60 }, { "min", 60 }, { "m", 60 },
		{ "seconds", 1 }, { "second", 1 }, { "secs", 1 }, { "sec", 1 },
		{ "s", 1 },
	};

	for (size_t k = 0; k < sizeof(u) / sizeof(u[0]); k++)
		if (word(c, u[k].w)) {
			if (at(c, 0) == '.')
				c->i++;
			return u[k].s;
		}
	return 0;
}

long long
tk_parse_duration(const struct tk_str *v)
{
	struct tk_str t = trimmed(v->p, v->n);
	struct cur c = { t.p, t.n, 0 };
	long long total = 0;
	long a, b, s = 0, last = 3601;
	int na;

	if (t.n == 0)
		return -1;
	if (lower(at(&c, 0)) == 'p')
		return iso_duration(&c);
	na = number(&c, &a);
	if (na == 0 || na > 6)
		return -1;
	if (c.i == c.n)
		return a * 60LL;
	if (at(&c, 0) == ':') {
		c.i++;
		if (number(&c, &b) != 2 || b > 59)
			return -1;
		if (at(&c, 0) == ':') {
			c.i++;
			if (number(&c, &s) != 2 || s > 59)
				return -1;
		}
		return c.i == c.n ? a * 3600LL + b * 60 + s : -1;
	}
	/* Numbers with units, largest first: 1h30, 1h 30min, 25 min. */
	c.i = 0;
	while (c.i < c.n) {
		long u;
		blanks(&c);
		na = number(&c, &a);
		if (na == 0 || na > 6)
			return -1;
		blanks(&c);
		u = unit(&c);
		/* After hours, a bare number is minutes. */
		if (u == 0 && last == 3600 && c.i == c.n)
			u = 60;
		if (u == 0 || u >= last)
			return -1;
		total += a * (long long)u;
		last = u;
		blanks(&c);
	}
	return total;
}

const char *
tk_bad_reason(int code)
{
	switch (-code) {
	case TK_BAD_YEAR2:
		return "a two-digit year";
	case TK_BAD_DATE:
		return "no such date";
	case TK_BAD_TIME:
		return "no such time of day";
	case TK_BAD_ORDER:
		return "day-first or month-first?";
	case TK_BAD_ZONE:
		return "a bad UTC offset";
	default:
		return "not a form that is read";
	}
}
