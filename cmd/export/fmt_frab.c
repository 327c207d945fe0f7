/*
 * fmt_frab.c - talks export -t frab: the schedule XML of the frab
 * conference planner, which conference apps and video tooling read.
 *
 * The scheduled talks, gathered by the driver, are written day by day
 * and room by room; every value goes through tk_put_xml.  The guid,
 * slug, subtitle, language, links and person ids of the input are
 * carried where they are usable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

struct frab {
	const struct batch *b; /* the talks being written */
	unsigned long *id;    /* the event ids, by talk */
	/* The columns of these headers, or -1: carried into the XML. */
	long guid, slug, subtitle, language, links, person_ids;
	unsigned char *guid_rep, *slug_rep; /* by talk: a value seen before */
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

/* A GUID in UUID form, the same from run to run for the same talk. */
static void
guid(struct frab *s, const struct tk_record *rec, unsigned long id,
    char *buf, size_t n)
{
	unsigned long long a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
	char num[32];
	struct tk_str v = { num, 0 };

	v.n = (size_t)snprintf(num, sizeof(num), "%lu", id);
	a = export_hash(export_hash(export_hash(a, &s->acronym), &v), &rec->f[TK_TITLE]);
	b = export_hash(export_hash(export_hash(b, &rec->f[TK_TITLE]), &v), &s->acronym);
	/* Version 4 and variant bits, so that tools reading UUIDs take it. */
	snprintf(buf, n, "%08llx-%04llx-4%03llx-%04llx-%012llx",
	    a >> 32, (a >> 16) & 0xffff, a & 0xfff,
	    ((b >> 48) & 0x3fff) | 0x8000, b & 0xffffffffffffULL);
}

/* Whether v is a positive whole number, as the schema wants person ids. */
static int
positive(const struct tk_str *v)
{
	int nonzero = 0;

	if (v->n == 0 || v->n > 18)
		return 0;
	for (size_t i = 0; i < v->n; i++) {
		if (v->p[i] < '0' || v->p[i] > '9')
			return 0;
		nonzero |= v->p[i] != '0';
	}
	return nonzero;
}

/* The value of column c of rec, or an empty one when c is -1. */
static const struct tk_str *
col(const struct tk_record *rec, long c)
{
	static const struct tk_str none = { "", 0 };

	return c >= 0 ? &rec->f[c] : &none;
}

/* The speakers, with their ids where a column has them as numbers. */
static void
persons(struct exporter *x, const struct tk_record *rec, size_t *bad)
{
	struct frab *s = x->state;
	const struct tk_str *ids = col(rec, s->person_ids);
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
			text(x, &id, bad);
			puts_(x, "\"");
		}
		puts_(x, ">");
		text(x, &p.name, bad);
		puts_(x, "</person>\n");
	}
	puts_(x, "        </persons>\n");
}

/* One <link>. */
static void
put_link(struct exporter *x, const struct tk_str *href, const struct tk_str *v,
    size_t *bad)
{
	puts_(x, "          <link href=\"");
	attr(x, href, bad);
	puts_(x, "\">");
	text(x, v, bad);
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
	struct frab *s = x->state;
	const struct tk_str *l = col(rec, s->links), *url = &rec->f[TK_URL];
	struct tk_str line, href, title;
	size_t pos = 0;
	int own = 0, any = url->n > 0;

	while (l->n > 0 && export_next_line(l, &pos, &line)) {
		split_link(&line, &href, &title);
		any |= href.n > 0;
		own |= href.n == url->n && href.n > 0 &&
		    memcmp(href.p, url->p, url->n) == 0;
	}
	if (!any)
		return;
	puts_(x, "        <links>\n");
	if (url->n > 0 && !own)
		put_link(x, url, &rec->f[TK_TITLE], bad);
	for (pos = 0; l->n > 0 && export_next_line(l, &pos, &line);) {
		split_link(&line, &href, &title);
		if (href.n > 0)
			put_link(x, &href, &title, bad);
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
	char buf[80], num[32];
	size_t bad = 0;
	long long dur;
	struct tk_time lt;

	batch_record(s->b, i, &rec);
	snprintf(num, sizeof(num), "%lu", s->id[i]);
	puts_(x, "      <event id=\"");
	puts_(x, num);
	puts_(x, "\" guid=\"");
	if (col(&rec, s->guid)->n > 0 && !s->guid_rep[i]) {
		text(x, col(&rec, s->guid), &bad);
	} else {
		guid(s, &rec, s->id[i], buf, sizeof(buf));
		puts_(x, buf);
	}
	puts_(x, "\">\n");
	tk_time_from_epoch(batch_local(s->b, i, w->start, 1, buf,
	    sizeof(buf)), &lt);
	element_s(x, in, "date", buf);
	snprintf(buf, sizeof(buf), "%02d:%02d", lt.hour, lt.min);
	element_s(x, in, "start", buf);
	dur = w->has_end ? (w->end - w->start) / 60 : 0;
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
	if (col(&rec, s->slug)->n > 0 && !s->slug_rep[i]) {
		element(x, in, "slug", col(&rec, s->slug), &bad);
	} else {
		tk_buf_add(&b, s->acronym.p, s->acronym.n);
		tk_buf_adds(&b, "-");
		tk_buf_adds(&b, num);
		tk_buf_adds(&b, "-");
		tk_slug(&b, &rec.f[TK_TITLE], 60);
		element_s(x, in, "slug", b.p);
		tk_buf_free(&b);
	}
	element(x, in, "title", &rec.f[TK_TITLE], &bad);
	element(x, in, "subtitle", col(&rec, s->subtitle), &bad);
	element(x, in, "track", &rec.f[TK_TRACK], &bad);
	element(x, in, "type", rec.f[TK_TYPE].n ? &rec.f[TK_TYPE] : &talk,
	    &bad);
	if (col(&rec, s->language)->n > 0)
		element(x, in, "language", col(&rec, s->language), &bad);
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

/*
 * The conference day of talk i, as a day number: its local date, or the
 * day before for a talk that starts before --day-change.
 */
static long long
day_of(struct exporter *x, size_t i)
{
	struct frab *s = x->state;
	char buf[40];
	long long t = batch_local(s->b, i, batch_when(s->b, i)->start, 0,
	    buf, sizeof(buf)) - x->o->day_change;

	return (t - (((t % 86400) + 86400) % 86400)) / 86400;
}

/* Start, then input order. */
static int
by_time(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	long long x = batch_when(sort_state->b, i)->start;
	long long y = batch_when(sort_state->b, j)->start;

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

/* "2024-09-12" for day number d. */
static void
date_of(long long d, char *buf, size_t n)
{
	struct tk_time t;

	tk_time_from_epoch(d * 86400, &t);
	snprintf(buf, n, "%04d-%02d-%02d", t.year, t.mon, t.mday);
}

/*
 * Writes <day> with the talks order[from .. to), room by room: it starts
 * with the first talk and ends with the last end, both instants, so that
 * a day when the clocks change has its length.
 */
static void
day(struct exporter *x, const size_t *order, size_t from, size_t to,
    unsigned idx, const struct tk_str *room, size_t nroom)
{
	struct frab *s = x->state;
	char buf[64];
	size_t first = order[from], last = first, bad = 0;
	long long hi = batch_when(s->b, first)->start;

	for (size_t k = from; k < to; k++) {
		const struct tk_when *w = batch_when(s->b, order[k]);
		long long end = w->has_end ? w->end : w->start;
		if (end > hi) {
			hi = end;
			last = order[k];
		}
	}
	snprintf(buf, sizeof(buf), "  <day index=\"%u\" date=\"", idx);
	puts_(x, buf);
	date_of(day_of(x, first), buf, sizeof(buf));
	puts_(x, buf);
	puts_(x, "\" start=\"");
	batch_local(s->b, first, batch_when(s->b, first)->start, 1, buf,
	    sizeof(buf));
	puts_(x, buf);
	puts_(x, "\" end=\"");
	batch_local(s->b, last, hi, 1, buf, sizeof(buf));
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
		date_of(day_of(x, order[0]), buf, sizeof(buf));
		element_s(x, "    ", "start", buf);
		date_of(day_of(x, order[s->b->n - 1]), buf, sizeof(buf));
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
		if (i == 0 || day_of(x, order[i]) != day_of(x, order[i - 1]))
			ndays++;
	nroom = rooms(s, &room);
	puts_(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n");
	puts_(x, "  <version>talks " TK_VERSION "</version>\n");
	conference(x, order, ndays);
	ndays = 0;
	for (size_t i = 0; i < s->b->n; i = from) {
		for (from = i + 1; from < s->b->n &&
		    day_of(x, order[from]) == day_of(x, order[i]);)
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
	static const char *const ids[] = { "speaker ids", "person ids",
		"speaker id", "person id", NULL };
	struct frab *s;
	const char *title = x->o->conference ? x->o->conference : "Conference";
	struct tk_buf b = { 0 };

	s = tk_xcalloc(1, sizeof(*s));
	s->title.p = title;
	s->title.n = strlen(title);
	if (x->o->acronym) {
		s->acronym.p = x->o->acronym;
		s->acronym.n = strlen(x->o->acronym);
	} else {
		tk_buf_add(&b, "", 0);
		tk_slug(&b, &s->title, 40);
		s->acronym_buf = b.p;
		s->acronym.p = b.p;
		s->acronym.n = b.n;
	}
	s->guid = tk_find_col(x->c->r, "guid", 4);
	s->slug = tk_find_col(x->c->r, "slug", 4);
	s->subtitle = tk_find_col(x->c->r, "subtitle", 8);
	s->links = tk_find_col(x->c->r, "links", 5);
	s->language = tk_find_col(x->c->r, "language", 8);
	if (s->language < 0)
		s->language = tk_find_col(x->c->r, "lang", 4);
	s->person_ids = -1;
	for (size_t i = 0; ids[i] && s->person_ids < 0; i++)
		s->person_ids = tk_find_col(x->c->r, ids[i], strlen(ids[i]));
	x->state = s;
	return 0;
}

/* The schedule of the talks of b. */
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
	/* The schema wants each guid and slug once. */
	s->guid_rep = batch_repeats(b, s->guid, "guid");
	s->slug_rep = batch_repeats(b, s->slug, "slug");
	schedule(x);
	free(s->guid_rep);
	free(s->slug_rep);
	free(s->id);
	s->guid_rep = s->slug_rep = NULL;
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
