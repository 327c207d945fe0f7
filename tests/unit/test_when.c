/*
 * test_when.c - the forms of dates, times, ranges and durations; the
 * time of a talk from its fields; the day-first or month-first decision;
 * time zones read from TZif files, checked against the C library's
 * localtime_r; slugs.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "talks.h"
#include "unit.h"
#include "files.h"

static struct tk_str
S(const char *s)
{
	struct tk_str v = { s, strlen(s) };
	return v;
}

static long long
E(int y, int mo, int d, int h, int mi, int s)
{
	struct tk_time t = { y, mo, d, h, mi, s };

	return tk_time_epoch(&t);
}

/* Parses s as one value; returns the code. */
static int
stamp(const char *s, enum tk_date_order o, struct tk_stamp *t)
{
	struct tk_str v = S(s);

	return tk_parse_stamp(&v, o, t);
}

static int
is_date(const char *s, enum tk_date_order o, int y, int m, int d)
{
	struct tk_stamp t;

	return stamp(s, o, &t) == 0 && t.has_date && !t.has_time &&
	    t.year == y && t.mon == m && t.mday == d;
}

static int
is_time(const char *s, int h, int m, int sec)
{
	struct tk_stamp t;

	return stamp(s, TK_DATES_AUTO, &t) == 0 && t.has_time &&
	    !t.has_date && !t.has_zone && t.hour == h && t.min == m &&
	    t.sec == sec;
}

static void
test_dates(void)
{
	struct tk_stamp t;

	check(is_date(" 2016-08-20 ", TK_DATES_AUTO, 2016, 8, 20));
	check(is_date("2024/9/1", TK_DATES_AUTO, 2024, 9, 1));
	check(is_date("2024.09.12", TK_DATES_MDY, 2024, 9, 12));
	check(is_date("12.09.2024", TK_DATES_AUTO, 2024, 9, 12));
	check(is_date("1.9.2024", TK_DATES_AUTO, 2024, 9, 1));
	check(is_date("12.09.2024", TK_DATES_MDY, 2024, 12, 9));
	check(stamp("12.09.2024", TK_DATES_YMD, &t) == -TK_BAD_ORDER);
	check(stamp("07/10/2018", TK_DATES_AUTO, &t) == -TK_BAD_ORDER);
	check(is_date("07/10/2018", TK_DATES_DMY, 2018, 10, 7));
	check(is_date("07/10/2018", TK_DATES_MDY, 2018, 7, 10));
	check(is_date("7-10-2018", TK_DATES_DMY, 2018, 10, 7));
	check(is_date("13/10/2018", TK_DATES_AUTO, 2018, 10, 13));
	check(is_date("10/13/2018", TK_DATES_AUTO, 2018, 10, 13));
	check(is_date("05/05/2018", TK_DATES_AUTO, 2018, 5, 5));
	check(stamp("13/10/2018", TK_DATES_MDY, &t) == -TK_BAD_DATE);
	check(stamp("13/13/2018", TK_DATES_AUTO, &t) == -TK_BAD_DATE);
	check(stamp("07/10/18", TK_DATES_DMY, &t) == -TK_BAD_YEAR2);
	check(stamp("12.09.24", TK_DATES_AUTO, &t) == -TK_BAD_YEAR2);
	check(stamp("16-08-20", TK_DATES_AUTO, &t) == -TK_BAD_YEAR2);
	check(stamp("2016-02-30", TK_DATES_AUTO, &t) == -TK_BAD_DATE);
	check(is_date("2016-02-29", TK_DATES_AUTO, 2016, 2, 29));
	check(stamp("2015-02-29", TK_DATES_AUTO, &t) == -TK_BAD_DATE);
	check(stamp("2016-13-01", TK_DATES_AUTO, &t) == -TK_BAD_DATE);
	check(stamp("0000-01-01", TK_DATES_AUTO, &t) == -TK_BAD_DATE);
	check(stamp("2024-09-12x", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	check(stamp("20240912", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	check(stamp("12/9/02024", TK_DATES_DMY, &t) == -TK_BAD_FORM);
	check(stamp("10000-01-01", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	check(stamp("", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
}

static void
test_times(void)
{
	struct tk_stamp t;

	check(is_time("09:30", 9, 30, 0));
	check(is_time(" 9:30 ", 9, 30, 0));
	check(is_time("23:59:58", 23, 59, 58));
	check(is_time("14:30:15.250", 14, 30, 15));
	check(is_time("14:30:15,5", 14, 30, 15));
	check(is_time("24:00", 24, 0, 0));
	check(is_time("9:30 AM", 9, 30, 0));
	check(is_time("9:30pm", 21, 30, 0));
	check(is_time("12:00 AM", 0, 0, 0));
	check(is_time("12:00:00 PM", 12, 0, 0));
	check(is_time("12pm", 12, 0, 0));
	check(is_time("2pm", 14, 0, 0));
	check(is_time("2 P.M.", 14, 0, 0));
	check(is_time("7 a.m.", 7, 0, 0));
	check(is_time("14h30", 14, 30, 0));
	check(is_time("14h", 14, 0, 0));
	check(is_time("9h05", 9, 5, 0));
	check(is_time("14.30", 14, 30, 0));
	check(is_time("9:00 Uhr", 9, 0, 0));
	check(is_time("9 Uhr", 9, 0, 0));
	check(stamp("24:01", TK_DATES_AUTO, &t) == -TK_BAD_TIME);
	check(stamp("25:00", TK_DATES_AUTO, &t) == -TK_BAD_TIME);
	check(stamp("10:60", TK_DATES_AUTO, &t) == -TK_BAD_TIME);
	check(stamp("13pm", TK_DATES_AUTO, &t) == -TK_BAD_TIME);
	check(stamp("0:30 AM", TK_DATES_AUTO, &t) == -TK_BAD_TIME);
	check(stamp("9:3", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	check(stamp("2", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	check(stamp("930", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	check(stamp("9:30 AMX", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	check(stamp("14h30m", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	check(stamp("noon", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	/* No zone on a time without a date. */
	check(stamp("09:30Z", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
	check(stamp("09:30+01:00", TK_DATES_AUTO, &t) == -TK_BAD_FORM);
}

static int
is_dt(const char *s, enum tk_date_order o, long long when, int zoned,
    long off)
{
	struct tk_stamp t;
	struct tk_time tm;

	if (stamp(s, o, &t) != 0 || !t.has_date || !t.has_time ||
	    t.has_zone != zoned || (zoned && t.off != off))
		return 0;
	tm = (struct tk_time){ t.year, t.mon, t.mday, t.hour, t.min, t.sec };
	return tk_time_epoch(&tm) == when;
}

static void
test_date_times(void)
{
	struct tk_stamp t;
	long long a = E(2025, 11, 1, 8, 50, 0), b = E(2024, 4, 18, 9, 0, 0);

	check(is_dt("2025-11-01T08:50:00+01:00", 0, a, 1, 3600));
	check(is_dt("2025-11-01t08:50+0100", 0, a, 1, 3600));
	check(is_dt("2025-11-01 08:50:00 +0100", 0, a, 1, 3600));
	check(is_dt("2025-11-01T08:50:00.000000+01", 0, a, 1, 3600));
	check(is_dt("2024-04-18T09:00:00", 0, b, 0, 0));
	check(is_dt("2024-04-18 09:00", 0, b, 0, 0));
	check(is_dt("2024-04-18T09:00:00Z", 0, b, 1, 0));
	check(is_dt("2024-04-18T09:00:00.123z", 0, b, 1, 0));
	check(is_dt("2024-04-18 09:00:00 UTC", 0, b, 1, 0));
	check(is_dt("2024-04-18T09:00-05:00", 0, b, 1, -5 * 3600));
	check(is_dt("2024-04-18 09:00 +0530", 0, b, 1, 5 * 3600 + 1800));
	check(is_dt("4/18/2024 9:00:00 AM", 0, b, 0, 0));
	check(is_dt("18.04.2024 09:00", 0, b, 0, 0));
	check(is_dt("18.04.2024, 9h", 0, b, 0, 0));
	check(is_dt("18/04/2024 9:00", TK_DATES_DMY, b, 0, 0));
	check(stamp("07/10/2018 9:30", TK_DATES_AUTO, &t) == -TK_BAD_ORDER);
	check(stamp("2024-04-18T09:00+25:00", 0, &t) == -TK_BAD_ZONE);
	check(stamp("2024-04-18X09:00", 0, &t) == -TK_BAD_FORM);
	check(stamp("18.04.2024T09:00", 0, &t) == -TK_BAD_FORM);
	check(stamp("2024-04-18T25:00", 0, &t) == -TK_BAD_TIME);
	check(stamp("2024-04-18 09:00 CEST", 0, &t) == -TK_BAD_FORM);
}

/* Parses s as a start; returns the code, with *range. */
static int
span(const char *s, struct tk_stamp *a, struct tk_stamp *b, int *range)
{
	struct tk_str v = S(s);

	return tk_parse_span(&v, TK_DATES_AUTO, a, b, range);
}

static int
is_range(const char *s, int h1, int m1, int h2, int m2)
{
	struct tk_stamp a, b;
	int r;

	return span(s, &a, &b, &r) == 0 && r && a.hour == h1 &&
	    a.min == m1 && b.hour == h2 && b.min == m2;
}

static void
test_spans(void)
{
	struct tk_stamp a, b;
	int r;

	check(span("09:00", &a, &b, &r) == 0 && !r && a.hour == 9);
	check(is_range("09:00 - 10:00", 9, 0, 10, 0));
	check(is_range("9:00-10:30 Uhr", 9, 0, 10, 30));
	check(is_range("14h30\xe2\x80\x93" "15h15", 14, 30, 15, 15));
	check(is_range("14:30 \xe2\x80\x94 15:15", 14, 30, 15, 15));
	check(is_range("2-3pm", 14, 0, 15, 0));
	check(is_range("1:30 - 2:15 PM", 13, 30, 14, 15));
	check(is_range("11:30-12:30 PM", 11, 30, 12, 30));
	check(is_range("11 - 1 AM", 23, 0, 1, 0));
	check(is_range("10am-2pm", 10, 0, 14, 0));
	check(span("2024-04-18 09:00 - 10:00", &a, &b, &r) == 0 && r &&
	    a.has_date && a.mday == 18 && !b.has_date && b.hour == 10);
	check(span("2024-04-18 09:00 - 2024-04-19 10:00", &a, &b, &r) == 0 &&
	    r && b.has_date && b.mday == 19);
	/* A date-time with a negative offset is not a range. */
	check(span("2024-04-18T09:00-10:00", &a, &b, &r) == 0 && !r &&
	    a.has_zone && a.off == -36000);
	check(span("9-10", &a, &b, &r) == -TK_BAD_FORM);
	check(span("25:00", &a, &b, &r) == -TK_BAD_TIME);
	check(span("09:00 -", &a, &b, &r) == -TK_BAD_FORM);
	check(span("- 10:00", &a, &b, &r) == -TK_BAD_FORM);
	check(span("", &a, &b, &r) == -TK_BAD_FORM);
}

static long long
dur(const char *s)
{
	struct tk_str v = S(s);

	return tk_parse_duration(&v);
}

static void
test_durations(void)
{
	check(dur("25") == 1500);
	check(dur(" 45 ") == 2700);
	check(dur("00:25") == 1500);
	check(dur("1:30") == 5400);
	check(dur("1:30:00") == 5400);
	check(dur("0:25:30") == 1530);
	check(dur("25 min") == 1500);
	check(dur("25min") == 1500);
	check(dur("25 mins") == 1500);
	check(dur("25 Minuten") == 1500);
	check(dur("1h30") == 5400);
	check(dur("1h") == 3600);
	check(dur("1 h 30") == 5400);
	check(dur("1h 30min") == 5400);
	check(dur("1 hour 30 minutes") == 5400);
	check(dur("2 Std.") == 7200);
	check(dur("90m") == 5400);
	check(dur("90 s") == 90);
	check(dur("PT25M") == 1500);
	check(dur("PT1H30M") == 5400);
	check(dur("pt1h") == 3600);
	check(dur("PT45S") == 45);
	check(dur("P1DT1H") == 90000);
	check(dur("P1D") == 86400);
	check(dur("PT") == -1);
	check(dur("P") == -1);
	check(dur("P1H") == -1);
	check(dur("PT1D") == -1);
	check(dur("PT1.5H") == -1);
	check(dur("PT30M1H") == -1);
	check(dur("30m1h") == -1);
	check(dur("1h30x") == -1);
	check(dur("30 30") == -1);
	check(dur("-5") == -1);
	check(dur("soon") == -1);
	check(dur("1:3") == -1);
	check(dur("1:60") == -1);
	check(dur("1234567") == -1);
	check(dur("") == -1);
}

static void
test_clue(void)
{
	int a = 0, b = 0;
	struct tk_str v;

	v = S(" 07/10/2018");
	check(tk_date_clue(&v, &a, &b) && a == 7 && b == 10);
	v = S("4/18/2024 9:00:00 AM");
	check(tk_date_clue(&v, &a, &b) && a == 4 && b == 18);
	v = S("7-10-2018");
	check(tk_date_clue(&v, &a, &b) && a == 7 && b == 10);
	v = S("2018-10-07");
	check(!tk_date_clue(&v, &a, &b));
	v = S("07.10.2018");
	check(!tk_date_clue(&v, &a, &b));
	v = S("07/10/18");
	check(!tk_date_clue(&v, &a, &b));
	v = S("09:30");
	check(!tk_date_clue(&v, &a, &b));
}

/* ------------------------------------------------------------ talks */

static struct tk_str rec_f[TK_NCANON + 1];

/* A record with day, start, end and duration, and "end (date)" after. */
static struct tk_record
R(const char *day, const char *start, const char *end, const char *dur,
    const char *end_day)
{
	struct tk_record rec = { .f = rec_f, .nf = TK_NCANON + 1,
	    .file = "t.csv", .line = 7 };

	for (int i = 0; i <= TK_NCANON; i++)
		rec_f[i] = S("");
	rec_f[TK_TITLE] = S("A talk");
	rec_f[TK_DAY] = S(day);
	rec_f[TK_START] = S(start);
	rec_f[TK_END] = S(end);
	rec_f[TK_DURATION] = S(dur);
	rec_f[TK_NCANON] = S(end_day);
	return rec;
}

static struct tk_time_opts opts = { TK_DATES_AUTO, NULL, NULL, NULL,
	TK_NCANON };

static int
when(const char *day, const char *start, const char *end, const char *dur,
    struct tk_when *w, struct tk_err *e)
{
	struct tk_record rec = R(day, start, end, dur, "");

	return tk_when(&rec, &opts, w, e);
}

static int
starts_with(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static void
test_when(void)
{
	struct tk_when w;
	struct tk_err e;
	struct tk_record rec;
	long long s = E(2016, 8, 20, 10, 0, 0);

	check(when("2016-08-20", "10:00", "10:45", "", &w, &e) == 1);
	check(w.how == TK_FLOATING && w.start == s && w.has_end &&
	    w.end == s + 45 * 60);
	check(when("2016-08-20", "10:00", "", "30", &w, &e) == 1);
	check(w.end == s + 30 * 60);
	check(when("2016-08-20", "10:00", "", "1:15", &w, &e) == 1);
	check(w.end == s + 75 * 60);
	/* end wins over duration */
	check(when("2016-08-20", "10:00", "11:00", "30", &w, &e) == 1);
	check(w.end == s + 3600);
	check(when("2016-08-20", "10:00", "", "", &w, &e) == 1 && !w.has_end);
	check(when("", "2016-08-20T10:00", "", "30", &w, &e) == 1);
	check(w.start == s && w.end == s + 30 * 60);
	check(when("2016-08-20", "23:30", "00:15", "", &w, &e) == 1);
	check(w.end == s + 14 * 3600 + 15 * 60);
	check(when("2016-08-20", "2016-08-20T10:00", "", "", &w, &e) == 1);
	check(when("20.08.2016", "10:00", "", "", &w, &e) == 1 && w.start == s);
	check(when("2016-08-20", "10am", "", "", &w, &e) == 1 && w.start == s);
	check(when("", "10:00", "", "", &w, &e) == 0);
	check(when("2016-08-20", "", "", "", &w, &e) == 0);
	check(when("", "", "", "", &w, &e) == 0);
	check(when("  ", " ", "", "", &w, &e) == 0);

	/* Offsets: the instant, and the offset kept for showing it. */
	check(when("2025-11-01", "2025-11-01T08:50:00+01:00",
	    "2025-11-01T09:35:00+01:00", "45", &w, &e) == 1);
	check(w.how == TK_OFFSET && w.off == 3600 &&
	    w.start == E(2025, 11, 1, 7, 50, 0) &&
	    w.end == E(2025, 11, 1, 8, 35, 0));
	/* A bare end has the start's offset. */
	check(when("", "2025-11-01T08:50:00+01:00", "09:35", "", &w, &e) == 1);
	check(w.end == E(2025, 11, 1, 8, 35, 0));
	check(when("", "2025-11-01T23:50:00-01:00", "00:35", "", &w, &e) == 1);
	check(w.end == E(2025, 11, 2, 1, 35, 0));
	/* frab: the date holds the offset, start the clock time. */
	check(when("2026-01-31T09:30:00+01:00", "09:30", "", "00:25", &w,
	    &e) == 1);
	check(w.how == TK_OFFSET && w.start == E(2026, 1, 31, 8, 30, 0) &&
	    w.end == E(2026, 1, 31, 8, 55, 0));
	check(when("2014-12-28T00:15:00+01:00", "00:15", "", "01:00", &w,
	    &e) == 1 && w.start == E(2014, 12, 27, 23, 15, 0));
	/* Ranges. */
	check(when("2024-09-12", "09:00 - 10:00", "", "", &w, &e) == 1);
	check(w.start == E(2024, 9, 12, 9, 0, 0) &&
	    w.end == E(2024, 9, 12, 10, 0, 0));
	check(when("2024-09-12", "23:00 - 1:00", "", "", &w, &e) == 1);
	check(w.end == E(2024, 9, 13, 1, 0, 0));
	check(when("2024-09-12", "9:00-10:00", "10:00", "", &w, &e) == 1);
	check(when("2024-09-12", "9:00-10:00", "", "90", &w, &e) == 1 &&
	    w.end == E(2024, 9, 12, 10, 0, 0));
	check(when("2024-09-12", "9:00-10:00", "10:30", "", &w, &e) == -1);
	check(strcmp(e.msg, "end: the end is not the end of the range in "
	    "start") == 0);
	/* The end's own day. */
	rec = R("2025-11-01", "23:00", "01:00", "", "2025-11-02");
	check(tk_when(&rec, &opts, &w, &e) == 1 &&
	    w.end == E(2025, 11, 2, 1, 0, 0));
	rec = R("2025-11-01", "10:00", "11:00", "", "2025-11-02");
	check(tk_when(&rec, &opts, &w, &e) == 1 &&
	    w.end == E(2025, 11, 2, 11, 0, 0));
	rec = R("2025-11-01", "10:00", "2025-11-01T11:00", "", "2025-11-02");
	check(tk_when(&rec, &opts, &w, &e) == -1);

	/* Errors name the column and say what is read. */
	check(when("2016-13-01", "10:00", "", "", &w, &e) == -1);
	check(strcmp(e.file, "t.csv") == 0 && e.line == 7);
	check(starts_with(e.msg, "day: bad date '2016-13-01' (no such "
	    "date); write 2024-09-12, 12.09.2024,"));
	check(when("2016-08-20", "10h70", "", "", &w, &e) == -1);
	check(starts_with(e.msg, "start: bad time '10h70' (no such time of "
	    "day); write 14:30,"));
	check(strstr(e.msg, "or a range such as 9:00-10:30") != NULL);
	check(when("2016-08-20", "10:00", "10", "", &w, &e) == -1);
	check(starts_with(e.msg, "end: bad time '10'; write 14:30"));
	check(when("2016-08-20", "10:00", "", "soon", &w, &e) == -1);
	check(starts_with(e.msg, "duration: bad duration 'soon'; write "
	    "minutes (25), 0:25,"));
	check(when("07/10/18", "10:00", "", "", &w, &e) == -1);
	check(starts_with(e.msg, "day: bad date '07/10/18' (a two-digit "
	    "year); write 2024-09-12,"));
	check(when("07/10/2018", "10:00", "", "", &w, &e) == -1);
	check(strcmp(e.msg, "day: '07/10/2018' could be day-first or "
	    "month-first: give --date-order dmy or mdy") == 0);
	check(when("10:00", "10:00", "", "", &w, &e) == -1);
	check(starts_with(e.msg, "day: bad date '10:00'; write"));
	check(when("2016-08-20", "2016-08-20", "", "", &w, &e) == -1);
	check(starts_with(e.msg, "start: bad time '2016-08-20'; write"));
	check(when("2016-08-20", "10:00", "", "", &w, &e) == 1);
	check(when("2016-08-20", "10:00", "2016-08-20T09:00", "", &w, &e) ==
	    -1);
	check(strcmp(e.msg, "end: the end is before the start") == 0);
	/* A day of a schedule runs past midnight: the next date is on it. */
	check(when("2016-08-20", "2016-08-21T00:30", "", "", &w, &e) == 1 &&
	    w.start == E(2016, 8, 21, 0, 30, 0));
	check(when("2016-08-20", "2016-08-22T00:30", "", "", &w, &e) == -1);
	check(when("2016-08-21", "2016-08-20T10:00", "", "", &w, &e) == -1);
	check(strcmp(e.msg, "start: '2016-08-20T10:00' is not on the day in "
	    "day, '2016-08-21', nor on the next before 06:00") == 0);
	/* Only early on it: the day of a schedule changes at 06:00 at most. */
	check(when("2016-08-20", "2016-08-21T05:59:59", "", "", &w, &e) == 1 &&
	    w.start == E(2016, 8, 21, 5, 59, 59));
	check(when("2016-08-20", "2016-08-21T06:00", "", "", &w, &e) == -1);
	check(when("2016-08-20", "2016-08-21 09:00", "", "", &w, &e) == -1);
	check(when("2016-08-20", "10:00", "2016-08-20T11:00Z", "", &w, &e) ==
	    -1);
	check(strcmp(e.msg, "end: the end has a zone but the start has "
	    "none") == 0);
	opts.order = TK_DATES_YMD;
	check(when("20.08.2016", "10:00", "", "", &w, &e) == -1);
	check(strcmp(e.msg, "day: '20.08.2016' has the year last, but "
	    "--date-order is ymd") == 0);
	opts.order = TK_DATES_MDY;
	check(when("07/10/2018", "10:00", "", "", &w, &e) == 1 &&
	    w.start == E(2018, 7, 10, 10, 0, 0));
	opts.order = TK_DATES_AUTO;
}

/* A record of file fileno at line, with day and start. */
static struct tk_record
FR(size_t fileno, unsigned long line, const char *day, const char *start)
{
	struct tk_record rec = R(day, start, "", "", "");

	rec.fileno = fileno;
	rec.line = line;
	rec.file = fileno ? "b.csv" : "a.csv";
	return rec;
}

static void
see(struct tk_dates *d, size_t fileno, unsigned long line, const char *day,
    const char *start)
{
	struct tk_record rec = FR(fileno, line, day, start);

	tk_dates_see(d, &rec);
}

static void
test_order(void)
{
	struct tk_dates *d;
	struct tk_err e;
	struct tk_record rec;
	struct tk_when w;
	struct tk_time_opts o = opts;

	/* Each file decides on its own, and each column. */
	d = tk_dates_new(&o);
	see(d, 0, 2, "07/10/2018", "9:30");
	see(d, 0, 3, "13/10/2018", "13/10/2018 9:30");
	see(d, 1, 2, "10/07/2018", "10/07/2018 9:30");
	see(d, 1, 3, "10/13/2018", "10/08/2018 9:30");
	see(d, 1, 4, "", "10/18/2018 9:30");
	check(tk_dates_decide(d, &e) == 0);
	o.dates = d;
	rec = FR(0, 2, "07/10/2018", "9:30");
	check(tk_when(&rec, &o, &w, &e) == 1 &&
	    w.start == E(2018, 10, 7, 9, 30, 0));
	rec = FR(1, 2, "10/07/2018", "10/07/2018 9:30");
	check(tk_when(&rec, &o, &w, &e) == 1 &&
	    w.start == E(2018, 10, 7, 9, 30, 0));
	tk_dates_free(d);

	/* Every value could be either: ask, naming the first. */
	d = tk_dates_new(&o);
	see(d, 0, 2, "05/05/2018", "9:30");
	see(d, 0, 3, "07/10/2018", "9:30");
	see(d, 0, 4, "08/10/2018", "9:30");
	check(tk_dates_decide(d, &e) == -1);
	check(strcmp(e.file, "a.csv") == 0 && e.line == 3);
	check(strcmp(e.msg, "day: '07/10/2018' could be day-first or "
	    "month-first, and no date of the column tells which: give "
	    "--date-order dmy or mdy") == 0);
	tk_dates_free(d);

	/* Both kinds in one column. */
	d = tk_dates_new(&o);
	see(d, 1, 2, "", "13/10/2018 9:30");
	see(d, 1, 5, "", "10/14/2018 9:30");
	check(tk_dates_decide(d, &e) == -1);
	check(strcmp(e.file, "b.csv") == 0 && e.line == 5);
	check(strcmp(e.msg, "start: '10/14/2018 9:30' is month-first, but "
	    "'13/10/2018 9:30' (line 2) is day-first: give --date-order dmy "
	    "or mdy") == 0);
	tk_dates_free(d);

	/* Nothing to decide. */
	d = tk_dates_new(&o);
	see(d, 0, 2, "2018-10-07", "9:30");
	check(tk_dates_decide(d, &e) == 0);
	tk_dates_free(d);
}

/* ---------------------------------------------------------------- zones */

/* The C library's offset of instant t in the zone TZ names. */
static long
libc_offset(long long t, int *isdst, char *abbr)
{
	time_t tt = (time_t)t;
	struct tm tm;
	struct tk_time lt;

	localtime_r(&tt, &tm);
	lt = (struct tk_time){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		tm.tm_hour, tm.tm_min, tm.tm_sec };
	*isdst = tm.tm_isdst > 0;
	strftime(abbr, 16, "%Z", &tm);
	return (long)(tk_time_epoch(&lt) - t);
}

/*
 * Compares z with the C library under TZ=tz from year y0 to y1: every
 * few days at a changing hour, and at each change of offset and just
 * before it.  Returns the number of differences.
 */
static int
same_as_libc(const struct tk_zone *z, const char *tz, int y0, int y1)
{
	long long from = E(y0, 1, 1, 0, 0, 0), to = E(y1, 1, 1, 0, 0, 0);
	struct tk_zone_span sp;
	char a1[16], a2[16];
	int d1, d2, bad = 0;

	setenv("TZ", tz, 1);
	tzset();
	for (long long t = from; t < to && bad < 5; t += 3 * 86400 + 3617) {
		long o1 = tk_zone_offset(z, t, &d1, a1);
		long o2 = libc_offset(t, &d2, a2);
		if (o1 != o2 || d1 != d2 || strcmp(a1, a2) != 0) {
			printf("  %s at %lld: %ld %d %s, libc %ld %d %s\n",
			    tz, t, o1, d1, a1, o2, d2, a2);
			bad++;
		}
	}
	tk_zone_span(z, from, to, &sp);
	for (size_t i = 1; i < sp.n && bad < 5; i++)
		for (long long t = sp.rule[i].at - 1; t <= sp.rule[i].at; t++)
			if (tk_zone_offset(z, t, NULL, NULL) !=
			    libc_offset(t, &d2, a2)) {
				printf("  %s change at %lld\n", tz, t);
				bad++;
			}
	tk_zone_span_free(&sp);
	unsetenv("TZ");
	tzset();
	return bad;
}

/* Writes a TZif file with no transitions, only the TZ string rule. */
static void
slim_zone(const char *name, const char *rule)
{
	unsigned char b[512];
	size_t n = 0;

	for (int v = 0; v < 2; v++) {
		memset(b + n, 0, 44);
		memcpy(b + n, "TZif2", 5);
		b[n + 39] = 1;              /* one type */
		b[n + 43] = 4;              /* four bytes of names */
		n += 44;
		memcpy(b + n, "\0\0\0\0\0\0XXX\0", 10);
		n += 10;
	}
	b[n++] = '\n';
	memcpy(b + n, rule, strlen(rule));
	n += strlen(rule);
	b[n++] = '\n';
	file(name, (const char *)b, n);
}

static void
test_zones(void)
{
	static const char *const zones[] = { "Europe/Brussels",
		"America/Los_Angeles", "Australia/Sydney", "Europe/Dublin",
		"America/Sao_Paulo", "Asia/Kolkata", "Pacific/Chatham",
		"America/St_Johns", "Africa/Casablanca", "Antarctica/Troll",
		"America/Nuuk", "Asia/Tehran", "UTC", NULL };
	static const char *const rules[] = {
		"CET-1CEST,M3.5.0,M10.5.0/3",
		"AEST-10AEDT,M10.1.0,M4.1.0/3",
		"IST-1GMT0,M10.5.0,M3.5.0/1",
		"<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
		"<+11>-11<+12>,J60/2,70/3",
		"<+0330>-3:30",
		"NZST-12NZDT-13:00:00,M9.5.0,M4.1.0/3",
		NULL };
	struct tk_err e;
	struct tk_zone *z;
	char name[32];

	for (int i = 0; zones[i]; i++) {
		z = tk_zone_open(NULL, zones[i], &e);
		check(z != NULL);
		if (z == NULL) {
			printf("  %s: %s\n", zones[i], e.msg);
			continue;
		}
		check(strcmp(tk_zone_name(z), zones[i]) == 0);
		/* Past 2037 the TZ string rule of the file speaks. */
		check(same_as_libc(z, zones[i], 1965, 2080) == 0);
		tk_zone_close(z);
	}
	for (int i = 0; rules[i]; i++) {
		snprintf(name, sizeof(name), "Slim/Zone%d", i);
		if (i == 0) {
			char sub[300];
			snprintf(sub, sizeof(sub), "%s/Slim", dir);
			mkdir(sub, 0700);
		}
		slim_zone(name, rules[i]);
		z = tk_zone_open(dir, name, &e);
		check(z != NULL);
		if (z == NULL)
			continue;
		check(same_as_libc(z, rules[i], 1990, 2050) == 0);
		tk_zone_close(z);
	}
	/*
	 * Daylight time all year (RFC 8536's example): the C library gives
	 * standard time for the first hours of each year in UTC.
	 */
	slim_zone("allyear", "EST5EDT,0/0,J365/25");
	z = tk_zone_open(dir, "allyear", &e);
	check(z != NULL);
	if (z) {
		check(tk_zone_offset(z, E(2030, 1, 1, 0, 0, 0), NULL, NULL) ==
		    -4 * 3600);
		check(tk_zone_offset(z, E(2030, 7, 1, 0, 0, 0), NULL, NULL) ==
		    -4 * 3600);
		check(tk_zone_offset(z, E(2030, 12, 31, 23, 0, 0), NULL,
		    NULL) == -4 * 3600);
		tk_zone_close(z);
	}
	slim_zone("bad1", "CET-1CEST");
	slim_zone("bad2", "CET-1CEST,M13.5.0,M10.5.0");
	slim_zone("bad3", "C-1");
	check(tk_zone_open(dir, "bad1", &e) == NULL);
	check(tk_zone_open(dir, "bad2", &e) == NULL);
	check(tk_zone_open(dir, "bad3", &e) == NULL);
	check(tk_zone_open(NULL, "Nowhere/Special", &e) == NULL);
	check(strcmp(e.msg, "unknown time zone 'Nowhere/Special' (no zone "
	    "of that name in /usr/share/zoneinfo)") == 0);
	check(tk_zone_open(NULL, "../../etc/passwd", &e) == NULL);
	check(tk_zone_open(NULL, "/etc/localtime", &e) == NULL);
	check(tk_zone_open(NULL, "Europe", &e) == NULL);
	check(tk_zone_open(NULL, "zone.tab", &e) == NULL);
	check(tk_zone_open(NULL, "", &e) == NULL);
	check(tk_zone_open(NULL, "right/UTC", &e) == NULL);
	check(getenv("TZ") == NULL);
}

static void
test_local(void)
{
	struct tk_err e;
	struct tk_zone *z = tk_zone_open(NULL, "Europe/Brussels", &e);
	struct tk_zone *la = tk_zone_open(NULL, "America/Los_Angeles", &e);
	struct tk_zone_span sp;
	struct tk_when w;
	struct tk_time_opts o = opts;

	if (z == NULL || la == NULL) {
		check(0);
		return;
	}
	check(tk_zone_instant(z, E(2025, 7, 1, 12, 0, 0)) ==
	    E(2025, 7, 1, 10, 0, 0));
	check(tk_zone_instant(z, E(2025, 1, 1, 12, 0, 0)) ==
	    E(2025, 1, 1, 11, 0, 0));
	/* 02:30 never comes on 30 March 2025: read with +01:00. */
	check(tk_zone_instant(z, E(2025, 3, 30, 2, 30, 0)) ==
	    E(2025, 3, 30, 1, 30, 0));
	/* 02:30 comes twice on 26 October 2025: the first, in +02:00. */
	check(tk_zone_instant(z, E(2025, 10, 26, 2, 30, 0)) ==
	    E(2025, 10, 26, 0, 30, 0));
	check(tk_zone_instant(la, E(2016, 8, 20, 10, 0, 0)) ==
	    E(2016, 8, 20, 17, 0, 0));
	tk_zone_span(la, E(2016, 1, 1, 0, 0, 0), E(2017, 1, 1, 0, 0, 0), &sp);
	check(sp.n == 3);
	if (sp.n == 3) {
		check(sp.rule[0].from == -8 * 3600 && !sp.rule[0].isdst);
		check(sp.rule[1].at == 1457863200LL &&
		    sp.rule[1].to == -7 * 3600);
		check(sp.rule[1].isdst && strcmp(sp.rule[1].abbr, "PDT") == 0);
		check(sp.rule[2].at == 1478422800LL &&
		    sp.rule[2].to == -8 * 3600);
	}
	tk_zone_span_free(&sp);

	/* Talks in a zone: the end is an instant too. */
	o.zone = z;
	opts.zone = z;
	check(when("2025-10-26", "01:30", "03:30", "", &w, &e) == 1);
	check(w.how == TK_IN_ZONE && w.end - w.start == 3 * 3600);
	check(when("2025-10-26", "01:30", "", "120", &w, &e) == 1);
	check(w.end - w.start == 2 * 3600);
	check(when("2025-03-30", "01:30", "03:30", "", &w, &e) == 1);
	check(w.end - w.start == 3600);
	opts.zone = NULL;
	{
		struct tk_record rec = R("2025-03-30", "01:30", "03:30", "", "");
		long off;
		check(tk_when(&rec, &o, &w, &e) == 1);
		check(w.end - w.start == 3600);
		check(tk_when_local(&w, z, w.start, &off) ==
		    E(2025, 3, 30, 1, 30, 0) && off == 3600);
		check(tk_when_local(&w, z, w.end, &off) ==
		    E(2025, 3, 30, 3, 30, 0) && off == 7200);
		check(tk_when_local(&w, la, w.start, &off) ==
		    E(2025, 3, 29, 17, 30, 0) && off == -7 * 3600);
		rec = R("2025-10-25", "23:00", "", "300", "");
		check(tk_when(&rec, &o, &w, &e) == 1);
		check(tk_when_local(&w, z, w.end, &off) ==
		    E(2025, 10, 26, 3, 0, 0) && off == 3600);
		/* An offset written wins over the zone. */
		rec = R("", "2025-10-25T23:00-04:00", "", "", "");
		check(tk_when(&rec, &o, &w, &e) == 1 && w.how == TK_OFFSET &&
		    w.start == E(2025, 10, 26, 3, 0, 0));
		check(tk_when_local(&w, NULL, w.start, &off) ==
		    E(2025, 10, 25, 23, 0, 0) && off == -4 * 3600);
		check(tk_when_local(&w, z, w.start, &off) ==
		    E(2025, 10, 26, 4, 0, 0) && off == 3600);
	}
	tk_zone_close(z);
	tk_zone_close(la);
}

/* ---------------------------------------------------------------- slugs */

static int
slug_is(const char *s, size_t max, const char *want)
{
	struct tk_buf b = { 0 };
	struct tk_str v = S(s);
	int ok;

	tk_buf_add(&b, "", 0);
	tk_slug(&b, &v, max);
	ok = strcmp(b.p, want) == 0;
	if (!ok)
		printf("  slug '%s': '%s'\n", s, b.p);
	tk_buf_free(&b);
	return ok;
}

static void
test_slug(void)
{
	check(slug_is("Le numérique", 60, "le-numerique"));
	check(slug_is("Straße & Größe GmbH", 60, "strasse-grosse-gmbh"));
	check(slug_is("  Zoë Ωmega!  ", 60, "zoe-mega"));
	check(slug_is("Ça va, Åsa? ǅemal", 60, "ca-va-asa-dzemal"));
	check(slug_is("\xef\xac\x81le \xe2\x85\xab", 60, "file-xii"));
	check(slug_is("a\xff" "b\x01" "c", 60, "a-b-c"));
	check(slug_is("Python 103: Memory Model", 10, "python-103"));
	check(slug_is("", 60, ""));
	check(slug_is("日本語", 60, ""));
}

static void
test_epoch_text(void)
{
	struct tk_err e;
	long long t;

	check(tk_parse_epoch("SOURCE_DATE_EPOCH", "1471651200", &t, &e) == 0 &&
	    t == 1471651200LL);
	check(tk_parse_epoch("SOURCE_DATE_EPOCH", "12x", &t, &e) < 0);
	check(strcmp(e.file, "SOURCE_DATE_EPOCH") == 0 &&
	    strcmp(e.msg, "not a number of seconds: '12x'") == 0);
	check(tk_parse_epoch("SOURCE_DATE_EPOCH", "-3", &t, &e) < 0);
	check(tk_parse_epoch("SOURCE_DATE_EPOCH", "", &t, &e) < 0);
	check(tk_parse_epoch("SOURCE_DATE_EPOCH", "99999999999999999999", &t,
	    &e) < 0);
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

int
main(void)
{
	unsetenv("TZ");
	if (files_begin() < 0) {
		puts("cannot make a test directory");
		return 1;
	}
	test_dates();
	test_times();
	test_date_times();
	test_spans();
	test_durations();
	test_clue();
	test_epoch();
	test_when();
	test_order();
	test_zones();
	test_local();
	test_slug();
	test_epoch_text();
	files_end();
	return unit_done();
}
