/*
 * fmt_frab.c - talks export -t frab: the schedule XML of the frab
 * conference planner, which conference apps and video tooling read.
 *
 * The scheduled talks, gathered by the driver, are written day by day
 * and room by room; every value goes through tk_put_xml.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

/*
 * Columns that talks import writes from a schedule, read back so that a
 * schedule imported and exported again keeps them; -1 when absent.
 */
enum { C_LANGUAGE, C_GUID, C_SUBTITLE, C_SLUG, C_SPEAKER_IDS, C_LINKS, NCOL };

static const char *const col_names[NCOL] = {
	"language", "guid", "subtitle", "slug", "speaker ids", "links"
};

struct frab {
	const struct batch *b; /* the talks being written */
	unsigned long *id;    /* the event ids, by row */
	long col[NCOL];
	int own_guid, own_slug; /* every row has one, and no two the same */
	struct tk_str title, acronym;
	char *acronym_buf;
};

static void
puts_(struct exporter *x, const char *s)
{
	tk_out_puts(x->out, s);
}

/* Writes v escaped; counts bad bytes in *bad. */
static void
text(struct exporter *x, const struct tk_str *v, size_t *bad)
{
	*bad += tk_put_xml(x->out, v);
}

/*
 * Writes v escaped for an attribute value: a tab or line break as a
 * character reference, which XML's normalisation of attributes keeps.
 */
static void
attr(struct exporter *x, const struct tk_str *v, size_t *bad)
{
	size_t i = 0, k;

	while (i <= v->n) {
		for (k = i; k < v->n && !strchr("\t\n\r", v->p[k]); k++)
			;
		text(x, &(struct tk_str){ v->p + i, k - i }, bad);
		if (k < v->n)
			puts_(x, v->p[k] == '\t' ? "&#9;" : v->p[k] == '\n' ?
			    "&#10;" : "&#13;");
		i = k + 1;
	}
}

/* Writes <name>v</name> on a line of its own, indented. */
static void
element(struct exporter *x, const char *indent, const char *name,
    const struct tk_str *v, size_t *bad)
{
	puts_(x, indent);
	puts_(x, "<");
	puts_(x, name);
	puts_(x, ">");
	text(x, v, bad);
	puts_(x, "</");
	puts_(x, name);
	puts_(x, ">\n");
}

static void
element_s(struct exporter *x, const char *indent, const char *name,
    const char *s)
{
	struct tk_str v = { s, strlen(s) };
	size_t bad = 0;

	element(x, indent, name, &v, &bad);
}

/* A date-time, with the offset of --tz when given. */
static void
date_time(struct exporter *x, long long epoch, char *buf, size_t n)
{
	struct tk_time t;
	long off;
	int k;

	tk_time_from_epoch(epoch, &t);
	k = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.mon,
	    t.mday, t.hour, t.min, t.sec);
	if (x->o->tz == NULL || k < 0 || (size_t)k >= n)
		return;
	off = tk_zone_offset(x->o->tz, &t);
	snprintf(buf + k, n - (size_t)k, "%c%02ld:%02ld", off < 0 ? '-' : '+',
	    (off < 0 ? -off : off) / 3600, (off < 0 ? -off : off) / 60 % 60);
}

/* A slug: lower-case ASCII letters and digits, '-' between words. */
static void
slug(struct tk_buf *b, const struct tk_str *v, size_t max)
{
	size_t start = b->n;
	int dash = 0;

	for (size_t i = 0; i < v->n && b->n - start < max; i++) {
		unsigned char c = (unsigned char)v->p[i];
		c = tk_lower(c);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b->n > start)
				tk_buf_addc(b, '-');
			tk_buf_addc(b, c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
}

/* A GUID in UUID form, the same from run to run for the same talk. */
static void
guid(struct frab *s, const struct tk_record *rec, unsigned long id,
    char *buf, size_t n)
{
	unsigned long long a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
	char num[32];
	struct tk_str v = { num, 0 };

	v.n = (size_t)snprintf(num, sizeof(num), "%lu", id);
	a = export_hash(export_hash(export_hash(a, &s->acronym), &v),
	    &rec->f[TK_TITLE]);
	b = export_hash(export_hash(export_hash(b, &rec->f[TK_TITLE]), &v),
	    &s->acronym);
	/* Version 4 and variant bits, so that tools reading UUIDs take it. */
	snprintf(buf, n, "%08llx-%04llx-4%03llx-%04llx-%012llx",
	    a >> 32, (a >> 16) & 0xffff, a & 0xfff,
	    ((b >> 48) & 0x3fff) | 0x8000, b & 0xffffffffffffULL);
}

/* Column c of rec, or an empty value when there is no such column. */
static const struct tk_str *
column(const struct frab *s, const struct tk_record *rec, int c)
{
	static const struct tk_str none = { "", 0 };

	return s->col[c] >= 0 ? &rec->f[s->col[c]] : &none;
}

/* Whether v is a number from 1 up, as the schema's person ids are. */
static int
positive(const struct tk_str *v)
{
	if (v->n == 0 || v->n > 18 || v->p[0] < '1' || v->p[0] > '9')
		return 0;
	for (size_t i = 1; i < v->n; i++)
		if (v->p[i] < '0' || v->p[i] > '9')
			return 0;
	return 1;
}

/* The persons, with the ids of "speaker ids" where they are numbers. */
static void
persons(struct exporter *x, const struct tk_record *rec, size_t *bad)
{
	struct frab *s = x->state;
	const struct tk_str *ids = column(s, rec, C_SPEAKER_IDS);
	struct tk_person p;
	struct tk_str id;
	size_t pos = 0;

	puts_(x, "        <persons>\n");
	for (size_t i = 0; tk_person(rec, i, &p); i++) {
		/* The ids are listed as the speakers are, one each. */
		int has_id = tk_next_item(ids, &pos, &id);
		if (p.name.n == 0)
			continue;
		puts_(x, "          <person");
		if (has_id && positive(&id)) {
			puts_(x, " id=\"");
			tk_out_write(x->out, id.p, id.n);
			puts_(x, "\"");
		}
		puts_(x, ">");
		text(x, &p.name, bad);
		puts_(x, "</person>\n");
	}
	puts_(x, "        </persons>\n");
}

static void
link(struct exporter *x, const struct tk_str *href, const struct tk_str *title,
    size_t *bad)
{
	puts_(x, "          <link href=\"");
	attr(x, href, bad);
	puts_(x, "\">");
	text(x, title, bad);
	puts_(x, "</link>\n");
}

/* Splits a line of a "links" column: an address, a space, a title. */
static void
split_link(const struct tk_str *line, struct tk_str *href,
    struct tk_str *title)
{
	const char *sp = memchr(line->p, ' ', line->n);

	href->p = line->p;
	href->n = sp ? (size_t)(sp - line->p) : line->n;
	title->p = sp ? sp + 1 : "";
	title->n = sp ? line->n - href->n - 1 : 0;
}

/*
 * The talk's url, as a link named by its title unless the lines of a
 * "links" column have it, then those links.
 */
static void
links(struct exporter *x, const struct tk_record *rec, size_t *bad)
{
	const struct tk_str *l = column(x->state, rec, C_LINKS);
	const struct tk_str *url = &rec->f[TK_URL];
	struct tk_str line, href, title;
	size_t pos = 0;
	int own = 0;

	while (l->n > 0 && export_next_line(l, &pos, &line)) {
		split_link(&line, &href, &title);
		own |= href.n == url->n && href.n > 0 &&
		    memcmp(href.p, url->p, url->n) == 0;
	}
	if (l->n == 0 && url->n == 0)
		return;
	puts_(x, "        <links>\n");
	if (url->n > 0 && !own)
		link(x, url, &rec->f[TK_TITLE], bad);
	for (pos = 0; l->n > 0 && export_next_line(l, &pos, &line);) {
		split_link(&line, &href, &title);
		if (href.n > 0)
			link(x, &href, &title, bad);
	}
	puts_(x, "        </links>\n");
}

static void
event(struct exporter *x, size_t i)
{
	static const struct tk_str talk = { "talk", 4 };
	struct frab *s = x->state;
	const struct tk_when *w = batch_when(s->b, i);
	const char *in = "        ";
	struct tk_record rec;
	struct tk_buf b = { 0 };
	char buf[80];
	size_t bad = 0;
	long long st = tk_time_epoch(&w->start), dur;

	batch_record(s->b, i, &rec);
	snprintf(buf, sizeof(buf), "%lu", s->id[i]);
	puts_(x, "      <event id=\"");
	puts_(x, buf);
	puts_(x, "\" guid=\"");
	if (s->own_guid) {
		text(x, column(s, &rec, C_GUID), &bad);
	} else {
		guid(s, &rec, s->id[i], buf, sizeof(buf));
		puts_(x, buf);
	}
	puts_(x, "\">\n");
	date_time(x, st, buf, sizeof(buf));
	element_s(x, in, "date", buf);
	snprintf(buf, sizeof(buf), "%02d:%02d", w->start.hour, w->start.min);
	element_s(x, in, "start", buf);
	dur = w->end >= 0 ? (w->end - st) / 60 : 0;
	if (dur > 99 * 60 + 59) {
		struct tk_err e;
		tk_fail(&e, rec.file, rec.line, 0, "duration cut to 99:59, "
		    "the longest the schedule format can hold");
		report(&e);
		dur = 99 * 60 + 59;
	}
	snprintf(buf, sizeof(buf), "%02lld:%02lld", dur / 60, dur % 60);
	element_s(x, in, "duration", buf);
	element(x, in, "room", &rec.f[TK_ROOM], &bad);
	if (s->own_slug) {
		element(x, in, "slug", column(s, &rec, C_SLUG), &bad);
	} else {
		tk_buf_add(&b, s->acronym.p, s->acronym.n);
		snprintf(buf, sizeof(buf), "-%lu-", s->id[i]);
		tk_buf_adds(&b, buf);
		slug(&b, &rec.f[TK_TITLE], 60);
		element_s(x, in, "slug", b.p);
		tk_buf_free(&b);
	}
	element(x, in, "title", &rec.f[TK_TITLE], &bad);
	element(x, in, "subtitle", column(s, &rec, C_SUBTITLE), &bad);
	element(x, in, "track", &rec.f[TK_TRACK], &bad);
	element(x, in, "type", rec.f[TK_TYPE].n ? &rec.f[TK_TYPE] : &talk,
	    &bad);
	if (s->col[C_LANGUAGE] >= 0 && rec.f[s->col[C_LANGUAGE]].n > 0)
		element(x, in, "language", &rec.f[s->col[C_LANGUAGE]], &bad);
	element(x, in, "abstract", &rec.f[TK_ABSTRACT], &bad);
	element(x, in, "description", &rec.f[TK_DESCRIPTION], &bad);
	persons(x, &rec, &bad);
	links(x, &rec, &bad);
	puts_(x, "      </event>\n");
	if (bad)
		export_warn_utf8(x, &rec);
}

/* -------------------------------------------------------------- ordering */

static struct frab *sort_state;

static long long
day_of(const struct frab *s, size_t i)
{
	return tk_time_epoch(&batch_when(s->b, i)->start) / 86400;
}

/* Day, then start, then input order. */
static int
by_time(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	long long x = tk_time_epoch(&batch_when(sort_state->b, i)->start);
	long long y = tk_time_epoch(&batch_when(sort_state->b, j)->start);

	if (x != y)
		return x < y ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* Whether v is all digits (and not empty). */
static int
digits(const struct tk_str *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->p[i] < '0' || v->p[i] > '9')
			return 0;
	return v->n > 0;
}

/*
 * Numbers the events: their ids when all are distinct numbers, else 1..;
 * -1 after reporting an id of digits too large for 64 bits.
 */
static int
number(struct frab *s)
{
	struct tk_record rec;
	struct tk_err e;
	int ok = 1;

	s->id = tk_xcalloc(s->b->n ? s->b->n : 1, sizeof(*s->id));
	for (size_t i = 0; i < s->b->n; i++) {
		batch_record(s->b, i, &rec);
		const struct tk_str *v = &rec.f[TK_ID];
		char *end, tmp[24];
		int big = digits(v) && v->n >= sizeof(tmp);
		if (!big && digits(v)) {
			memcpy(tmp, v->p, v->n);
			tmp[v->n] = '\0';
			errno = 0;
			s->id[i] = strtoul(tmp, &end, 10);
			big = errno == ERANGE;
		}
		if (big) {
			tk_fail(&e, rec.file, rec.line, 0, "id '%.*s' is too "
			    "large (more than 64 bits)", tk_cut(v->p, v->n,
			    60), v->p);
			report(&e);
			return -1;
		}
		if (!digits(v) || v->p[0] == '0')
			ok = 0;
		for (size_t k = 0; ok && k < i; k++)
			if (s->id[k] == s->id[i])
				ok = 0;
	}
	if (!ok)
		for (size_t i = 0; i < s->b->n; i++)
			s->id[i] = i + 1;
	return 0;
}

static int
by_bytes(const void *a, const void *b)
{
	const struct tk_str *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->p, y->p, n);

	return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Whether every talk has a value of column c, and no two the same. */
static int
distinct(struct frab *s, int c)
{
	struct tk_str *v;
	struct tk_record rec;
	int ok = s->col[c] >= 0 && s->b->n > 0;

	if (!ok)
		return 0;
	v = tk_xcalloc(s->b->n, sizeof(*v));
	for (size_t i = 0; i < s->b->n; i++) {
		batch_record(s->b, i, &rec);
		v[i].n = rec.f[s->col[c]].n;
		v[i].p = tk_xstrndup(rec.f[s->col[c]].p, v[i].n);
		ok &= v[i].n > 0;
	}
	qsort(v, s->b->n, sizeof(*v), by_bytes);
	for (size_t i = 1; i < s->b->n; i++)
		ok &= by_bytes(&v[i - 1], &v[i]) != 0;
	for (size_t i = 0; i < s->b->n; i++)
		free((char *)v[i].p);
	free(v);
	return ok;
}

/* The distinct rooms, in the order they first appear. */
static size_t
rooms(struct frab *s, struct tk_str **list)
{
	struct tk_record rec;
	size_t n = 0;

	*list = tk_xcalloc(s->b->n + 1, sizeof(**list));
	for (size_t i = 0; i < s->b->n; i++) {
		batch_record(s->b, i, &rec);
		size_t k = 0;
		while (k < n && !((*list)[k].n == rec.f[TK_ROOM].n &&
		    memcmp((*list)[k].p, rec.f[TK_ROOM].p, rec.f[TK_ROOM].n) == 0))
			k++;
		if (k == n) {
			(*list)[n].p = tk_xstrndup(rec.f[TK_ROOM].p,
			    rec.f[TK_ROOM].n);
			(*list)[n++].n = rec.f[TK_ROOM].n;
		}
	}
	return n;
}

static int
in_room(struct frab *s, size_t i, const struct tk_str *room)
{
	struct tk_record rec;

	batch_record(s->b, i, &rec);
	return rec.f[TK_ROOM].n == room->n &&
	    memcmp(rec.f[TK_ROOM].p, room->p, room->n) == 0;
}

/* Writes <day> with the talks order[from .. to), room by room. */
static void
day(struct exporter *x, const size_t *order, size_t from, size_t to,
    unsigned idx, const struct tk_str *room, size_t nroom)
{
	struct frab *s = x->state;
	char buf[64];
	long long lo = tk_time_epoch(&batch_when(s->b, order[from])->start);
	long long hi = lo;
	size_t bad = 0;

	for (size_t k = from; k < to; k++) {
		const struct tk_when *w = batch_when(s->b, order[k]);
		if (w->end > hi)
			hi = w->end;
		if (tk_time_epoch(&w->start) > hi)
			hi = tk_time_epoch(&w->start);
	}
	snprintf(buf, sizeof(buf), "  <day index=\"%u\" date=\"", idx);
	puts_(x, buf);
	date_time(x, lo, buf, sizeof(buf));
	buf[10] = '\0';
	puts_(x, buf);
	puts_(x, "\" start=\"");
	date_time(x, lo, buf, sizeof(buf));
	puts_(x, buf);
	puts_(x, "\" end=\"");
	date_time(x, hi, buf, sizeof(buf));
	puts_(x, buf);
	puts_(x, "\">\n");
	for (size_t r = 0; r < nroom; r++) {
		size_t k = from;
		while (k < to && !in_room(s, order[k], &room[r]))
			k++;
		if (k == to)
			continue;
		puts_(x, "    <room name=\"");
		attr(x, &room[r], &bad);
		puts_(x, "\">\n");
		for (; k < to; k++)
			if (in_room(s, order[k], &room[r]))
				event(x, order[k]);
		puts_(x, "    </room>\n");
	}
	puts_(x, "  </day>\n");
}

static void
conference(struct exporter *x, const size_t *order, unsigned ndays)
{
	struct frab *s = x->state;
	char buf[64];
	size_t bad = 0;

	puts_(x, "  <conference>\n");
	element(x, "    ", "title", &s->title, &bad);
	element(x, "    ", "acronym", &s->acronym, &bad);
	if (s->b->n > 0) {
		struct tk_time t;
		tk_time_from_epoch(day_of(s, order[0]) * 86400, &t);
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", t.year, t.mon,
		    t.mday);
		element_s(x, "    ", "start", buf);
		tk_time_from_epoch(day_of(s, order[s->b->n - 1]) * 86400, &t);
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", t.year, t.mon,
		    t.mday);
		element_s(x, "    ", "end", buf);
	}
	snprintf(buf, sizeof(buf), "%u", ndays);
	element_s(x, "    ", "days", buf);
	puts_(x, "  </conference>\n");
}

static void
schedule(struct exporter *x)
{
	struct frab *s = x->state;
	size_t *order = tk_xcalloc(s->b->n + 1, sizeof(*order)), nroom, from;
	struct tk_str *room;
	unsigned ndays = 0;

	for (size_t i = 0; i < s->b->n; i++)
		order[i] = i;
	sort_state = s;
	qsort(order, s->b->n, sizeof(*order), by_time);
	for (size_t i = 0; i < s->b->n; i++)
		if (i == 0 || day_of(s, order[i]) != day_of(s, order[i - 1]))
			ndays++;
	nroom = rooms(s, &room);
	puts_(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n");
	puts_(x, "  <version>talks " TK_VERSION "</version>\n");
	conference(x, order, ndays);
	ndays = 0;
	for (size_t i = 0; i < s->b->n; i = from) {
		for (from = i + 1; from < s->b->n &&
		    day_of(s, order[from]) == day_of(s, order[i]);)
			from++;
		day(x, order, i, from, ++ndays, room, nroom);
	}
	puts_(x, "</schedule>\n");
	for (size_t r = 0; r < nroom; r++)
		free((char *)room[r].p);
	free(room);
	free(order);
}

/* ----------------------------------------------------------- the format */

static int
frab_begin(struct exporter *x)
{
	struct frab *s;
	struct tk_err e;
	const char *title = x->o->conference ? x->o->conference : "Conference";
	struct tk_buf b = { 0 };

	if (x->o->tz && tk_zone_check(x->o->tz, &e) < 0) {
		report(&e);
		return -1;
	}
	s = tk_xcalloc(1, sizeof(*s));
	s->title.p = title;
	s->title.n = strlen(title);
	if (x->o->acronym) {
		s->acronym.p = x->o->acronym;
		s->acronym.n = strlen(x->o->acronym);
	} else {
		tk_buf_add(&b, "", 0);
		slug(&b, &s->title, 40);
		s->acronym_buf = b.p;
		s->acronym.p = b.p;
		s->acronym.n = b.n;
	}
	for (int c = 0; c < NCOL; c++)
		s->col[c] = tk_find_col(x->c->r, col_names[c],
		    strlen(col_names[c]));
	x->state = s;
	return 0;
}

static int
frab_render(struct exporter *x, const struct batch *b)
{
	struct frab *s = x->state;

	s->b = b;
	if (number(s) < 0) {
		free(s->id);
		s->id = NULL;
		s->b = NULL;
		return -1;
	}
	/* The guids and slugs of an imported schedule, if usable. */
	s->own_guid = distinct(s, C_GUID);
	s->own_slug = distinct(s, C_SLUG);
	schedule(x);
	free(s->id);
	s->id = NULL;
	s->b = NULL;
	return 0;
}

static int
frab_end(struct exporter *x)
{
	struct frab *s = x->state;

	free(s->acronym_buf);
	free(s);
	return 0;
}

const struct format fmt_frab = {
	.name = "frab",
	.summary = "the schedule XML of frab, for conference apps",
	.gather = GATHER_SCHEDULED,
	.begin = frab_begin,
	.render = frab_render,
	.end = frab_end,
};
