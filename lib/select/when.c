/* when.c - days, times and durations of scheduled talks, and time zones. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "talks.h"

/* How long after midnight a day of a schedule may last: 06:00. */
#define LATE_NIGHT (6 * 3600)

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of day number z, the inverse of days_from_civil. */
static void
civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
days_in_month(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return n[m - 1];
}

/* Reads exactly n digits at s; returns the number or -1. */
static int
digits(const char *s, size_t len, size_t at, size_t n)
{
	int v = 0;

	if (at + n > len)
		return -1;
	for (size_t i = at; i < at + n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Drops the blanks around v. */
static struct tk_str
trim(const struct tk_str *v)
{
	struct tk_str t = *v;

	while (t.n > 0 && is_blank(t.p[0])) {
		t.p++;
		t.n--;
	}
	while (t.n > 0 && is_blank(t.p[t.n - 1]))
		t.n--;
	return t;
}

int
tk_parse_day(const struct tk_str *v, struct tk_time *t)
{
	struct tk_str s = trim(v);
	int y, m, d;

	if (s.n != 10 || s.p[4] != '-' || s.p[7] != '-')
		return -1;
	y = digits(s.p, s.n, 0, 4);
	m = digits(s.p, s.n, 5, 2);
	d = digits(s.p, s.n, 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	t->year = y;
	t->mon = m;
	t->mday = d;
	return 0;
}

/* Reads HH:MM or HH:MM:SS at s[at ..) to the end; -1 if it is not one. */
static int
clock_at(const char *s, size_t n, size_t at, struct tk_time *t)
{
	int h, mi, se = 0;

	if (n - at != 5 && n - at != 8)
		return -1;
	h = digits(s, n, at, 2);
	mi = digits(s, n, at + 3, 2);
	if (s[at + 2] != ':' || h < 0 || h > 23 || mi < 0 || mi > 59)
		return -1;
	if (n - at == 8) {
		se = digits(s, n, at + 6, 2);
		if (s[at + 5] != ':' || se < 0 || se > 59)
			return -1;
	}
	t->hour = h;
	t->min = mi;
	t->sec = se;
	return 0;
}

int
tk_parse_clock(const struct tk_str *v, struct tk_time *t, int *has_day)
{
	struct tk_str s = trim(v);

	*has_day = 0;
	/* An ISO 8601 date-time: the date, then 'T' or a space. */
	if (s.n > 10 && (s.p[10] == 'T' || s.p[10] == ' ')) {
		struct tk_str d = { s.p, 10 };
		if (tk_parse_day(&d, t) < 0)
			return -1;
		*has_day = 1;
		return clock_at(s.p, s.n, 11, t);
	}
	return clock_at(s.p, s.n, 0, t);
}

long
tk_parse_duration(const struct tk_str *v)
{
	struct tk_str s = trim(v);
	long h = 0, m = 0;
	size_t i = 0, nd = 0;

	for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9' && nd < 6; i++, nd++)
		m = m * 10 + (s.p[i] - '0');
	if (nd == 0)
		return -1;
	if (i == s.n)
		return m * 60;
	/* H:MM */
	if (s.p[i] != ':' || s.n - i != 3)
		return -1;
	h = m;
	m = digits(s.p, s.n, i + 1, 2);
	if (m < 0 || m > 59)
		return -1;
	return (h * 60 + m) * 60;
}

long long
tk_time_epoch(const struct tk_time *t)
{
	return days_from_civil(t->year, t->mon, t->mday) * 86400 +
	    t->hour * 3600 + t->min * 60 + t->sec;
}

void
tk_time_from_epoch(long long s, struct tk_time *t)
{
	long long days = s / 86400, rem = s % 86400;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &t->year, &t->mon, &t->mday);
	t->hour = (int)(rem / 3600);
	t->min = (int)(rem / 60 % 60);
	t->sec = (int)(rem % 60);
}

static int
blank(const struct tk_str *v)
{
	return trim(v).n == 0;
}

/* The value of column c of rec, or an empty one. */
static const struct tk_str *
field(const struct tk_record *rec, size_t c)
{
	static const struct tk_str none = { "", 0 };

	return c < rec->nf ? &rec->f[c] : &none;
}

/* Fails with the value shown, cut short and without line breaks. */
static int
bad(struct tk_err *e, const struct tk_record *rec, const char *what,
    const struct tk_str *v)
{
	char shown[64];
	size_t n = 0, m = (size_t)tk_cut(v->p, v->n, sizeof(shown) - 4);

	for (size_t i = 0; i < m; i++)
		shown[n++] = (unsigned char)v->p[i] < 0x20 ? ' ' : v->p[i];
	if (n < v->n)
		memcpy(shown + n, "...", 3), n += 3;
	shown[n] = '\0';
	return tk_fail(e, rec->file, rec->line, 0, "bad %s '%s'", what, shown);
}

/* The end from the end field, on the start's day unless it has its own. */
static int
end_field(const struct tk_record *rec, struct tk_when *w, struct tk_err *e)
{
	const struct tk_str *v = field(rec, TK_END);
	struct tk_time t = w->start;
	int has_day;

	if (tk_parse_clock(v, &t, &has_day) < 0)
		return bad(e, rec, "end time", v);
	w->end = tk_time_epoch(&t);
	/* A bare end before the start runs past midnight. */
	if (!has_day && w->end < tk_time_epoch(&w->start))
		w->end += 86400;
	if (w->end < tk_time_epoch(&w->start))
		return tk_fail(e, rec->file, rec->line, 0,
		    "end is before start");
	return 0;
}

int
tk_when(const struct tk_record *rec, struct tk_when *w, struct tk_err *e)
{
	const struct tk_str *day = field(rec, TK_DAY), *st = field(rec, TK_START);
	const struct tk_str *du = field(rec, TK_DURATION);
	int has_day;
	long secs;

	memset(w, 0, sizeof(*w));
	w->end = -1;
	if (!blank(day) && tk_parse_day(day, &w->start) < 0)
		return bad(e, rec, "day", day);
	if (blank(st))
		return 0;
	if (tk_parse_clock(st, &w->start, &has_day) < 0)
		return bad(e, rec, "start time", st);
	if (!has_day && blank(day))
		return 0;
	if (has_day && !blank(day)) {
		struct tk_time d = { 0, 0, 0, 0, 0, 0 };
		long long after;
		tk_parse_day(day, &d);
		/*
		 * Or early on the next date: a schedule's day runs past
		 * midnight until it changes, at 04:00 or 06:00 (frab).
		 */
		after = tk_time_epoch(&w->start) - tk_time_epoch(&d);
		if (after < 0 || after >= 86400 + LATE_NIGHT)
			return tk_fail(e, rec->file, rec->line, 0,
			    "start is not on the day given");
	}
	if (!blank(field(rec, TK_END))) {
		if (end_field(rec, w, e) < 0)
			return -1;
	} else if (!blank(du)) {
		if ((secs = tk_parse_duration(du)) < 0)
			return bad(e, rec, "duration", du);
		w->end = tk_time_epoch(&w->start) + secs;
	}
	return 1;
}

int
tk_source_date(long long *t, struct tk_err *e)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0') {
		*t = (long long)time(NULL);
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end != '\0' || v < 0 || s[0] < '0' || s[0] > '9')
		return tk_fail(e, "SOURCE_DATE_EPOCH", 0, 0,
		    "not a number of seconds: '%.*s'", tk_cut(s, strlen(s), 40),
		    s);
	*t = v;
	return 0;
}

/* ---------------------------------------------------------------- zones */

/*
 * Zone names are looked up under the system's zoneinfo directory; the
 * name must be a relative path without "..", as TZ would read it.
 */
static int
zone_exists(const char *zone)
{
	char path[512];

	if (*zone == '\0' || *zone == '/' || *zone == '.' ||
	    strstr(zone, "..") || strlen(zone) > 200)
		return 0;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	return access(path, R_OK) == 0;
}

/* Saved TZ while a zone is in force. */
struct tzsave {
	char *old;
};

static void
zone_enter(struct tzsave *s, const char *zone)
{
	const char *old = getenv("TZ");

	s->old = old ? tk_xstrndup(old, strlen(old)) : NULL;
	setenv("TZ", zone, 1);
	tzset();
}

static void
zone_leave(struct tzsave *s)
{
	if (s->old)
		setenv("TZ", s->old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(s->old);
}

/* The offset from UTC at instant t, in seconds east, in the current TZ. */
static long
offset_at(time_t t, char *abbr, size_t abbrlen, int *isdst)
{
	struct tm tm;
	struct tk_time lt;

	localtime_r(&t, &tm);
	lt.year = tm.tm_year + 1900;
	lt.mon = tm.tm_mon + 1;
	lt.mday = tm.tm_mday;
	lt.hour = tm.tm_hour;
	lt.min = tm.tm_min;
	lt.sec = tm.tm_sec;
	if (isdst)
		*isdst = tm.tm_isdst > 0;
	if (abbr && strftime(abbr, abbrlen, "%Z", &tm) == 0)
		abbr[0] = '\0';
	return (long)(tk_time_epoch(&lt) - (long long)t);
}

int
tk_zone_check(const char *zone, struct tk_err *e)
{
	if (!zone_exists(zone))
		return tk_fail(e, NULL, 0, 0, "unknown time zone '%.*s'",
		    tk_cut(zone, strlen(zone), 200), zone);
	return 0;
}

long
tk_zone_offset(const char *zone, const struct tk_time *local)
{
	struct tzsave s;
	long long lt = tk_time_epoch(local);
	long off;

	zone_enter(&s, zone);
	/* The offset in force at the local time, found in two steps. */
	off = offset_at((time_t)lt, NULL, 0, NULL);
	off = offset_at((time_t)(lt - off), NULL, 0, NULL);
	zone_leave(&s);
	return off;
}

/* Adds one rule to z. */
static void
add_rule(struct tk_zone *z, long long at, long from, long to,
    const char *abbr, int isdst)
{
	struct tk_zone_rule *r;

	z->rule = tk_xrealloc(z->rule, (z->n + 1) * sizeof(*z->rule));
	r = &z->rule[z->n++];
	r->at = at;
	r->from = from;
	r->to = to;
	r->isdst = isdst;
	snprintf(r->abbr, sizeof(r->abbr), "%s", abbr);
}

/* Finds the instant in (lo, hi] where the offset changes from lo's. */
static long long
find_change(long long lo, long long hi)
{
	long off = offset_at((time_t)lo, NULL, 0, NULL);

	while (hi - lo > 1) {
		long long mid = lo + (hi - lo) / 2;
		if (offset_at((time_t)mid, NULL, 0, NULL) == off)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

void
tk_zone_rules(const char *zone, long long from, long long to,
    struct tk_zone *z)
{
	struct tzsave s;
	char abbr[16];
	long off;
	int dst;

	memset(z, 0, sizeof(*z));
	zone_enter(&s, zone);
	off = offset_at((time_t)from, abbr, sizeof(abbr), &dst);
	add_rule(z, from, off, off, abbr, dst);
	/* Offsets change at most a few times a year: look once a day. */
	for (long long t = from; t < to; t += 86400) {
		long next = offset_at((time_t)(t + 86400), NULL, 0, NULL);
		if (next == off)
			continue;
		long long at = find_change(t, t + 86400);
		offset_at((time_t)at, abbr, sizeof(abbr), &dst);
		add_rule(z, at, off, next, abbr, dst);
		off = next;
	}
	zone_leave(&s);
}

void
tk_zone_free(struct tk_zone *z)
{
	free(z->rule);
	memset(z, 0, sizeof(*z));
}
