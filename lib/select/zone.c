/*
 * zone.c - time zones of the system's tz database, read from their TZif
 * files (RFC 8536) without TZ.
 *
 * The C library converts between zones only through the process-wide TZ
 * and tzset, which the library must not touch for its caller; a TZif
 * file is a table of transitions and local time types, then (version 2
 * on) a POSIX TZ string for the times after the table.  Reading both is
 * short, the result is a value that can be kept and queried by any
 * caller, and tests/unit/test_when.c checks it against the C library's
 * localtime_r for zones of every kind over two centuries.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define ZONE_MAX_FILE ((size_t)1 << 20)

/* A local time type: the offset from UTC and its name. */
struct ztype {
	long off;
	int isdst;
	char abbr[16];
};

/* The day and local time of a change in a POSIX TZ rule. */
struct zdate {
	char kind;   /* 'J': Jn, 'N': n, 'M': Mm.w.d */
	int m, w, d, n;
	long secs;   /* local time of the change, seconds after midnight */
};

struct tk_zone {
	char *name;
	long long *at;        /* transitions, ascending */
	unsigned char *idx;   /* the type from each transition on */
	size_t nat;
	struct ztype *type;
	size_t ntype;
	int has_rule;         /* the POSIX TZ string after the table */
	int rule_dst;         /* it has daylight saving time */
	struct ztype std, dst;
	struct zdate start, end;
};

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static long long
be64(const unsigned char *p)
{
	unsigned long long v = (unsigned long long)be32(p) << 32 | be32(p + 4);

	return v > 0x7fffffffffffffffULL ? -(long long)(~v) - 1 : (long long)v;
}

static long
sbe32(const unsigned char *p)
{
	unsigned long v = be32(p);

	return v > 0x7fffffffUL ? -(long)(0xffffffffUL - v) - 1 : (long)v;
}

/* ------------------------------------------------------ POSIX TZ strings */

/* A zone abbreviation: three letters or more, or <...>. */
static const char *
tz_name(const char *s, char *out)
{
	const char *b = s, *e;

	if (*s == '<') {
		b = ++s;
		while (tk_is_alpha(*s) || tk_is_digit(*s) || *s == '+' || *s == '-')
			s++;
		if (*s != '>')
			return NULL;
		e = s++;
	} else {
		while (tk_is_alpha(*s))
			s++;
		e = s;
	}
	if (e - b < 3 || e - b > 15)
		return NULL;
	memcpy(out, b, (size_t)(e - b));
	out[e - b] = '\0';
	return s;
}

/* [+-]hh[:mm[:ss]], hours up to max; seconds, positive west as POSIX has. */
static const char *
tz_secs(const char *s, long max, long *v)
{
	long sign = 1, h = 0, m = 0, sec = 0;
	int nd = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	for (; tk_is_digit(*s) && nd < 3; s++, nd++)
		h = h * 10 + (*s - '0');
	if (nd == 0 || h > max)
		return NULL;
	if (*s == ':') {
		if (!tk_is_digit(s[1]) || !tk_is_digit(s[2]))
			return NULL;
		m = (s[1] - '0') * 10 + (s[2] - '0');
		s += 3;
		if (*s == ':') {
			if (!tk_is_digit(s[1]) || !tk_is_digit(s[2]))
				return NULL;
			sec = (s[1] - '0') * 10 + (s[2] - '0');
			s += 3;
		}
	}
	if (m > 59 || sec > 59)
		return NULL;
	*v = sign * (h * 3600 + m * 60 + sec);
	return s;
}

static const char *
tz_int(const char *s, int min, int max, int *v)
{
	int n = 0, nd = 0;

	for (; tk_is_digit(*s) && nd < 4; s++, nd++)
		n = n * 10 + (*s - '0');
	if (nd == 0 || n < min || n > max)
		return NULL;
	*v = n;
	return s;
}

/* Jn, n or Mm.w.d, then an optional /time (default 02:00). */
static const char *
tz_date(const char *s, struct zdate *d)
{
	memset(d, 0, sizeof(*d));
	if (*s == 'J') {
		d->kind = 'J';
		s = tz_int(s + 1, 1, 365, &d->n);
	} else if (*s == 'M') {
		d->kind = 'M';
		if ((s = tz_int(s + 1, 1, 12, &d->m)) == NULL || *s != '.' ||
		    (s = tz_int(s + 1, 1, 5, &d->w)) == NULL || *s != '.')
			return NULL;
		s = tz_int(s + 1, 0, 6, &d->d);
	} else {
		d->kind = 'N';
		s = tz_int(s, 0, 365, &d->n);
	}
	if (s == NULL)
		return NULL;
	d->secs = 2 * 3600;
	if (*s == '/')
		s = tz_secs(s + 1, 167, &d->secs);
	return s;
}

/* Reads the TZ string s (a NUL-terminated copy) into z. */
static int
tz_rule(struct tk_zone *z, const char *s)
{
	long v;

	if (*s == '\0')
		return 0;
	if ((s = tz_name(s, z->std.abbr)) == NULL ||
	    (s = tz_secs(s, 24, &v)) == NULL)
		return -1;
	z->std.off = -v;
	z->has_rule = 1;
	if (*s == '\0')
		return 0;
	if ((s = tz_name(s, z->dst.abbr)) == NULL)
		return -1;
	z->dst.off = z->std.off + 3600;
	z->dst.isdst = 1;
	if (*s != ',' && *s != '\0') {
		if ((s = tz_secs(s, 24, &v)) == NULL)
			return -1;
		z->dst.off = -v;
	}
	/* A TZif footer always says when the changes are. */
	if (*s != ',' || (s = tz_date(s + 1, &z->start)) == NULL ||
	    *s != ',' || (s = tz_date(s + 1, &z->end)) == NULL || *s != '\0')
		return -1;
	z->rule_dst = 1;
	return 0;
}

/* Seconds since 1970 of the local midnight starting day d of rule year y. */
static long long
rule_day(const struct zdate *d, int y)
{
	struct tk_time t = { y, 1, 1, 0, 0, 0 };
	long long days = tk_time_epoch(&t) / 86400;
	int leap = tk_days_in_month(y, 2) == 29;

	if (d->kind == 'J') {
		days += d->n - 1 + (leap && d->n >= 60);
	} else if (d->kind == 'N') {
		days += d->n;
	} else {
		int dim = tk_days_in_month(y, d->m), wday, mday;
		t.mon = d->m;
		days = tk_time_epoch(&t) / 86400;
		/* 1970-01-01 was a Thursday (4). */
		wday = (int)(((days + 4) % 7 + 7) % 7);
		mday = 1 + (d->d - wday + 7) % 7 + (d->w - 1) * 7;
		while (mday > dim)
			mday -= 7;
		days += mday - 1;
	}
	return days * 86400;
}

/* The type the rule gives instant t. */
static const struct ztype *
rule_type(const struct tk_zone *z, long long t)
{
	struct tk_time lt;
	long long on, off;

	if (!z->rule_dst)
		return &z->std;
	tk_time_from_epoch(t + z->std.off, &lt);
	/* The start is in standard local time, the end in daylight time. */
	on = rule_day(&z->start, lt.year) + z->start.secs - z->std.off;
	off = rule_day(&z->end, lt.year) + z->end.secs - z->dst.off;
	if (on < off)
		return t >= on && t < off ? &z->dst : &z->std;
	return t >= off && t < on ? &z->std : &z->dst;
}

/* ------------------------------------------------------------ TZif files */

/* The byte counts of one data block of a TZif file with header h. */
static size_t
block_size(const unsigned char *h, size_t tsize)
{
	size_t isut = be32(h + 20), isstd = be32(h + 24), leap = be32(h + 28);
	size_t time = be32(h + 32), type = be32(h + 36), chars = be32(h + 40);

	/* Counts up to 2^16 keep the sum far from overflowing. */
	if (isut > 65536 || isstd > 65536 || leap > 65536 || time > 65536 ||
	    type > 256 || chars > 65536)
		return (size_t)-1;
	return time * (tsize + 1) + type * 6 + chars + leap * (tsize + 4) +
	    isstd + isut;
}

/* Reads the data block at p (header h, times of tsize bytes) into z. */
static int
read_block(struct tk_zone *z, const unsigned char *h, const unsigned char *p,
    size_t tsize)
{
	size_t time = be32(h + 32), type = be32(h + 36), chars = be32(h + 40);
	const unsigned char *idx = p + time * tsize, *ti = idx + time;
	const char *abbr = (const char *)(ti + type * 6);

	/* Leap seconds would make every instant a few seconds off. */
	if (be32(h + 28) != 0)
		return -2;
	if (type == 0 || chars == 0 || abbr[chars - 1] != '\0')
		return -1;
	z->nat = time;
	z->at = tk_xcalloc(time + 1, sizeof(*z->at));
	z->idx = tk_xcalloc(time + 1, 1);
	for (size_t i = 0; i < time; i++) {
		z->at[i] = tsize == 8 ? be64(p + i * 8) : sbe32(p + i * 4);
		z->idx[i] = idx[i];
		if (idx[i] >= type || (i > 0 && z->at[i] <= z->at[i - 1]))
			return -1;
	}
	z->ntype = type;
	z->type = tk_xcalloc(type, sizeof(*z->type));
	for (size_t i = 0; i < type; i++) {
		struct ztype *y = &z->type[i];
		y->off = sbe32(ti + i * 6);
		y->isdst = ti[i * 6 + 4] != 0;
		if (ti[i * 6 + 5] >= chars || y->off < -25 * 3600 ||
		    y->off > 26 * 3600)
			return -1;
		snprintf(y->abbr, sizeof(y->abbr), "%s", abbr + ti[i * 6 + 5]);
	}
	return 0;
}

/* Reads TZif data (n bytes at p) into z: 0, -1, or -2 for leap seconds. */
static int
read_tzif(struct tk_zone *z, const unsigned char *p, size_t n)
{
	size_t b1, b2;
	const unsigned char *h2, *foot, *nl;
	char *rule;
	int rc;

	if (n < 44 || memcmp(p, "TZif", 4) != 0 ||
	    (b1 = block_size(p, 4)) > n - 44)
		return -1;
	if (p[4] == '\0')
		return read_block(z, p, p + 44, 4);
	h2 = p + 44 + b1;
	if ((size_t)(p + n - h2) < 44 || memcmp(h2, "TZif", 4) != 0 ||
	    (b2 = block_size(h2, 8)) > (size_t)(p + n - h2) - 44)
		return -1;
	if ((rc = read_block(z, h2, h2 + 44, 8)) < 0)
		return rc;
	foot = h2 + 44 + b2;
	if (foot >= p + n || *foot != '\n' ||
	    (nl = memchr(foot + 1, '\n', (size_t)(p + n - foot - 1))) == NULL)
		return -1;
	rule = tk_xstrndup((const char *)foot + 1, (size_t)(nl - foot - 1));
	rc = tz_rule(z, rule);
	free(rule);
	return rc;
}

/* Whether name can be a zone: a relative path without "." or ".." parts. */
static int
good_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 200 || name[0] == '/' || name[n - 1] == '/')
		return 0;
	for (const char *s = name; *s; s++) {
		if (!tk_is_alpha(*s) && !tk_is_digit(*s) && !strchr("/_+-.", *s))
			return 0;
		if (*s == '.' && (s == name || s[-1] == '/'))
			return 0;
	}
	return 1;
}

static unsigned char *
read_file(const char *path, size_t *n)
{
	struct stat st;
	unsigned char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t k;

	*n = 0;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > ZONE_MAX_FILE) {
		close(fd);
		return NULL;
	}
	buf = tk_xmalloc((size_t)st.st_size + 1);
	while (*n < (size_t)st.st_size) {
		k = read(fd, buf + *n, (size_t)st.st_size - *n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		*n += (size_t)k;
	}
	close(fd);
	return buf;
}

struct tk_zone *
tk_zone_open(const char *dir, const char *name, struct tk_err *e)
{
	struct tk_zone *z;
	unsigned char *data = NULL;
	size_t n = 0;
	char *path;
	int rc;

	if (dir == NULL || *dir == '\0')
		dir = TK_ZONEINFO;
	if (!good_name(name)) {
		tk_fail(e, NULL, 0, 0, "unknown time zone '%.*s'",
		    tk_cut(name, strlen(name), 200), name);
		return NULL;
	}
	path = tk_xmalloc(strlen(dir) + strlen(name) + 2);
	sprintf(path, "%s/%s", dir, name);
	data = read_file(path, &n);
	free(path);
	z = tk_xcalloc(1, sizeof(*z));
	rc = data ? read_tzif(z, data, n) : -1;
	if (rc < 0) {
		if (rc == -2)
			tk_fail(e, NULL, 0, 0, "time zone '%.*s' counts leap "
			    "seconds, which calendars do not: give the zone "
			    "without them", tk_cut(name, strlen(name), 200),
			    name);
		else
			tk_fail(e, NULL, 0, 0, "unknown time zone '%.*s' (no "
			    "zone of that name in %.*s)",
			    tk_cut(name, strlen(name), 200), name,
			    tk_cut(dir, strlen(dir), 200), dir);
		free(data);
		tk_zone_close(z);
		return NULL;
	}
	free(data);
	z->name = tk_xstrndup(name, strlen(name));
	return z;
}

void
tk_zone_close(struct tk_zone *z)
{
	if (z == NULL)
		return;
	free(z->name);
	free(z->at);
	free(z->idx);
	free(z->type);
	free(z);
}

const char *
tk_zone_name(const struct tk_zone *z)
{
	return z->name;
}

/* The local time type in force at instant t. */
static const struct ztype *
type_at(const struct tk_zone *z, long long t)
{
	size_t lo = 0, hi;

	if (z->has_rule && (z->nat == 0 || t >= z->at[z->nat - 1]))
		return rule_type(z, t);
	if (z->nat == 0 || t < z->at[0])
		return &z->type[0];
	/* The last transition at or before t. */
	hi = z->nat;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return &z->type[z->idx[lo]];
}

long
tk_zone_offset(const struct tk_zone *z, long long t, int *isdst, char *abbr)
{
	const struct ztype *y = type_at(z, t);

	if (isdst)
		*isdst = y->isdst;
	if (abbr)
		memcpy(abbr, y->abbr, sizeof(y->abbr));
	return y->off;
}

long long
tk_zone_instant(const struct tk_zone *z, long long wall)
{
	/* The offsets in force a day before and a day after. */
	long before = tk_zone_offset(z, wall - 86400, NULL, NULL);
	long after = tk_zone_offset(z, wall + 86400, NULL, NULL);
	long long a = wall - before, b = wall - after;
	int a_ok = tk_zone_offset(z, a, NULL, NULL) == before;
	int b_ok = tk_zone_offset(z, b, NULL, NULL) == after;

	/* Twice (clocks turned back): the first; never: the offset before. */
	if (a_ok && b_ok)
		return a < b ? a : b;
	if (b_ok)
		return b;
	return a;
}

/* Adds one change to s. */
static void
add_change(struct tk_zone_span *s, long long at, long from, long to,
    const char *abbr, int isdst)
{
	struct tk_zone_rule *r;

	s->rule = tk_xrealloc(s->rule, (s->n + 1) * sizeof(*s->rule));
	r = &s->rule[s->n++];
	r->at = at;
	r->from = from;
	r->to = to;
	r->isdst = isdst;
	snprintf(r->abbr, sizeof(r->abbr), "%s", abbr);
}

void
tk_zone_span(const struct tk_zone *z, long long from, long long to,
    struct tk_zone_span *s)
{
	char abbr[16];
	int dst;
	long off = tk_zone_offset(z, from, &dst, abbr);

	memset(s, 0, sizeof(*s));
	add_change(s, from, off, off, abbr, dst);
	/* Offsets change at most a few times a year: look once a day. */
	for (long long t = from; t < to; t += 86400) {
		long next = tk_zone_offset(z, t + 86400, NULL, NULL);
		long long lo = t, hi = t + 86400;
		if (next == off)
			continue;
		while (hi - lo > 1) {
			long long mid = lo + (hi - lo) / 2;
			if (tk_zone_offset(z, mid, NULL, NULL) == off)
				lo = mid;
			else
				hi = mid;
		}
		tk_zone_offset(z, hi, &dst, abbr);
		add_change(s, hi, off, next, abbr, dst);
		off = next;
	}
}

void
tk_zone_span_free(struct tk_zone_span *s)
{
	free(s->rule);
	memset(s, 0, sizeof(*s));
}
