/*
 * frab_json.c - talks import --from frab-json: the schedule.json of
 * frab and pretalx (schedule.conference.days[].rooms{name: [event]}),
 * read as the XML is (frab.c): the same events, written in JSON.
 */
#include <stdio.h>
#include <string.h>

#include "frab.h"

/* The event members read into leading fields. */
static const struct {
	const char *key;
	enum lead to;
} leads[] = {
	{ "id", L_ID }, { "guid", L_GUID }, { "title", L_TITLE },
	{ "subtitle", L_SUBTITLE }, { "track", L_TRACK }, { "type", L_TYPE },
	{ "language", L_LANGUAGE }, { "abstract", L_ABSTRACT },
	{ "description", L_DESCRIPTION }, { "slug", L_SLUG },
	{ "url", L_URL }, { "room", L_ROOM },
};

#define NLEADS (sizeof(leads) / sizeof(leads[0]))

/* The first of the members named that is there, or NULL. */
static const json_t *
first(const json_t *o, const char *const *keys)
{
	const json_t *v;

	for (; *keys; keys++)
		if ((v = json_object_get(o, *keys)) && !json_is_null(v))
			return v;
	return NULL;
}

static const char *const id_keys[] = { "id", "code", "guid", NULL };
static const char *const name_keys[] = { "public_name", "name",
	"full_public_name", "full_name", NULL };

static int
among(const char *k, const char *const *keys)
{
	for (; *keys; keys++)
		if (strcmp(k, *keys) == 0)
			return 1;
	return 0;
}

static void
person(struct import *im, struct frab_event *fe, const json_t *v)
{
	struct tk_buf id = { 0 }, name = { 0 };
	struct person *p = NULL;
	const json_t *x;
	const char *k;

	tk_buf_add(&id, "", 0);
	tk_buf_add(&name, "", 0);
	if (json_is_object(v)) {
		if ((x = first(v, id_keys)) != NULL)
			json_put(&id, x);
		if ((x = first(v, name_keys)) != NULL)
			json_put(&name, x);
	} else {
		json_put(&name, v);
	}
	if (id.n > 0 || name.n > 0)
		p = people_add(&im->people, im->in->index, id.p, id.n, name.p,
		    name.n);
	if (p && json_is_object(v))
		json_object_foreach((json_t *)v, k, x) {
			if (strcmp(k, "biography") == 0) {
				if (json_is_string(x))
					person_set(p, P_BIO,
					    json_string_value(x),
					    json_string_length(x));
			} else if (!among(k, id_keys) && !among(k, name_keys))
				json_person_field(im, p, k, x);
		}
	speakers_add(im, &fe->sp, id.p, id.n, name.p, name.n, p);
	tk_buf_free(&id);
	tk_buf_free(&name);
}

static void
link(struct import *im, struct frab_event *fe, const json_t *v)
{
	struct tk_buf href = { 0 }, title = { 0 }, name = { 0 };
	const json_t *x;
	const char *k;

	tk_buf_add(&href, "", 0);
	tk_buf_add(&title, "", 0);
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, x) {
			if (strcmp(k, "url") == 0 || strcmp(k, "href") == 0) {
				json_put(&href, x);
			} else if (strcmp(k, "title") == 0) {
				json_put(&title, x);
			} else {
				name.n = 0;
				tk_buf_adds(&name, "links.");
				tk_buf_adds(&name, k);
				json_field(im, name.p, name.n, x);
			}
		}
		tk_buf_free(&name);
	} else {
		json_put(&href, v);
	}
	frab_link(fe, href.p, href.n, title.p, title.n);
	tk_buf_free(&href);
	tk_buf_free(&title);
}

/* Reads member k (value v) of an event; 0 when it is not one of the form's. */
static int
member(struct import *im, struct frab_event *fe, const char *k,
    const json_t *v, struct tk_buf *b)
{
	size_t i, j;
	const json_t *x;

	for (i = 0; i < NLEADS; i++)
		if (strcmp(k, leads[i].key) == 0) {
			b->n = 0;
			json_put(b, v);
			rec_lead(im, leads[i].to, b->p, b->n);
			return 1;
		}
	if (strcmp(k, "date") == 0 || strcmp(k, "start") == 0 ||
	    strcmp(k, "duration") == 0) {
		struct tk_buf *to = k[0] == 'd' && k[1] == 'a' ? &fe->date :
		    k[0] == 's' ? &fe->start : &fe->duration;
		to->n = 0;
		json_put(to, v);
		fe->has_date |= to == &fe->date;
		fe->has_start |= to == &fe->start;
		fe->has_duration |= to == &fe->duration;
		return 1;
	}
	if (strcmp(k, "persons") == 0 && json_is_array(v)) {
		json_array_foreach((json_t *)v, j, x)
			person(im, fe, x);
		return 1;
	}
	if (strcmp(k, "links") == 0 && json_is_array(v)) {
		json_array_foreach((json_t *)v, j, x)
			link(im, fe, x);
		return 1;
	}
	return 0;
}

static void
event(struct import *im, const struct frab_conf *cf,
    const struct frab_day *day, const char *room, const json_t *ev,
    struct frab_event *fe)
{
	struct tk_buf b = { 0 };
	const json_t *v;
	const char *k;

	frab_event_reset(fe);
	im->line = 0;
	tk_buf_add(&b, "", 0);
	if ((v = json_object_get(ev, "id")) != NULL)
		json_put(&b, v);
	snprintf(im->what, sizeof(im->what), "event %.*s", b.n ?
	    tk_cut(b.p, b.n, 60) : 10, b.n ? b.p : "without id");
	/* Before the links, which may come first: its own page is named so. */
	if ((v = json_object_get(ev, "title")) != NULL)
		json_put(&fe->title, v);
	json_object_foreach((json_t *)ev, k, v)
		if (!member(im, fe, k, v, &b))
			json_field(im, k, strlen(k), v);
	if (!rec_has(im, L_ROOM))
		rec_leads(im, L_ROOM, room);
	tk_buf_free(&b);
	frab_event_end(im, cf, day, fe);
}

/* The string member k of o, and its length; NULL if there is none. */
static const char *
string(const json_t *o, const char *k, size_t *n)
{
	const json_t *v = json_object_get(o, k);

	*n = json_is_string(v) ? json_string_length(v) : 0;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* What the conference says of times: its zone and its day change. */
static void
conference(struct import *im, const json_t *conf, struct frab_conf *cf)
{
	struct tk_time t;
	size_t n;
	const char *s;
	int scan = im->pass == PASS_SCAN;

	if ((s = string(conf, "time_zone_name", &n)) != NULL && n > 0) {
		if (frab_zone_ok(s))
			cf->tz = s;
		else if (scan)
			im_warn(im, "time_zone_name '%.*s' is not a zone of "
			    "the system: ignored", tk_cut(s, n, 40), s);
	}
	if ((s = string(conf, "day_change", &n)) != NULL) {
		if (clock_parse(s, n, &t) == 0)
			cf->day_change = t.hour * 3600L + t.min * 60L + t.sec;
		else if (scan)
			im_warn(im, "day_change '%.*s' is not HH:MM[:SS]: "
			    "ignored", tk_cut(s, n, 20), s);
	}
}

/* Reports, in the scan, that the document is not of the form's shape. */
static int
shape(struct import *im, const char *what)
{
	if (im->pass == PASS_SCAN)
		im_error(im, 0, 0, "%s", what);
	return -1;
}

static int
day(struct import *im, const struct frab_conf *cf, const json_t *d,
    size_t i, struct frab_event *fe)
{
	struct frab_day fd;
	const json_t *rooms = json_object_get(d, "rooms"), *evs, *ev;
	const char *date, *start, *room;
	size_t dn, sn, j;

	if (!json_is_object(d) || !json_is_object(rooms))
		return shape(im, "a day of schedule.conference.days without "
		    "an object of rooms");
	date = string(d, "date", &dn);
	start = string(d, "day_start", &sn);
	if (frab_day_set(&fd, date, dn, start, sn) < 0 &&
	    im->pass == PASS_EMIT)
		im_error(im, 0, 0, "day %zu: bad date or day_start", i + 1);
	json_object_foreach((json_t *)rooms, room, evs) {
		if (!json_is_array(evs))
			return shape(im, "a room of a day that is not a list "
			    "of events");
		json_array_foreach((json_t *)evs, j, ev) {
			if (!json_is_object(ev))
				return shape(im, "an event that is not an "
				    "object");
			event(im, cf, &fd, room, ev, fe);
		}
	}
	return 0;
}

int
read_frab_json(struct import *im, struct input *in, json_t *doc)
{
	const json_t *conf = json_object_get(json_object_get(doc, "schedule"),
	    "conference");
	const json_t *days = json_object_get(conf, "days"), *d;
	struct frab_conf cf = { 0, NULL };
	struct frab_event fe;
	int rc = 0;
	size_t i;

	(void)in;
	rec_form(im, FRAB_FILLS, "event");
	if (!json_is_array(days))
		return shape(im, "no list of days in schedule.conference");
	conference(im, conf, &cf);
	memset(&fe, 0, sizeof(fe));
	json_array_foreach((json_t *)days, i, d)
		if ((rc = day(im, &cf, d, i, &fe)) < 0)
			break;
	frab_event_free(&fe);
	return rc;
}
