/*
 * frab_xml.c - talks import --from frab: the schedule.xml of frab,
 * pretalx and FOSDEM, streamed through expat.
 *
 * Only one event is held at a time (with the conference's day change
 * and zone, and the people the file lists with their bios), so a file
 * of any length takes little memory.  The elements of an event that the
 * form does not know are written under their paths from the event
 * (recording.license), one line for each time they occur.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <expat.h>

#include "frab.h"

#define CHUNK ((size_t)64 << 10)

/* What an element is, from where it is. */
enum ctx {
	C_OTHER,       /* read past */
	C_ROOT, C_CONF, C_CONF_LEAF,
	C_PEOPLE, C_PERSON, C_PERSON_LEAF,  /* the people the file lists */
	C_DAY, C_ROOM, C_EVENT,
	C_FIELD,       /* an element of an event that the form knows */
	C_PERSONS, C_EPERSON, C_LINKS, C_LINK,
	C_GENERIC,     /* an element of an event that it does not know */
	C_INNER        /* inside a field: its text belongs to the field */
};

struct frame {
	enum ctx ctx;
	int field;     /* C_FIELD: its index in known[] */
	size_t text;   /* where its text starts in xr->text */
	size_t path;   /* C_GENERIC: the length of the path before it */
	int children;  /* it has child elements */
};

/* The elements of an event that the form reads itself. */
enum { F_DATE = NLEAD, F_START, F_DURATION };

static const struct {
	const char *name;
	int to;        /* a leading field, or F_* */
} known[] = {
	{ "title", L_TITLE }, { "subtitle", L_SUBTITLE },
	{ "track", L_TRACK }, { "type", L_TYPE }, { "language", L_LANGUAGE },
	{ "abstract", L_ABSTRACT }, { "description", L_DESCRIPTION },
	{ "slug", L_SLUG }, { "url", L_URL }, { "room", L_ROOM },
	{ "date", F_DATE }, { "start", F_START }, { "duration", F_DURATION },
};

#define NKNOWN (sizeof(known) / sizeof(known[0]))

/* A field of a person of the list, kept until the person ends. */
struct kv {
	struct tk_buf k, v;
};

struct xr {
	struct import *im;
	struct input *in;
	XML_Parser p;
	struct frame *st;
	size_t depth, cap;
	struct tk_buf text;       /* the text being gathered */
	struct tk_buf path;       /* C_GENERIC: the path from the event */
	struct frab_conf conf;
	struct tk_buf tz;
	struct frab_day day;
	struct tk_buf room;       /* the room the event is listed under */
	int has_room;             /* the event names its room itself */
	struct frab_event fe;
	XML_Index event_at;       /* where the event starts in the file */
	int too_large;            /* the event is larger than im->max */
	struct tk_buf id;         /* of the person or the href of the link */
	struct kv *kv;            /* the fields of a person of the list */
	size_t nkv, kvcap;
	int bios;                 /* a person of the list has a bio */
	int stopped;              /* the parser was stopped after an error */
};

static int
is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static const char *
attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (is(atts[i], name))
			return atts[i + 1];
	return NULL;
}

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Drops blanks and line breaks around s (*n bytes); returns the start. */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && space(s[0]))
		s++, (*n)--;
	while (*n > 0 && space(s[*n - 1]))
		(*n)--;
	return s;
}

/* Whether s is white space over several lines: an empty list. */
static int
empty_list(const char *s, size_t n)
{
	size_t k = n;

	trim(s, &k);
	return k == 0 && memchr(s, '\n', n) != NULL;
}

static unsigned long
line(const struct xr *x)
{
	return (unsigned long)XML_GetCurrentLineNumber(x->p);
}

static unsigned long
column(const struct xr *x)
{
	return (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1;
}

/*
 * Whether the event, up to where the parser is and n bytes more, is
 * within the limit; past it, nothing more of it is kept.
 */
static int
room_for(struct xr *x, size_t n)
{
	XML_Index at = XML_GetCurrentByteIndex(x->p);

	if (at - x->event_at + (XML_Index)n > (XML_Index)x->im->max)
		x->too_large = 1;
	return !x->too_large;
}

/* Writes the other attributes of an element of an event as fields. */
static void
attrs_as_fields(struct xr *x, const char *prefix, const char **atts,
    const char *skip1, const char *skip2)
{
	struct tk_buf b = { 0 };

	for (size_t i = 0; atts[i]; i += 2) {
		if ((skip1 && is(atts[i], skip1)) ||
		    (skip2 && is(atts[i], skip2)))
			continue;
		b.n = 0;
		if (prefix) {
			tk_buf_adds(&b, prefix);
			tk_buf_addc(&b, '.');
		}
		tk_buf_adds(&b, atts[i]);
		if (room_for(x, strlen(atts[i + 1])))
			rec_field(x->im, b.p, b.n, atts[i + 1],
			    strlen(atts[i + 1]));
	}
	tk_buf_free(&b);
}

/* A day: its date, and its start for the offset of its events. */
static void
start_day(struct xr *x, const char **atts)
{
	const char *date = attr(atts, "date"), *start = attr(atts, "start");

	if (frab_day_set(&x->day, date, date ? strlen(date) : 0, start,
	    start ? strlen(start) : 0) < 0 && x->im->pass == PASS_EMIT)
		im_error(x->im, line(x), column(x), "bad date or start of a "
		    "day");
}

static void
start_event(struct xr *x, const char **atts)
{
	const char *id = attr(atts, "id"), *guid = attr(atts, "guid");

	frab_event_reset(&x->fe);
	x->im->line = line(x);
	x->has_room = 0;
	x->event_at = XML_GetCurrentByteIndex(x->p);
	x->too_large = 0;
	snprintf(x->im->what, sizeof(x->im->what), "event %.*s",
	    id ? tk_cut(id, strlen(id), 60) : 10, id ? id : "without id");
	if (id)
		rec_leads(x->im, L_ID, id);
	if (guid)
		rec_leads(x->im, L_GUID, guid);
	attrs_as_fields(x, NULL, atts, "id", "guid");
}

/* An element inside an event, whose parent is f. */
static enum ctx
event_child(struct xr *x, struct frame *f, const char *name,
    const char **atts)
{
	const char *id;

	switch (f->ctx) {
	case C_EVENT:
		for (size_t i = 0; i < NKNOWN; i++)
			if (is(name, known[i].name)) {
				f[1].field = (int)i;
				attrs_as_fields(x, name, atts, NULL, NULL);
				return C_FIELD;
			}
		if (is(name, "persons"))
			return C_PERSONS;
		if (is(name, "links"))
			return C_LINKS;
		f[1].path = 0;
		x->path.n = 0;
		tk_buf_adds(&x->path, name);
		attrs_as_fields(x, x->path.p, atts, NULL, NULL);
		return C_GENERIC;
	case C_PERSONS:
	case C_LINKS:
		id = attr(atts, f->ctx == C_PERSONS ? "id" : "href");
		x->id.n = 0;
		tk_buf_adds(&x->id, id ? id : "");
		if (f->ctx == C_PERSONS && is(name, "person")) {
			attrs_as_fields(x, "persons.person", atts, "id", NULL);
			return C_EPERSON;
		}
		if (f->ctx == C_LINKS && is(name, "link")) {
			attrs_as_fields(x, "links.link", atts, "href", NULL);
			return C_LINK;
		}
		return C_OTHER;
	case C_GENERIC:
		f[1].path = x->path.n;
		tk_buf_addc(&x->path, '.');
		tk_buf_adds(&x->path, name);
		attrs_as_fields(x, x->path.p, atts, NULL, NULL);
		return C_GENERIC;
	default:
		return C_INNER;
	}
}

static void XMLCALL
on_start(void *ud, const char *name, const char **atts)
{
	struct xr *x = ud;
	struct frame *f;

	TK_GROW(x->st, x->cap, x->depth + 2);
	f = &x->st[x->depth];       /* the parent (st[0] is a sentinel) */
	f->children = 1;
	f[1].text = x->text.n;
	f[1].children = 0;
	f[1].field = -1;
	x->depth++;
	switch (f->ctx) {
	case C_OTHER:
		if (x->depth > 1) {
			f[1].ctx = C_OTHER;
			break;
		}
		if (!is(name, "schedule")) {
			im_error(x->im, line(x), column(x), "root element "
			    "'%s', not 'schedule': not a frab schedule", name);
			x->stopped = 1;
			XML_StopParser(x->p, XML_FALSE);
		}
		f[1].ctx = C_ROOT;
		break;
	case C_ROOT:
		f[1].ctx = is(name, "conference") ? C_CONF :
		    is(name, "persons") ? C_PEOPLE :
		    is(name, "day") ? C_DAY : C_OTHER;
		if (f[1].ctx == C_DAY)
			start_day(x, atts);
		break;
	case C_CONF:
		f[1].ctx = C_CONF_LEAF;
		break;
	case C_PEOPLE:
		f[1].ctx = is(name, "person") ? C_PERSON : C_OTHER;
		x->nkv = 0;
		x->id.n = 0;
		tk_buf_adds(&x->id, attr(atts, "id") ? attr(atts, "id") : "");
		break;
	case C_PERSON:
		f[1].ctx = C_PERSON_LEAF;
		break;
	case C_DAY:
		/* An event straight in its day names its room itself. */
		f[1].ctx = is(name, "room") ? C_ROOM :
		    is(name, "event") ? C_EVENT : C_OTHER;
		x->room.n = 0;
		tk_buf_adds(&x->room, attr(atts, "name") && f[1].ctx == C_ROOM ?
		    attr(atts, "name") : "");
		if (f[1].ctx == C_EVENT)
			start_event(x, atts);
		break;
	case C_ROOM:
		f[1].ctx = is(name, "event") ? C_EVENT : C_OTHER;
		if (f[1].ctx == C_EVENT)
			start_event(x, atts);
		break;
	case C_EVENT: case C_PERSONS: case C_LINKS: case C_GENERIC:
	case C_FIELD: case C_EPERSON: case C_LINK: case C_INNER:
		f[1].ctx = event_child(x, f, name, atts);
		break;
	default:
		f[1].ctx = C_OTHER;
		break;
	}
}

static int
collects(enum ctx c)
{
	return c == C_CONF_LEAF || c == C_PERSON || c == C_PERSON_LEAF ||
	    c >= C_FIELD;
}

static void XMLCALL
on_text(void *ud, const char *s, int n)
{
	struct xr *x = ud;
	enum ctx c = x->st[x->depth].ctx;

	if (!collects(c))
		return;
	if (c >= C_FIELD && !room_for(x, (size_t)n))
		return;
	tk_buf_add(&x->text, s, (size_t)n);
}

static void
end_conf(struct xr *x, const char *name, const char *s, size_t n)
{
	struct tk_time t;
	int scan = x->im->pass == PASS_SCAN;

	s = trim(s, &n);
	if (is(name, "day_change")) {
		if (clock_parse(s, n, &t) == 0)
			x->conf.day_change = t.hour * 3600L + t.min * 60L +
			    t.sec;
		else if (scan)
			im_warn(x->im, "day_change '%.*s' is not HH:MM[:SS]: "
			    "ignored", tk_cut(s, n, 20), s);
	} else if (is(name, "time_zone_name") && n > 0) {
		x->tz.n = 0;
		tk_buf_add(&x->tz, s, n);
		x->conf.tz = NULL;
		if (frab_zone_ok(x->tz.p))
			x->conf.tz = x->tz.p;
		else if (scan)
			im_warn(x->im, "time_zone_name '%.*s' is not a zone of "
			    "the system: ignored", tk_cut(s, n, 40), s);
	}
}

static void
add_kv(struct xr *x, const char *k, const char *v, size_t n)
{
	struct kv *p;

	if (x->nkv == x->kvcap) {
		TK_GROW(x->kv, x->kvcap, x->nkv + 1);
		memset(x->kv + x->nkv, 0, (x->kvcap - x->nkv) * sizeof(*x->kv));
	}
	p = &x->kv[x->nkv++];
	p->k.n = p->v.n = 0;
	tk_buf_adds(&p->k, k);
	tk_buf_add(&p->v, v, n);
}

/* A person of the file's list: kept with their bio and other fields. */
static void
end_person(struct xr *x, const char *s, size_t n)
{
	const char *name = trim(s, &n);
	struct person *p;

	for (size_t i = 0; i < x->nkv; i++)
		if (is(x->kv[i].k.p, "name")) {
			n = x->kv[i].v.n;
			name = trim(x->kv[i].v.p, &n);
		}
	if (n == 0 && x->id.n == 0)
		return;
	p = people_add(&x->im->people, x->in->index, x->id.p, x->id.n, name,
	    n);
	for (size_t i = 0; i < x->nkv; i++) {
		const struct kv *kv = &x->kv[i];
		if (is(kv->k.p, "name"))
			continue;
		if (is(kv->k.p, "biography")) {
			person_set(p, P_BIO, kv->v.p, kv->v.n);
			x->bios |= kv->v.n > 0;
		} else {
			person_extra(&x->im->people, p, kv->k.p, kv->k.n,
			    kv->v.p, kv->v.n);
		}
	}
}

static void
end_field(struct xr *x, int i, const char *s, size_t n)
{
	struct tk_buf *b = NULL;

	switch (known[i].to) {
	case F_DATE: b = &x->fe.date; x->fe.has_date = 1; break;
	case F_START: b = &x->fe.start; x->fe.has_start = 1; break;
	case F_DURATION: b = &x->fe.duration; x->fe.has_duration = 1; break;
	default:
		rec_lead(x->im, (enum lead)known[i].to, s, n);
		if (known[i].to == L_TITLE) {
			x->fe.title.n = 0;
			tk_buf_add(&x->fe.title, s, n);
		}
		x->has_room |= known[i].to == L_ROOM;
		return;
	}
	b->n = 0;
	s = trim(s, &n);
	tk_buf_add(b, s, n);
}

static void
end_event(struct xr *x)
{
	if (!x->has_room && x->room.n > 0)
		rec_lead(x->im, L_ROOM, x->room.p, x->room.n);
	if (x->too_large || !room_for(x, 0)) {
		rec_bad(x->im, "larger than %zu bytes (see TALKS_MAX_RECORD); "
		    "not written", x->im->max);
		speakers_put(x->im, &x->fe.sp);
		rec_drop(x->im);
		return;
	}
	frab_event_end(x->im, &x->conf, &x->day, &x->fe);
}

static void XMLCALL
on_end(void *ud, const char *name)
{
	struct xr *x = ud;
	struct frame *f = &x->st[x->depth];
	const char *s = x->text.p + f->text;
	size_t n = x->text.n - f->text;
	struct person *p;

	switch (f->ctx) {
	case C_CONF_LEAF:
		end_conf(x, name, s, n);
		break;
	case C_PERSON_LEAF:
		add_kv(x, name, s, n);
		break;
	case C_PERSON:
		end_person(x, s, n);
		break;
	case C_FIELD:
		end_field(x, f->field, s, n);
		break;
	case C_EPERSON:
		s = trim(s, &n);
		p = NULL;
		if (n > 0 || x->id.n > 0)
			p = people_add(&x->im->people, x->in->index, x->id.p,
			    x->id.n, s, n);
		speakers_add(x->im, &x->fe.sp, x->id.p, x->id.n, s, n, p);
		break;
	case C_LINK:
		s = trim(s, &n);
		frab_link(&x->fe, x->id.p, x->id.n, s, n);
		break;
	case C_GENERIC:
		if (!f->children && !empty_list(s, n))
			rec_field(x->im, x->path.p, x->path.n, s, n);
		x->path.n = f->path;
		x->path.p[f->path] = '\0';
		break;
	case C_EVENT:
		end_event(x);
		break;
	case C_DAY:
		memset(&x->day, 0, sizeof(x->day));
		break;
	case C_ROOM:
		x->room.n = 0;
		break;
	default:
		break;
	}
	/* Text inside a field is the field's; the rest is done with. */
	if (f->ctx != C_INNER)
		x->text.n = f->text;
	x->depth--;
}

static void
xr_free(struct xr *x)
{
	if (x->p)
		XML_ParserFree(x->p);
	free(x->st);
	tk_buf_free(&x->text);
	tk_buf_free(&x->path);
	tk_buf_free(&x->tz);
	tk_buf_free(&x->room);
	tk_buf_free(&x->id);
	frab_event_free(&x->fe);
	for (size_t i = 0; i < x->kvcap; i++) {
		tk_buf_free(&x->kv[i].k);
		tk_buf_free(&x->kv[i].v);
	}
	free(x->kv);
}

/* Feeds the file to the parser; 0, or -1 after reporting. */
static int
parse(struct xr *x, int fd)
{
	for (;;) {
		void *buf = XML_GetBuffer(x->p, (int)CHUNK);
		ssize_t n;
		if (buf == NULL)
			no_memory();
		do
			n = read(fd, buf, CHUNK);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			im_error(x->im, 0, 0, "read error: %s",
			    strerror(errno));
			return -1;
		}
		if (XML_ParseBuffer(x->p, (int)n, n == 0) != XML_STATUS_OK) {
			if (!x->stopped)
				im_error(x->im, line(x), column(x), "%s",
				    XML_ErrorString(XML_GetErrorCode(x->p)));
			return -1;
		}
		if (n == 0)
			return 0;
	}
}

int
read_frab_xml(struct import *im, struct input *in)
{
	struct xr x;
	int rc;

	memset(&x, 0, sizeof(x));
	x.im = im;
	x.in = in;
	x.p = XML_ParserCreate(NULL);
	if (x.p == NULL)
		no_memory();
	x.cap = 32;
	x.st = tk_xcalloc(x.cap, sizeof(*x.st));
	tk_buf_add(&x.text, "", 0);
	tk_buf_add(&x.path, "", 0);
	tk_buf_add(&x.id, "", 0);
	tk_buf_add(&x.room, "", 0);
	XML_SetUserData(x.p, &x);
	XML_SetElementHandler(x.p, on_start, on_end);
	XML_SetCharacterDataHandler(x.p, on_text);
	rec_form(im, FRAB_FILLS, "event");
	rc = parse(&x, in->fd);
	/* The bios of the people listed go with their talks. */
	if (rc == 0 && x.bios && im->pass == PASS_SCAN)
		rec_lead(im, L_BIO, "", 0);
	xr_free(&x);
	return rc;
}

/* ------------------------------------------------------------ sniffing */

static void XMLCALL
root_start(void *ud, const char *name, const char **atts)
{
	int *is_schedule = XML_GetUserData(ud);

	(void)atts;
	*is_schedule = is(name, "schedule");
	XML_StopParser(ud, XML_FALSE);
}

int
frab_xml_root(const char *p, size_t n)
{
	XML_Parser x = XML_ParserCreate(NULL);
	int is_schedule = 0;

	if (x == NULL)
		no_memory();
	XML_SetUserData(x, &is_schedule);
	XML_UseParserAsHandlerArg(x);
	XML_SetStartElementHandler(x, root_start);
	XML_Parse(x, p, (int)(n > (1 << 20) ? 1 << 20 : n), 0);
	XML_ParserFree(x);
	return is_schedule;
}
