/*
 * test_stamp.c - the date-times, clocks and durations that talks import
 * reads from schedules (cmd/import/stamp.c), and how it writes them.
 */
#include "unit.h"

#include "../../cmd/import/import.h"

/* Reads s and writes it back; the text, or "bad". */
static const char *
reread(const char *s)
{
	static struct tk_buf b;
	struct stamp st;

	b.n = 0;
	if (stamp_parse(s, strlen(s), &st) < 0)
		return "bad";
	stamp_put(&b, &st);
	return b.p;
}

static void
test_stamps(void)
{
	check(strcmp(reread("2026-01-31T09:30:00+01:00"),
	    "2026-01-31T09:30:00+01:00") == 0);
	check(strcmp(reread("2026-01-31T09:30+01:00"),
	    "2026-01-31T09:30:00+01:00") == 0);
	check(strcmp(reread("2026-01-31 09:30:05"),
	    "2026-01-31T09:30:05") == 0);
	check(strcmp(reread("2017-12-27T10:00:00Z"),
	    "2017-12-27T10:00:00+00:00") == 0);
	check(strcmp(reread("2017-12-27T10:00:00.250-05:30"),
	    "2017-12-27T10:00:00-05:30") == 0);
	check(strcmp(reread("2017-12-27T10:00:00+0130"),
	    "2017-12-27T10:00:00+01:30") == 0);
	check(strcmp(reread("2017-12-27T10:00:00+02"),
	    "2017-12-27T10:00:00+02:00") == 0);
	check(strcmp(reread("2024-02-29T23:59:59-00:00"),
	    "2024-02-29T23:59:59+00:00") == 0);
	/* What is not a date-time. */
	check(strcmp(reread("2026-01-31"), "bad") == 0);
	check(strcmp(reread("2026-01-31T9:30"), "bad") == 0);
	check(strcmp(reread("2026-01-31T24:00"), "bad") == 0);
	check(strcmp(reread("2026-02-30T10:00"), "bad") == 0);
	check(strcmp(reread("2026-01-31T10:00:60"), "bad") == 0);
	check(strcmp(reread("2026-01-31T10:00:00+1:00"), "bad") == 0);
	check(strcmp(reread("2026-01-31T10:00:00+24:00"), "bad") == 0);
	check(strcmp(reread("2026-01-31T10:00:00 +01:00"), "bad") == 0);
	check(strcmp(reread("2026-01-31T10:00:00."), "bad") == 0);
	check(strcmp(reread("2026-01-31T10:00:00Zulu"), "bad") == 0);
	check(strcmp(reread("2026-01-31X10:00"), "bad") == 0);
}

static void
test_clocks(void)
{
	struct tk_time t;

	check(clock_parse("09:30", 5, &t) == 0 && t.hour == 9 && t.min == 30 &&
	    t.sec == 0);
	check(clock_parse("23:59:58", 8, &t) == 0 && t.sec == 58);
	check(clock_parse("9:30", 4, &t) < 0);
	check(clock_parse("09:30:", 6, &t) < 0);
	check(clock_parse("09:60", 5, &t) < 0);
	check(clock_parse("09:30 ", 6, &t) < 0);
}

static void
test_durations(void)
{
	check(duration_parse("00:30", 5) == 1800);
	check(duration_parse("1:30", 4) == 5400);
	check(duration_parse("00:05:30", 8) == 330);
	check(duration_parse("25:00", 5) == 90000);
	check(duration_parse("45", 2) == 2700);
	check(duration_parse("", 0) < 0);
	check(duration_parse("1h", 2) < 0);
	check(duration_parse("00:60", 5) < 0);
	check(duration_parse("1:2:3:4", 7) < 0);
	check(duration_parse(":30", 3) < 0);
	check(duration_parse("00:30:", 6) < 0);
	check(duration_parse("1234567", 7) < 0);
}

static void
test_arithmetic(void)
{
	struct stamp a, b;
	struct tk_buf out = { 0 };

	/* Across midnight, a month and a year, the offset kept. */
	check(stamp_parse("2025-12-31T23:30:00+01:00", 25, &a) == 0);
	stamp_add(&a, 45 * 60);
	stamp_put(&out, &a);
	check_str(out.p, out.n, "2026-01-01T00:15:00+01:00");
	/* One instant written with two offsets: no time between them. */
	check(stamp_parse("2026-03-14T09:00:00Z", 20, &a) == 0);
	check(stamp_parse("2026-03-14T10:00:00+01:00", 25, &b) == 0);
	check(stamp_diff(&a, &b) == 0);
	/* Local times without offsets: as they read. */
	check(stamp_parse("2026-03-14T09:00:00", 19, &a) == 0);
	check(stamp_parse("2026-03-14T10:30:00", 19, &b) == 0);
	check(stamp_diff(&a, &b) == 5400 && stamp_diff(&b, &a) == -5400);
	out.n = 0;
	duration_put(&out, 5400);
	check_str(out.p, out.n, "90");
	out.n = 0;
	duration_put(&out, 330);
	check_str(out.p, out.n, "0:05:30");
	out.n = 0;
	date_put(&out, &a.t);
	check_str(out.p, out.n, "2026-03-14");
	tk_buf_free(&out);
}

int
main(void)
{
	test_stamps();
	test_clocks();
	test_durations();
	test_arithmetic();
	return unit_done();
}
