/*
 * fmt_ics.c - talks export -t ics: an iCalendar (RFC 5545) event for each
 * talk with a day and a start, for calendar programs.
 *
 * A calendar is rendered from the scheduled talks gathered by the driver
 * (all of them, or with --each speaker each speaker's, one file each):
 * its VTIMEZONE of --tz covers the span of all of its talks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

struct ics {
	long long stamp;          /* DTSTAMP */
	struct tk_buf line, text;
	struct tk_buf cal;        /* the calendar being made */
};

/* ---------------------------------------------------------------- lines */

/* Writes s->line folded at 75 octets, between characters, and a CRLF. */
static void
end_line(struct ics *s)
{
	const char *p = s->line.p;
	size_t n = s->line.n, max = 75;

	while (n > max) {
		size_t k = max;
		while (k > 0 && ((unsigned char)p[k] & 0xc0) == 0x80)
			k--;
		tk_buf_add(&s->cal, p, k);
		tk_buf_add(&s->cal, "\r\n ", 3);
		p += k;
		n -= k;
		max = 74; /* the leading space counts */
	}
	tk_buf_add(&s->cal, p, n);
	tk_buf_add(&s->cal, "\r\n", 2);
	s->line.n = 0;
}

static void
put(struct ics *s, const char *text)
{
	tk_buf_adds(&s->line, text);
	end_line(s);
}

/* Appends v escaped as an iCalendar TEXT value; 1 if it had bad bytes. */
static int
add_text(struct ics *s, const struct tk_str *v)
{
	size_t bad;

	s->text.n = 0;
	bad = tk_clean_text(v, &s->text);
	for (size_t i = 0; i < s->text.n; i++) {
		char c = s->text.p[i];
		if (c == '\r' && i + 1 < s->text.n && s->text.p[i + 1] == '\n')
			continue;
		if (c == '\\' || c == ';' || c == ',')
			tk_buf_addc(&s->line, '\\');
		if (c == '\n' || c == '\r')
			tk_buf_adds(&s->line, "\\n");
		else
			tk_buf_addc(&s->line, c);
	}
	return bad > 0;
}

/* Writes NAME:value when the value is not empty; 1 if it had bad bytes. */
static int
put_text(struct ics *s, const char *name, const struct tk_str *v)
{
	int bad;

	if (v->n == 0)
		return 0;
	tk_buf_adds(&s->line, name);
	tk_buf_addc(&s->line, ':');
	bad = add_text(s, v);
	end_line(s);
	return bad;
}

static void
add_time(struct tk_buf *b, const struct tk_time *t, int utc)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%04d%02d%02dT%02d%02d%02d%s", t->year,
	    t->mon, t->mday, t->hour, t->min, t->sec, utc ? "Z" : "");
	tk_buf_adds(b, tmp);
}

static void
put_time(struct ics *s, const char *name, long long epoch, const char *tz)
{
	struct tk_time t;

	tk_time_from_epoch(epoch, &t);
	tk_buf_adds(&s->line, name);
	if (tz) {
		/* A TZID is a parameter value: quoted, and quotes cannot be. */
		tk_buf_adds(&s->line, ";TZID=");
		tk_buf_adds(&s->line, tz);
	}
	tk_buf_addc(&s->line, ':');
	add_time(&s->line, &t, 0);
	end_line(s);
}

/* ------------------------------------------------------------- events */

/*
 * A UID that stays the same from run to run: from id and title when the
 * talk has an id, else from title, day, start and room.
 */
static void
put_uid(struct ics *s, const struct tk_record *rec)
{
	static const int with_id[] = { TK_ID, TK_TITLE, -1 };
	static const int without[] = { TK_TITLE, TK_DAY, TK_START, TK_ROOM,
		-1 };
	const int *f = rec->f[TK_ID].n > 0 ? with_id : without;
	unsigned long long h = 0xcbf29ce484222325ULL;
	char tmp[64];

	for (; *f >= 0; f++)
		h = export_hash(h, &rec->f[*f]);
	snprintf(tmp, sizeof(tmp), "UID:%016llx@talks", h);
	put(s, tmp);
}

/* DESCRIPTION: the description, then the speakers. */
static int
put_description(struct ics *s, const struct tk_record *rec)
{
	const struct tk_str *d = &rec->f[TK_DESCRIPTION];
	struct tk_buf b = { 0 };
	struct tk_str v;
	int bad;

	tk_buf_add(&b, d->p, d->n);
	if (rec->f[TK_SPEAKER].n > 0) {
		if (b.n > 0)
			tk_buf_adds(&b, "\n\n");
		tk_buf_adds(&b, "Speaker: ");
		tk_buf_add(&b, rec->f[TK_SPEAKER].p, rec->f[TK_SPEAKER].n);
	}
	v.p = b.p ? b.p : "";
	v.n = b.n;
	bad = put_text(s, "DESCRIPTION", &v);
	tk_buf_free(&b);
	return bad;
}

static void
put_event(struct exporter *x, const struct batch *b, size_t i)
{
	struct ics *s = x->state;
	const struct tk_when *w = batch_when(b, i);
	struct tk_record rec;
	struct tk_time st;
	int bad = 0;

	batch_record(b, i, &rec);
	put(s, "BEGIN:VEVENT");
	put_uid(s, &rec);
	tk_buf_adds(&s->line, "DTSTAMP:");
	tk_time_from_epoch(s->stamp, &st);
	add_time(&s->line, &st, 1);
	end_line(s);
	put_time(s, "DTSTART", tk_time_epoch(&w->start), x->o->tz);
	if (w->end >= 0)
		put_time(s, "DTEND", w->end, x->o->tz);
	bad |= put_text(s, "SUMMARY", &rec.f[TK_TITLE]);
	bad |= put_description(s, &rec);
	bad |= put_text(s, "LOCATION", &rec.f[TK_ROOM]);
	bad |= put_text(s, "CATEGORIES", &rec.f[TK_TRACK]);
	put(s, "END:VEVENT");
	if (bad)
		export_warn_utf8(x, &rec);
}

/* ------------------------------------------------------------ calendars */

static void
add_offset(struct tk_buf *b, long off)
{
	char tmp[64];
	long a = off < 0 ? -off : off;

	if (a % 60)
		snprintf(tmp, sizeof(tmp), "%c%02ld%02ld%02ld",
		    off < 0 ? '-' : '+', a / 3600, a / 60 % 60, a % 60);
	else
		snprintf(tmp, sizeof(tmp), "%c%02ld%02ld", off < 0 ? '-' : '+',
		    a / 3600, a / 60 % 60);
	tk_buf_adds(b, tmp);
}

/* One STANDARD or DAYLIGHT part: the offset in force from r->at on. */
static void
put_rule(struct ics *s, const struct tk_zone_rule *r)
{
	const char *kind = r->isdst ? "DAYLIGHT" : "STANDARD";
	struct tk_time t;

	tk_buf_adds(&s->line, "BEGIN:");
	tk_buf_adds(&s->line, kind);
	end_line(s);
	/* The onset, as a local time in the offset it ends. */
	tk_time_from_epoch(r->at + r->from, &t);
	tk_buf_adds(&s->line, "DTSTART:");
	add_time(&s->line, &t, 0);
	end_line(s);
	tk_buf_adds(&s->line, "TZOFFSETFROM:");
	add_offset(&s->line, r->from);
	end_line(s);
	tk_buf_adds(&s->line, "TZOFFSETTO:");
	add_offset(&s->line, r->to);
	end_line(s);
	if (r->abbr[0]) {
		struct tk_str v = { r->abbr, strlen(r->abbr) };
		put_text(s, "TZNAME", &v);
	}
	tk_buf_adds(&s->line, "END:");
	tk_buf_adds(&s->line, kind);
	end_line(s);
}

/*
 * The VTIMEZONE of --tz, from the system's zone data: the offset in
 * force a day before the first talk, and each change until a day after
 * the last.
 */
static void
put_zone(struct exporter *x, const struct batch *b)
{
	struct ics *s = x->state;
	long long lo = 0, hi = 0;
	struct tk_zone z;

	for (size_t k = 0; k < b->n; k++) {
		const struct tk_when *w = batch_when(b, k);
		long long from = tk_time_epoch(&w->start);
		long long to = w->end >= 0 ? w->end : from;
		if (k == 0 || from < lo)
			lo = from;
		if (k == 0 || to > hi)
			hi = to;
	}
	tk_zone_rules(x->o->tz, lo - 2 * 86400, hi + 2 * 86400, &z);
	put(s, "BEGIN:VTIMEZONE");
	tk_buf_adds(&s->line, "TZID:");
	tk_buf_adds(&s->line, x->o->tz);
	end_line(s);
	for (size_t i = 0; i < z.n; i++)
		put_rule(s, &z.rule[i]);
	put(s, "END:VTIMEZONE");
	tk_zone_free(&z);
}

/* The calendar of the talks of b. */
static int
ics_render(struct exporter *x, const struct batch *b)
{
	struct ics *s = x->state;

	s->cal.n = 0;
	put(s, "BEGIN:VCALENDAR");
	put(s, "VERSION:2.0");
	put(s, "PRODID:-//talks//talks " TK_VERSION "//EN");
	put(s, "CALSCALE:GREGORIAN");
	if (x->o->tz && b->n > 0)
		put_zone(x, b);
	for (size_t k = 0; k < b->n; k++)
		put_event(x, b, k);
	put(s, "END:VCALENDAR");
	tk_out_write(x->out, s->cal.p, s->cal.n);
	return 0;
}

/* ------------------------------------------------------------ the format */

static int
ics_begin(struct exporter *x)
{
	struct ics *s;
	struct tk_err err;
	long long stamp;

	if (tk_source_date(&stamp, &err) < 0 ||
	    (x->o->tz && tk_zone_check(x->o->tz, &err) < 0)) {
		report(&err);
		return -1;
	}
	s = tk_xcalloc(1, sizeof(*s));
	s->stamp = stamp;
	x->state = s;
	return 0;
}

static int
ics_end(struct exporter *x)
{
	struct ics *s = x->state;

	tk_buf_free(&s->line);
	tk_buf_free(&s->text);
	tk_buf_free(&s->cal);
	free(s);
	return 0;
}

const struct format fmt_ics = {
	.name = "ics",
	.summary = "iCalendar events of the scheduled talks (RFC 5545)",
	.gather = GATHER_SCHEDULED,
	.speakers = SPEAKERS_OPTION,
	.files = FILES_PER_SPEAKER,
	.ext = ".ics",
	.begin = ics_begin,
	.render = ics_render,
	.end = ics_end,
};
