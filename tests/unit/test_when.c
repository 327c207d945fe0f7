/* test_when.c - days, times, durations, the end of a talk, time zones. */
#include <stdlib.h>

#include "talks.h"
#include "unit.h"

static struct tk_str
S(const char *s)
{
	struct tk_str v = { s, strlen(s) };
	return v;
}

/* A record with day, start, end and duration only. */
static int
when(const char *day, const char *start, const char *end, const char *dur,
    struct tk_when *w, struct tk_err *e)
{
	struct tk_str f[TK_NCANON];
	struct tk_record rec = { .f = f, .nf = TK_NCANON, .file = "t.csv",
	    .line = 7 };

	for (int i = 0; i < TK_NCANON; i++)
		f[i] = S("");
	f[TK_DAY] = S(day);
	f[TK_START] = S(start);
	f[TK_END] = S(end);
	f[TK_DURATION] = S(dur);
	return tk_when(&rec, w, e);
}

static void
test_parse(void)
{
	struct tk_time t = { 0 };
	struct tk_str v;
	int d;

	v = S(" 2016-08-20 ");
	check(tk_parse_day(&v, &t) == 0 && t.year == 2016 && t.mon == 8 &&
	    t.mday == 20);
	v = S("2016-02-30");
	check(tk_parse_day(&v, &t) < 0);
	v = S("2016-02-29");
	check(tk_parse_day(&v, &t) == 0);
	v = S("2015-02-29");
	check(tk_parse_day(&v, &t) < 0);
	v = S("16-08-20");
	check(tk_parse_day(&v, &t) < 0);
	v = S("09:30");
	check(tk_parse_clock(&v, &t, &d) == 0 && !d && t.hour == 9 &&
	    t.min == 30 && t.sec == 0 && t.mday == 29);
	v = S("23:59:58");
	check(tk_parse_clock(&v, &t, &d) == 0 && t.sec == 58);
	v = S("24:00");
	check(tk_parse_clock(&v, &t, &d) < 0);
	v = S("9:30");
	check(tk_parse_clock(&v, &t, &d) < 0);
	v = S("10:60");
	check(tk_parse_clock(&v, &t, &d) < 0);
	v = S("2016-08-21T14:05");
	check(tk_parse_clock(&v, &t, &d) == 0 && d && t.mday == 21 &&
	    t.hour == 14 && t.min == 5);
	v = S("2016-08-21 14:05:09");
	check(tk_parse_clock(&v, &t, &d) == 0 && d && t.sec == 9);
	v = S("2016-08-21T14:05Z");
	check(tk_parse_clock(&v, &t, &d) < 0);
	v = S("45");
	check(tk_parse_duration(&v) == 45 * 60);
	v = S("1:30");
	check(tk_parse_duration(&v) == 90 * 60);
	v = S("1:3");
	check(tk_parse_duration(&v) == -1);
	v = S("-5");
	check(tk_parse_duration(&v) == -1);
	v = S("30m");
	check(tk_parse_duration(&v) == -1);
}

static void
test_epoch(void)
{
	struct tk_time t = { 1970, 1, 1, 0, 0, 0 }, u;

	check(tk_time_epoch(&t) == 0);
	t = (struct tk_time){ 2016, 8, 20, 10, 0, 0 };
	check(tk_time_epoch(&t) == 1471687200LL);
	tk_time_from_epoch(1471687200LL + 14 * 3600 + 30 * 60, &u);
	check(u.year == 2016 && u.mon == 8 && u.mday == 21 && u.hour == 0 &&
	    u.min == 30);
	tk_time_from_epoch(-1, &u);
	check(u.year == 1969 && u.mon == 12 && u.mday == 31 && u.hour == 23 &&
	    u.sec == 59);
}

static void
test_when(void)
{
	struct tk_when w;
	struct tk_err e;
	struct tk_time t = { 2016, 8, 20, 10, 0, 0 };
	long long s = tk_time_epoch(&t);

	check(when("2016-08-20", "10:00", "10:45", "", &w, &e) == 1);
	check(w.start.hour == 10 && w.end == s + 45 * 60);
	check(when("2016-08-20", "10:00", "", "30", &w, &e) == 1);
	check(w.end == s + 30 * 60);
	check(when("2016-08-20", "10:00", "", "1:15", &w, &e) == 1);
	check(w.end == s + 75 * 60);
	/* end wins over duration */
	check(when("2016-08-20", "10:00", "11:00", "30", &w, &e) == 1);
	check(w.end == s + 3600);
	check(when("2016-08-20", "10:00", "", "", &w, &e) == 1 && w.end == -1);
	check(when("", "2016-08-20T10:00", "", "30", &w, &e) == 1);
	check(w.start.mday == 20 && w.end == s + 30 * 60);
	check(when("2016-08-20", "23:30", "00:15", "", &w, &e) == 1);
	check(w.end == s + 14 * 3600 + 15 * 60);
	check(when("", "10:00", "", "", &w, &e) == 0);
	check(when("2016-08-20", "", "", "", &w, &e) == 0);
	check(when("", "", "", "", &w, &e) == 0);
	check(when("2016-13-01", "10:00", "", "", &w, &e) == -1);
	check(strcmp(e.file, "t.csv") == 0 && e.line == 7);
	check(strcmp(e.msg, "bad day '2016-13-01'") == 0);
	check(when("2016-08-20", "10h", "", "", &w, &e) == -1);
	check(strcmp(e.msg, "bad start time '10h'") == 0);
	check(when("2016-08-20", "10:00", "", "soon", &w, &e) == -1);
	check(strcmp(e.msg, "bad duration 'soon'") == 0);
	check(when("2016-08-20", "10:00", "2016-08-20T09:00", "", &w, &e) == -1);
	check(strcmp(e.msg, "end is before start") == 0);
	check(when("2016-08-21", "2016-08-20T10:00", "", "", &w, &e) == -1);
}

static void
test_zone(void)
{
	struct tk_err e;
	struct tk_time summer = { 2016, 8, 20, 10, 0, 0 };
	struct tk_time winter = { 2016, 1, 20, 10, 0, 0 };
	struct tk_time a = { 2016, 1, 1, 0, 0, 0 }, b = { 2017, 1, 1, 0, 0, 0 };
	struct tk_zone z;

	check(tk_zone_check("America/Los_Angeles", &e) == 0);
	check(tk_zone_check("Nowhere/Special", &e) < 0);
	check(tk_zone_check("../../etc/passwd", &e) < 0);
	check(tk_zone_offset("America/Los_Angeles", &summer) == -7 * 3600);
	check(tk_zone_offset("America/Los_Angeles", &winter) == -8 * 3600);
	check(tk_zone_offset("UTC", &summer) == 0);
	tk_zone_rules("America/Los_Angeles", tk_time_epoch(&a),
	    tk_time_epoch(&b), &z);
	check(z.n == 3);
	if (z.n == 3) {
		/* 2016-03-13 10:00 UTC and 2016-11-06 09:00 UTC */
		check(z.rule[0].from == -8 * 3600 && !z.rule[0].isdst);
		check(z.rule[1].at == 1457863200LL && z.rule[1].to == -7 * 3600);
		check(z.rule[1].isdst && strcmp(z.rule[1].abbr, "PDT") == 0);
		check(z.rule[2].at == 1478422800LL && z.rule[2].to == -8 * 3600);
	}
	tk_zone_free(&z);
	check(getenv("TZ") == NULL);
}

static void
test_source_date(void)
{
	struct tk_err e;
	long long t;

	setenv("SOURCE_DATE_EPOCH", "1471651200", 1);
	check(tk_source_date(&t, &e) == 0 && t == 1471651200LL);
	setenv("SOURCE_DATE_EPOCH", "12x", 1);
	check(tk_source_date(&t, &e) < 0);
	setenv("SOURCE_DATE_EPOCH", "-3", 1);
	check(tk_source_date(&t, &e) < 0);
	unsetenv("SOURCE_DATE_EPOCH");
	check(tk_source_date(&t, &e) == 0 && t > 1471651200LL);
}

int
main(void)
{
	unsetenv("TZ");
	test_parse();
	test_epoch();
	test_when();
	test_zone();
	test_source_date();
	return unit_done();
}
