/*
 * pretalx.c - talks import --from pretalx: a page of pretalx's REST API,
 * {"count", "next", "previous", "results": [submission]}, from its
 * submissions or talks endpoint.  Both shapes of the API are read: the
 * older one (slot, names as text or by language) and the newer one
 * (slots, and the linked resources as objects when asked for with
 * ?expand=, else by id).  A submission with several slots is one record
 * a slot.
 */
#include <stdio.h>
#include <string.h>

#include "import.h"

#define FILLS (1u << L_ID | 1u << L_TITLE | 1u << L_SPEAKER | \
	1u << L_SPEAKER_IDS | 1u << L_TRACK | 1u << L_TYPE | \
	1u << L_LANGUAGE | 1u << L_STATE | 1u << L_DESCRIPTION | \
	1u << L_ABSTRACT | 1u << L_ROOM | 1u << L_DAY | 1u << L_START | \
	1u << L_END | 1u << L_DURATION)

/* What the records of one file share. */
struct px {
	struct import *im;
	struct claims questions;
	struct tk_buf b;
	struct speakers sp;
	unsigned by_id;           /* members given by id only, warned */
};

/* Members whose resources the API gives by id unless expanded. */
enum { X_SPEAKERS = 1, X_TYPE = 2, X_TRACK = 4, X_SLOTS = 8, X_TAGS = 16,
	X_ROOM = 32, X_QUESTION = 64 };

static void
by_id(struct px *x, unsigned what, const char *member)
{
	if ((x->by_id & what) || x->im->pass != PASS_EMIT)
		return;
	x->by_id |= what;
	im_warn(x->im, "%s given by id only (the API expands them with "
	    "?expand=%s)", member, member);
}

/* Writes v under the name of member followed by " id". */
static void
id_field(struct px *x, const char *member, const json_t *v)
{
	struct tk_buf name = { 0 };

	tk_buf_adds(&name, member);
	tk_buf_adds(&name, " id");
	x->b.n = 0;
	json_put(&x->b, v);
	rec_field(x->im, name.p, name.n, x->b.p, x->b.n);
	tk_buf_free(&name);
}

/*
 * A name: text, text by language, or a linked object with a name.  A
 * resource given by id is written under "member id".
 */
static void
name(struct px *x, enum lead f, const char *member, unsigned what,
    const json_t *v)
{
	const char *s = json_i18n(v);

	if (json_is_integer(v)) {
		by_id(x, what, member);
		id_field(x, member, v);
		rec_lead(x->im, f, "", 0);
	} else if (s) {
		rec_leads(x->im, f, s);
	} else {
		/* null, or a shape of no name: nothing is lost. */
		if (!json_is_null(v))
			json_field(x->im, member, strlen(member), v);
		rec_lead(x->im, f, "", 0);
	}
}

static void
speaker(struct px *x, const json_t *v)
{
	struct import *im = x->im;
	const json_t *code = json_object_get(v, "code");
	const json_t *nm = json_object_get(v, "name"), *m;
	struct tk_buf id = { 0 };
	const char *k, *n = json_is_string(nm) ? json_string_value(nm) : "";
	struct person *p;

	tk_buf_add(&id, "", 0);
	if (!json_is_object(v)) {
		/* A code: named if the file names them elsewhere. */
		json_put(&id, v);
		p = people_find(&im->people, im->in->index, id.p, id.n);
		if (p == NULL)
			by_id(x, X_SPEAKERS, "speakers");
		speakers_add(im, &x->sp, id.p, id.n, p ? p->f[P_NAME].p : "",
		    p ? p->f[P_NAME].n : 0, p);
		tk_buf_free(&id);
		return;
	}
	if (code)
		json_put(&id, code);
	p = people_add(&im->people, im->in->index, id.p, id.n, n, strlen(n));
	json_object_foreach((json_t *)v, k, m) {
		if (strcmp(k, "code") == 0 || strcmp(k, "name") == 0)
			continue;
		if (strcmp(k, "biography") == 0 || strcmp(k, "email") == 0) {
			if (json_is_string(m))
				person_set(p, k[0] == 'b' ? P_BIO : P_EMAIL,
				    json_string_value(m),
				    json_string_length(m));
		} else
			json_person_field(im, p, k, m);
	}
	speakers_add(im, &x->sp, id.p, id.n, n, strlen(n), p);
	tk_buf_free(&id);
}

/* Tags: text, objects with a tag, or ids; joined as categories are. */
static void
tags(struct px *x, const json_t *v)
{
	const json_t *t;
	size_t i;

	x->b.n = 0;
	json_array_foreach((json_t *)v, i, t) {
		const json_t *tag = json_object_get(t, "tag");
		if (i > 0)
			tk_buf_add(&x->b, "; ", 2);
		if (json_is_integer(t))
			by_id(x, X_TAGS, "tags");
		json_put(&x->b, tag ? tag : t);
	}
	rec_lead(x->im, L_TAGS, x->b.p, x->b.n);
}

/* Answers to questions: each under the question's text. */
static void
answers(struct px *x, const json_t *v)
{
	const json_t *a, *q, *text;
	struct tk_buf name = { 0 };
	size_t i;

	json_array_foreach((json_t *)v, i, a) {
		if (!json_is_object(a)) {
			json_field(x->im, "answers", 7, v);
			break;
		}
		q = json_object_get(a, "question");
		text = json_object_get(q, "question");
		name.n = 0;
		if (json_i18n(text)) {
			tk_buf_adds(&name, json_i18n(text));
		} else {
			if (json_is_integer(q))
				by_id(x, X_QUESTION, "answers.question");
			tk_buf_adds(&name, "question ");
			json_put(&name, json_is_object(q) ?
			    json_object_get(q, "id") : q);
		}
		x->b.n = 0;
		json_put(&x->b, json_object_get(a, "answer"));
		rec_named(x->im, &x->questions, name.p, name.n, x->b.p, x->b.n);
	}
	tk_buf_free(&name);
}

static void
slot(struct px *x, const json_t *slot)
{
	struct stamp st, en;
	const struct stamp *s, *e;
	const json_t *m;
	const char *k;

	if (slot == NULL)
		return;
	s = json_stamp(x->im, slot, "start", L_START, &st);
	e = json_stamp(x->im, slot, "end", L_END, &en);
	rec_times(x->im, NULL, s, e, 0);
	json_object_foreach((json_t *)slot, k, m) {
		if (strcmp(k, "room") == 0) {
			name(x, L_ROOM, "slot.room", X_ROOM, m);
		} else if (strcmp(k, "start") != 0 && strcmp(k, "end") != 0) {
			x->b.n = 0;
			tk_buf_adds(&x->b, "slot.");
			tk_buf_adds(&x->b, k);
			json_field(x->im, x->b.p, x->b.n, m);
		}
	}
}

/* Member k (value v) of a submission; 0 when the form does not know it. */
static int
member(struct px *x, const char *k, const json_t *v)
{
	static const struct {
		const char *key;
		enum lead to;
	} text[] = {
		{ "code", L_ID }, { "title", L_TITLE }, { "state", L_STATE },
		{ "abstract", L_ABSTRACT }, { "description", L_DESCRIPTION },
		{ "content_locale", L_LANGUAGE },
	};
	size_t i;
	const json_t *m;

	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (strcmp(k, text[i].key) == 0) {
			x->b.n = 0;
			if (json_is_object(v) && json_i18n(v))
				tk_buf_adds(&x->b, json_i18n(v));
			else
				json_put(&x->b, v);
			rec_lead(x->im, text[i].to, x->b.p, x->b.n);
			return 1;
		}
	if (strcmp(k, "speakers") == 0 && json_is_array(v)) {
		json_array_foreach((json_t *)v, i, m)
			speaker(x, m);
		speakers_put(x->im, &x->sp);
	} else if (strcmp(k, "submission_type") == 0) {
		name(x, L_TYPE, k, X_TYPE, v);
	} else if (strcmp(k, "track") == 0) {
		name(x, L_TRACK, k, X_TRACK, v);
	} else if (strcmp(k, "tags") == 0 && json_is_array(v)) {
		tags(x, v);
	} else if (strcmp(k, "answers") == 0 && json_is_array(v)) {
		answers(x, v);
	} else if (strcmp(k, "slot") == 0 || strcmp(k, "duration") == 0) {
		/* Read with the slot, and after it. */
	} else {
		return 0;
	}
	return 1;
}

/* One record of submission s, in slot sl (NULL: none). */
static void
record(struct px *x, const json_t *s, const json_t *sl)
{
	const json_t *v, *dur = json_object_get(s, "duration");
	const char *k;

	json_object_foreach((json_t *)s, k, v) {
		if (strcmp(k, "slots") == 0 && json_is_array(v) &&
		    (json_array_size(v) == 0 ||
		    json_is_object(json_array_get(v, 0))))
			continue;
		if (strcmp(k, "slots") == 0 && json_is_array(v))
			by_id(x, X_SLOTS, "slots");
		if (!member(x, k, v))
			json_field(x->im, k, strlen(k), v);
	}
	slot(x, sl);
	if (!rec_has(x->im, L_DURATION) && dur && !json_is_null(dur)) {
		x->b.n = 0;
		json_put(&x->b, dur);
		rec_lead(x->im, L_DURATION, x->b.p, x->b.n);
	}
	rec_end(x->im);
}

static void
submission(struct px *x, const json_t *s)
{
	const json_t *slots = json_object_get(s, "slots"), *sl;
	const json_t *code = json_object_get(s, "code");
	const char *c = json_is_string(code) ? json_string_value(code) : "?";
	size_t i, n = 0;

	x->im->line = 0;
	snprintf(x->im->what, sizeof(x->im->what), "submission %.*s",
	    tk_cut(c, strlen(c), 60), c);
	if (json_is_array(slots))
		json_array_foreach((json_t *)slots, i, sl)
			if (json_is_object(sl)) {
				record(x, s, sl);
				n++;
			}
	if (n == 0) {
		sl = json_object_get(s, "slot");
		record(x, s, json_is_object(sl) ? sl : NULL);
	}
}

int
read_pretalx(struct import *im, struct input *in, json_t *doc)
{
	const json_t *results = json_object_get(doc, "results"), *s;
	const json_t *next = json_object_get(doc, "next");
	struct px x;
	size_t i;
	int rc = 0;

	(void)in;
	memset(&x, 0, sizeof(x));
	x.im = im;
	tk_buf_add(&x.b, "", 0);
	rec_form(im, FILLS, "submission");
	if (json_is_string(next) && json_string_length(next) > 0 &&
	    im->pass == PASS_SCAN)
		im_warn(im, "one page of the results: the next is at %.*s",
		    tk_cut(json_string_value(next), json_string_length(next),
		    200), json_string_value(next));
	json_array_foreach((json_t *)results, i, s) {
		if (!json_is_object(s)) {
			if (im->pass == PASS_SCAN)
				im_error(im, 0, 0, "result %zu is not an "
				    "object", i + 1);
			rc = -1;
			break;
		}
		submission(&x, s);
	}
	claims_free(&x.questions);
	speakers_free(&x.sp);
	tk_buf_free(&x.b);
	return rc;
}
