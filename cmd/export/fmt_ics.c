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
	long uid;                 /* the column of a uid or guid, or -1 */
	unsigned char *uid_rep;   /* by talk: a uid seen before */
	struct tk_buf line, text;
	struct tk_buf cal;        /* the calendar being made */
	struct exporter *x;
	struct tk_out plain;      /* the description without --markup's */
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

/*
 * A time of talk i: in the zone of --tz with its TZID, else in UTC when
 * it has a zone, else floating.  A clock time that comes twice in the
 * zone stands for the first (RFC 5545): the second is written in UTC.
 */
static void
put_time(struct ics *s, const char *name, const struct batch *b, size_t i,
    long long t)
{
	const struct tk_when *w = batch_when(b, i);
	const struct tk_zone *z = b->zone;
	struct tk_time lt;
	long off;
	long long local = tk_when_local(w, z, t, &off);
	int utc = w->how != TK_FLOATING &&
	    (!z || tk_zone_instant(z, local) != t);

	tk_time_from_epoch(utc ? t : local, &lt);
	tk_buf_adds(&s->line, name);
	if (!utc && z) {
		/* Zone names hold no character that would need quotes. */
		tk_buf_adds(&s->line, ";TZID=");
		tk_buf_adds(&s->line, tk_zone_name(z));
	}
	tk_buf_addc(&s->line, ':');
	add_time(&s->line, &lt, utc);
	end_line(s);
}

/* ------------------------------------------------------------- events */

/*
 * The UID: the talk's uid or guid, else one made from its identity (id
 * and title) and its slot (the start), so that it stays the same from
 * run to run and a talk given twice has two.
 */
static int
put_uid(struct ics *s, const struct batch *b, size_t i,
    const struct tk_record *rec)
{
	const struct tk_when *w = batch_when(b, i);
	unsigned long long h = 0xcbf29ce484222325ULL;
	char tmp[64];
	struct tk_str slot = { tmp, 0 };
	long off;

	if (s->uid >= 0 && rec->f[s->uid].n > 0 && !s->uid_rep[i])
		return put_text(s, "UID", &rec->f[s->uid]);
	/* The start as written, so that adding --tz keeps the UIDs. */
	slot.n = (size_t)snprintf(tmp, sizeof(tmp), "%lld", tk_when_local(w,
	    w->how == TK_IN_ZONE ? b->zone : NULL, w->start, &off));
	h = export_hash(export_hash(export_hash(h, &rec->f[TK_ID]),
	    &rec->f[TK_TITLE]), &slot);
	snprintf(tmp, sizeof(tmp), "UID:%016llx@talks", h);
	put(s, tmp);
	return 0;
}

/* DESCRIPTION: the description (else the abstract), then the speakers. */
static int
put_description(struct ics *s, const struct tk_record *rec)
{
	const struct tk_str *d = rec->f[TK_DESCRIPTION].n > 0 ?
	    &rec->f[TK_DESCRIPTION] : &rec->f[TK_ABSTRACT];
	struct tk_buf b = { 0 };
	struct tk_str v = markup_plain(s->x, d, &s->plain);
	int bad;

	tk_buf_add(&b, v.p, v.n);
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
	bad |= put_uid(s, b, i, &rec);
	tk_buf_adds(&s->line, "DTSTAMP:");
	tk_time_from_epoch(s->stamp, &st);
	add_time(&s->line, &st, 1);
	end_line(s);
	put_time(s, "DTSTART", b, i, w->start);
	if (w->has_end)
		put_time(s, "DTEND", b, i, w->end);
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
	struct tk_zone_span z;

	for (size_t k = 0; k < b->n; k++) {
		const struct tk_when *w = batch_when(b, k);
		long long from = w->start;
		long long to = w->has_end ? w->end : from;
		if (k == 0 || from < lo)
			lo = from;
		if (k == 0 || to > hi)
			hi = to;
	}
	tk_zone_span(b->zone, lo - 2 * 86400, hi + 2 * 86400, &z);
	put(s, "BEGIN:VTIMEZONE");
	tk_buf_adds(&s->line, "TZID:");
	tk_buf_adds(&s->line, tk_zone_name(b->zone));
	end_line(s);
	for (size_t i = 0; i < z.n; i++)
		put_rule(s, &z.rule[i]);
	put(s, "END:VTIMEZONE");
	tk_zone_span_free(&z);
}

/* The calendar of the talks of b. */
static int
ics_render(struct exporter *x, const struct batch *b)
{
	struct ics *s = x->state;

	/* A CalDAV server refuses a second event with the same UID. */
	s->uid_rep = batch_repeats(b, s->uid, s->uid < 0 ? "" :
	    tk_colname(x->c->r, (size_t)s->uid));
	s->cal.n = 0;
	put(s, "BEGIN:VCALENDAR");
	put(s, "VERSION:2.0");
	put(s, "PRODID:-//talks//talks " TK_VERSION "//EN");
	put(s, "CALSCALE:GREGORIAN");
	if (b->zone && b->n > 0)
		put_zone(x, b);
	for (size_t k = 0; k < b->n; k++)
		put_event(x, b, k);
	put(s, "END:VCALENDAR");
	tk_out_write(x->out, s->cal.p, s->cal.n);
	free(s->uid_rep);
	s->uid_rep = NULL;
	return 0;
}

/* ------------------------------------------------------------ the format */

static int
ics_begin(struct exporter *x)
{
	struct ics *s;
	long long stamp;

	if (export_stamp(x, &stamp) < 0)
		return -1;
	s = tk_xcalloc(1, sizeof(*s));
	s->stamp = stamp;
	s->x = x;
	tk_out_init_mem(&s->plain);
	s->uid = tk_find_col(x->c->r, "uid", 3);
	if (s->uid < 0)
		s->uid = tk_find_col(x->c->r, "guid", 4);
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
	tk_out_free(&s->plain);
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
