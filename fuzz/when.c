/*
 * when.c - libFuzzer target for the reader of dates, times and zones.
 *
 * The first byte chooses: a talk's day, start, end and duration (the
 * rest split at 0x1f) read in each date order and floating or in a zone;
 * or a TZif file, opened and asked for offsets.  Every value read must
 * be in range, and an end is never before its start.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "talks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tk_zone *brussels;
static char dir[] = "/tmp/talks-fuzz-XXXXXX";

static void
check_stamp(const struct tk_stamp *s)
{
	if (s->has_date && (s->year < 1 || s->year > 9999 || s->mon < 1 ||
	    s->mon > 12 || s->mday < 1 || s->mday > 31))
		abort();
	if (s->has_time && (s->hour < 0 || s->hour > 24 || s->min < 0 ||
	    s->min > 59 || s->sec < 0 || s->sec > 59))
		abort();
	if (s->has_zone && (s->off < -86400 || s->off > 86400))
		abort();
}

static void
values(const uint8_t *data, size_t size)
{
	struct tk_str f[TK_NCANON];
	struct tk_record rec = { .f = f, .nf = TK_NCANON, .file = "fuzz",
		.line = 1 };
	struct tk_time_opts o = { TK_DATES_AUTO, NULL, NULL, NULL, -1 };
	static const int cols[] = { TK_DAY, TK_START, TK_END, TK_DURATION };
	struct tk_stamp a, b;
	struct tk_when w;
	struct tk_err e;
	size_t k = 0, at = 0;
	int range;

	for (int i = 0; i < TK_NCANON; i++)
		f[i] = (struct tk_str){ "", 0 };
	for (size_t i = 0; i <= size && k < 4; i++)
		if (i == size || data[i] == 0x1f) {
			f[cols[k++]] = (struct tk_str){ (const char *)data + at,
			    i - at };
			at = i + 1;
		}
	for (int order = TK_DATES_AUTO; order <= TK_DATES_YMD; order++) {
		for (int i = 0; i < 3; i++) {
			if (tk_parse_span(&f[cols[i]], order, &a, &b,
			    &range) == 0) {
				check_stamp(&a);
				if (range)
					check_stamp(&b);
			}
		}
		if (tk_parse_duration(&f[TK_DURATION]) < -1)
			abort();
		o.order = order;
		for (int z = 0; z < 2; z++) {
			o.zone = z ? brussels : NULL;
			if (tk_when(&rec, &o, &w, &e) == 1 && w.has_end &&
			    w.end < w.start)
				abort();
		}
	}
	o.order = TK_DATES_AUTO;
	o.dates = tk_dates_new(&o);
	tk_dates_see((struct tk_dates *)o.dates, &rec);
	if (tk_dates_decide((struct tk_dates *)o.dates, &e) == 0)
		tk_when(&rec, &o, &w, &e);
	tk_dates_free((struct tk_dates *)o.dates);
}

static void
zone(const uint8_t *data, size_t size)
{
	char path[64];
	struct tk_zone *z;
	struct tk_zone_span sp;
	struct tk_err e;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/z", dir);
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	if (size)
		fwrite(data, 1, size, fp);
	fclose(fp);
	if ((z = tk_zone_open(dir, "z", &e)) == NULL)
		return;
	for (long long t = -4000000000LL; t < 8000000000LL; t += 97654321) {
		long off = tk_zone_offset(z, t, NULL, NULL);
		if (off < -26 * 3600 || off > 26 * 3600)
			abort();
		tk_zone_instant(z, t);
	}
	tk_zone_span(z, 1700000000LL, 1700000000LL + 400 * 86400LL, &sp);
	tk_zone_span_free(&sp);
	tk_zone_close(z);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_err e;

	if (brussels == NULL) {
		if (mkdtemp(dir) == NULL)
			abort();
		brussels = tk_zone_open(NULL, "Europe/Brussels", &e);
	}
	if (size == 0)
		return 0;
	if (data[0] & 1)
		zone(data + 1, size - 1);
	else
		values(data + 1, size - 1);
	return 0;
}
