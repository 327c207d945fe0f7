/*
 * frab.c - what the frab schedule XML and JSON share: an event's times
 * from its date, start and duration under the file's conventions, its
 * links, and its own page among them.
 */
#include <stdio.h>
#include <string.h>

#include "frab.h"

void
frab_event_reset(struct frab_event *fe)
{
	fe->date.n = fe->start.n = fe->duration.n = 0;
	fe->title.n = fe->links.n = 0;
	fe->has_date = fe->has_start = fe->has_duration = 0;
	fe->nlinks = 0;
}

void
frab_event_free(struct frab_event *fe)
{
	tk_buf_free(&fe->date);
	tk_buf_free(&fe->start);
	tk_buf_free(&fe->duration);
	tk_buf_free(&fe->title);
	tk_buf_free(&fe->links);
	speakers_free(&fe->sp);
}

void
frab_link(struct frab_event *fe, const char *href, size_t hn,
    const char *title, size_t tn)
{
	if (fe->nlinks++ > 0)
		tk_buf_addc(&fe->links, '\n');
	tk_buf_add(&fe->links, href, hn);
	if (tn > 0) {
		tk_buf_addc(&fe->links, ' ');
		tk_buf_add(&fe->links, title, tn);
	}
}

/*
 * The first link whose text is the event's title, as talks export -t
 * frab writes the talk's own page; *n is 0 when there is none.
 */
static const char *
own_page(const struct frab_event *fe, size_t *n)
{
	size_t i = 0;

	while (fe->title.n > 0 && i < fe->links.n) {
		const char *l = fe->links.p + i;
		const char *nl = memchr(l, '\n', fe->links.n - i);
		size_t len = nl ? (size_t)(nl - l) : fe->links.n - i;
		const char *sp = memchr(l, ' ', len);
		if (sp && sp > l && (size_t)(l + len - sp - 1) == fe->title.n &&
		    memcmp(sp + 1, fe->title.p, fe->title.n) == 0) {
			*n = (size_t)(sp - l);
			return l;
		}
		i += len + 1;
	}
	*n = 0;
	return NULL;
}

/* A value for a message: at most 40 bytes, control characters as '?'. */
static const char *
shown(const struct tk_buf *b, char *out, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < b->n && k + 4 < n && k < 40; i++)
		out[k++] = (unsigned char)b->p[i] < 0x20 ? '?' : b->p[i];
	if (k < b->n)
		memcpy(out + k, "...", 3), k += 3;
	out[k] = '\0';
	return out;
}

/* The event's start: from its date, else from its day and start time. */
static int
start_of(struct import *im, const struct frab_conf *cf,
    const struct frab_day *day, struct frab_event *fe, struct stamp *st)
{
	char s[64];

	if (fe->has_date && fe->date.n > 0) {
		if (stamp_parse(fe->date.p, fe->date.n, st) == 0)
			return 1;
		rec_bad(im, "bad date '%s'",
		    shown(&fe->date, s, sizeof(s)));
		return -1;
	}
	if (!fe->has_start || fe->start.n == 0)
		return 0;
	memset(st, 0, sizeof(*st));
	if (clock_parse(fe->start.p, fe->start.n, &st->t) < 0) {
		rec_bad(im, "bad start '%s'",
		    shown(&fe->start, s, sizeof(s)));
		return -1;
	}
	if (!day->has_date) {
		rec_bad(im, "a start time but no date");
		return -1;
	}
	st->t.year = day->date.year;
	st->t.mon = day->date.mon;
	st->t.mday = day->date.mday;
	/* Before the day changes, the time is on the next date. */
	if (cf->day_change > 0 && st->t.hour * 3600L + st->t.min * 60L +
	    st->t.sec < cf->day_change)
		stamp_add(st, 86400);
	if (day->has_start && day->start.has_off) {
		st->has_off = 1;
		st->off = day->start.off;
	}
	return 1;
}

void
frab_event_end(struct import *im, const struct frab_conf *cf,
    const struct frab_day *day, struct frab_event *fe)
{
	struct stamp st, en;
	struct tk_buf b = { 0 };
	char s[64];
	int rc = start_of(im, cf, day, fe, &st);
	long d = -1;
	const char *url;
	size_t n;

	if (fe->has_duration && fe->duration.n > 0 &&
	    (d = duration_parse(fe->duration.p, fe->duration.n)) < 0) {
		rec_bad(im, "bad duration '%s'",
		    shown(&fe->duration, s, sizeof(s)));
		/* Nothing is lost: the value as the file has it. */
		rec_lead(im, L_DURATION, fe->duration.p, fe->duration.n);
	}
	if (rc > 0) {
		if (!st.has_off && cf->tz)
			st.has_off = frab_zone_offset(cf->tz, &st.t, &st.off) == 0;
		en = st;
		if (d >= 0)
			stamp_add(&en, d);
		rec_times(im, day->has_date ? &day->date : NULL, &st,
		    d >= 0 ? &en : NULL, cf->day_change);
	} else {
		if (day->has_date) {
			date_put(&b, &day->date);
			rec_lead(im, L_DAY, b.p, b.n);
		}
		if (rc < 0 && fe->has_date)
			rec_lead(im, L_START, fe->date.p, fe->date.n);
		else if (rc < 0)
			rec_lead(im, L_START, fe->start.p, fe->start.n);
		if (d >= 0) {
			b.n = 0;
			duration_put(&b, d);
			rec_lead(im, L_DURATION, b.p, b.n);
		}
	}
	tk_buf_free(&b);
	/* A url of its own, else its own page among the links. */
	rec_value(im, L_URL, &n);
	if (n == 0 && (url = own_page(fe, &n)) != NULL)
		rec_replace(im, L_URL, url, n);
	if (fe->nlinks > 0)
		rec_lead(im, L_LINKS, fe->links.p, fe->links.n);
	speakers_put(im, &fe->sp);
	rec_end(im);
}

int
frab_zone_offset(const char *tz, const struct tk_time *local, long *off)
{
	struct tk_err e;
	struct tk_zone *z = tk_zone_open(NULL, tz, &e);
	long long wall = tk_time_epoch(local);

	if (z == NULL)
		return -1;
	*off = (long)(wall - tk_zone_instant(z, wall));
	tk_zone_close(z);
	return 0;
}

int
frab_zone_ok(const char *tz)
{
	struct tk_err e;
	struct tk_zone *z = tk_zone_open(NULL, tz, &e);

	tk_zone_close(z);
	return z != NULL;
}

int
frab_day_set(struct frab_day *day, const char *date, size_t dn,
    const char *start, size_t sn)
{
	struct tk_str d = { date, dn };
	int rc = 0;

	memset(day, 0, sizeof(*day));
	if (date && tk_parse_day(&d, &day->date) == 0)
		day->has_date = 1;
	else if (date)
		rc = -1;
	if (start && stamp_parse(start, sn, &day->start) == 0)
		day->has_start = 1;
	else if (start)
		rc = -1;
	return rc;
}
