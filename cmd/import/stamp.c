/*
 * stamp.c - the dates, times and durations of published schedules: ISO
 * 8601 date-times with their offsets, read and written back.
 */
#include <stdio.h>
#include <string.h>

#include "import.h"

/* Reads exactly k digits at s; the number, or -1. */
static int
num(const char *s, size_t n, size_t at, size_t k)
{
	int v = 0;

	if (at + k > n)
		return -1;
	for (size_t i = at; i < at + k; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Reads HH:MM or HH:MM:SS at s[at ..), setting *end past it. */
static int
clock_at(const char *s, size_t n, size_t at, struct tk_time *t, size_t *end)
{
	int h = num(s, n, at, 2), m = num(s, n, at + 3, 2), sec = 0;

	if (h < 0 || h > 23 || m < 0 || m > 59 || s[at + 2] != ':')
		return -1;
	*end = at + 5;
	if (at + 5 < n && s[at + 5] == ':') {
		sec = num(s, n, at + 6, 2);
		if (sec < 0 || sec > 59)
			return -1;
		*end = at + 8;
	}
	t->hour = h;
	t->min = m;
	t->sec = sec;
	return 0;
}

int
clock_parse(const char *s, size_t n, struct tk_time *t)
{
	size_t end;

	if (n < 5 || clock_at(s, n, 0, t, &end) < 0)
		return -1;
	return end == n ? 0 : -1;
}

/* Reads the offset at s[at ..) to the end: Z, +HH:MM, +HHMM or +HH. */
static int
offset_at(const char *s, size_t n, size_t at, struct stamp *st)
{
	int h, m = 0, sign;

	if (at == n) {
		st->has_off = 0;
		st->off = 0;
		return 0;
	}
	st->has_off = 1;
	if (n - at == 1 && (s[at] == 'Z' || s[at] == 'z')) {
		st->off = 0;
		return 0;
	}
	if (s[at] != '+' && s[at] != '-')
		return -1;
	sign = s[at] == '-' ? -1 : 1;
	h = num(s, n, at + 1, 2);
	if (n - at == 6 && s[at + 3] == ':')
		m = num(s, n, at + 4, 2);
	else if (n - at == 5)
		m = num(s, n, at + 3, 2);
	else if (n - at != 3)
		return -1;
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	st->off = sign * (h * 3600L + m * 60L);
	return 0;
}

int
stamp_parse(const char *s, size_t n, struct stamp *st)
{
	struct tk_str d = { s, 10 };
	size_t at;

	memset(st, 0, sizeof(*st));
	if (n < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    tk_parse_day(&d, &st->t) < 0 ||
	    clock_at(s, n, 11, &st->t, &at) < 0)
		return -1;
	/* Fractions of a second: schedules do not need them. */
	if (at < n && (s[at] == '.' || s[at] == ',')) {
		size_t k = at + 1;
		while (k < n && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k == at + 1)
			return -1;
		at = k;
	}
	return offset_at(s, n, at, st);
}

long
duration_parse(const char *s, size_t n)
{
	long v[3] = { 0, 0, 0 };
	size_t k = 0, digits = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (++digits > 6)
				return -1;
			v[k] = v[k] * 10 + (s[i] - '0');
		} else if (s[i] == ':' && digits > 0 && k < 2) {
			k++;
			digits = 0;
		} else {
			return -1;
		}
	}
	if (digits == 0)
		return -1;
	if (k == 0)
		return v[0] * 60;
	if (v[1] > 59 || (k == 2 && v[2] > 59))
		return -1;
	/* HH:MM, or HH:MM:SS. */
	return k == 1 ? (v[0] * 60 + v[1]) * 60 :
	    (v[0] * 60 + v[1]) * 60 + v[2];
}

void
stamp_add(struct stamp *st, long long secs)
{
	tk_time_from_epoch(tk_time_epoch(&st->t) + secs, &st->t);
}

long long
stamp_diff(const struct stamp *st, const struct stamp *en)
{
	long long a = tk_time_epoch(&st->t), b = tk_time_epoch(&en->t);

	if (st->has_off && en->has_off) {
		a -= st->off;
		b -= en->off;
	}
	return b - a;
}

void
date_put(struct tk_buf *b, const struct tk_time *t)
{
	char s[32];
	int k = snprintf(s, sizeof(s), "%04d-%02d-%02d", t->year, t->mon,
	    t->mday);

	tk_buf_add(b, s, (size_t)k);
}

void
stamp_put(struct tk_buf *b, const struct stamp *st)
{
	char s[48];
	long off = st->off < 0 ? -st->off : st->off;
	int k;

	date_put(b, &st->t);
	k = snprintf(s, sizeof(s), "T%02d:%02d:%02d", st->t.hour, st->t.min,
	    st->t.sec);
	tk_buf_add(b, s, (size_t)k);
	if (!st->has_off)
		return;
	k = snprintf(s, sizeof(s), "%c%02ld:%02ld", st->off < 0 ? '-' : '+',
	    off / 3600, off / 60 % 60);
	tk_buf_add(b, s, (size_t)k);
}

void
duration_put(struct tk_buf *b, long long secs)
{
	char s[48];
	int k;

	if (secs % 60 == 0)
		k = snprintf(s, sizeof(s), "%lld", secs / 60);
	else
		k = snprintf(s, sizeof(s), "%s%lld:%02lld:%02lld",
		    secs < 0 ? "-" : "", (secs < 0 ? -secs : secs) / 3600,
		    (secs < 0 ? -secs : secs) / 60 % 60,
		    (secs < 0 ? -secs : secs) % 60);
	tk_buf_add(b, s, (size_t)k);
}
