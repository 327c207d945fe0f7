/*
 * sessionize.c - talks import --from sessionize: the "All" JSON of
 * Sessionize's API, {"sessions", "speakers", "questions", "categories",
 * "rooms"}: each session joined with its speakers, its room, its
 * categories and its answers by name.
 */
#include <stdio.h>
#include <string.h>

#include "import.h"

#define FILLS (1u << L_ID | 1u << L_TITLE | 1u << L_SPEAKER | \
	1u << L_SPEAKER_IDS | 1u << L_DESCRIPTION | 1u << L_ROOM | \
	1u << L_DAY | 1u << L_START | 1u << L_END | 1u << L_DURATION)

struct sz {
	struct import *im;
	const json_t *rooms, *cats, *questions;
	struct strmap room;       /* room id -> index in rooms */
	struct strmap item;       /* category item id -> index in cats */
	struct strmap question;   /* question id -> index in questions */
	struct claims named;      /* category titles and questions */
	struct tk_buf b, key;
	struct speakers sp;
};

/* Puts the text of v in x->key, for the maps. */
static void
key_of(struct sz *x, const json_t *v)
{
	x->key.n = 0;
	json_put(&x->key, v);
	x->key.p[x->key.n] = '\0';
}

/* Maps the member "id" of each object of list to its index. */
static void
index_ids(struct sz *x, struct strmap *m, const json_t *list)
{
	const json_t *o;
	size_t i;

	json_array_foreach((json_t *)list, i, o) {
		key_of(x, json_object_get(o, "id"));
		if (x->key.n > 0 && strmap_get(m, x->key.p, x->key.n) < 0)
			strmap_put(m, x->key.p, x->key.n, i);
	}
}

static const char *
text(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : "";
}

/* The speaker's link list, one line each: url, a space, its title. */
static void
links(struct tk_buf *b, const json_t *v)
{
	const json_t *l;
	size_t i;

	b->n = 0;
	json_array_foreach((json_t *)v, i, l) {
		if (i > 0)
			tk_buf_addc(b, '\n');
		tk_buf_adds(b, text(l, "url"));
		if (*text(l, "title")) {
			tk_buf_addc(b, ' ');
			tk_buf_adds(b, text(l, "title"));
		}
	}
}

/* A named field of a speaker: its company, or one under its name. */
static void
speaker_named(struct sz *x, struct person *p, const char *name,
    const char *s, size_t n)
{
	if (tk_canon_find(name, strlen(name)) == TK_AFFILIATION)
		person_set(p, P_COMPANY, s, n);
	else
		person_extra(&x->im->people, p, name, strlen(name), s, n);
}

/* Writes a named field of speaker p, or of the session when p is NULL. */
static void
put_named(struct sz *x, struct person *p, const char *name, const char *s,
    size_t n)
{
	if (p)
		speaker_named(x, p, name, s, n);
	else
		rec_named(x->im, &x->named, name, strlen(name), s, n);
}

/* Whether the id of object m is the text in x->key. */
static int
same_id(struct sz *x, const json_t *m)
{
	struct tk_buf b = { 0 };
	int same;

	tk_buf_add(&b, "", 0);
	json_put(&b, json_object_get(m, "id"));
	same = b.n == x->key.n && memcmp(b.p, x->key.p, b.n) == 0;
	tk_buf_free(&b);
	return same;
}

/*
 * The category items of o (a speaker p, or the session), by category:
 * their names joined by "; " under its title.  Items of no category are
 * kept under "categoryItems", with a warning.
 */
static void
categories(struct sz *x, const json_t *o, struct person *p)
{
	const json_t *items = json_object_get(o, "categoryItems"), *c, *it, *m;
	struct tk_buf vals = { 0 }, lost = { 0 };
	size_t i, j, k, n, nlost = 0;

	tk_buf_add(&vals, "", 0);
	tk_buf_add(&lost, "", 0);
	json_array_foreach((json_t *)items, j, it) {
		key_of(x, it);
		if (strmap_get(&x->item, x->key.p, x->key.n) >= 0)
			continue;
		if (nlost++ > 0)
			tk_buf_addc(&lost, '\n');
		tk_buf_add(&lost, x->key.p, x->key.n);
	}
	json_array_foreach((json_t *)x->cats, i, c) {
		vals.n = n = 0;
		json_array_foreach((json_t *)items, j, it) {
			key_of(x, it);
			if (strmap_get(&x->item, x->key.p, x->key.n) != (long)i)
				continue;
			json_array_foreach(json_object_get(c, "items"), k, m)
				if (same_id(x, m))
					list_add(&vals, &n, text(m, "name"),
					    strlen(text(m, "name")));
		}
		if (n > 0)
			put_named(x, p, text(c, "title"), vals.p, vals.n);
	}
	if (nlost > 0 && p) {
		person_extra(&x->im->people, p, "categoryItems", 13, lost.p,
		    lost.n);
	} else if (nlost > 0) {
		rec_warn(x->im, "category items not in the categories, kept "
		    "as categoryItems: %.*s", tk_cut(lost.p, lost.n, 60),
		    lost.p);
		rec_field(x->im, "categoryItems", 13, lost.p, lost.n);
	}
	tk_buf_free(&vals);
	tk_buf_free(&lost);
}

/* The answers of o: each under its question, or "question ID". */
static void
answers(struct sz *x, const json_t *o, struct person *p)
{
	const json_t *qa = json_object_get(o, "questionAnswers"), *a;
	struct tk_buf name = { 0 }, val = { 0 };
	size_t i;

	json_array_foreach((json_t *)qa, i, a) {
		const char *q = NULL;
		long at;
		key_of(x, json_object_get(a, "questionId"));
		at = strmap_get(&x->question, x->key.p, x->key.n);
		if (at >= 0)
			q = text(json_array_get(x->questions, (size_t)at),
			    "question");
		name.n = 0;
		if (q && *q) {
			tk_buf_adds(&name, q);
		} else {
			tk_buf_adds(&name, "question ");
			tk_buf_add(&name, x->key.p, x->key.n);
		}
		val.n = 0;
		tk_buf_add(&val, "", 0);
		json_put(&val, json_object_get(a, "answerValue"));
		put_named(x, p, name.p, val.p, val.n);
	}
	tk_buf_free(&name);
	tk_buf_free(&val);
}

/* The speakers of the file, as people. */
static void
people(struct sz *x, const json_t *speakers)
{
	const json_t *s, *v;
	const char *k;
	size_t i;

	json_array_foreach((json_t *)speakers, i, s) {
		const char *name = text(s, "fullName");
		struct person *p;
		key_of(x, json_object_get(s, "id"));
		if (*name == '\0') {
			x->b.n = 0;
			tk_buf_adds(&x->b, text(s, "firstName"));
			if (*text(s, "lastName"))
				tk_buf_addc(&x->b, ' ');
			tk_buf_adds(&x->b, text(s, "lastName"));
			name = x->b.p;
		}
		p = people_add(&x->im->people, x->im->in->index, x->key.p,
		    x->key.n, name, strlen(name));
		json_object_foreach((json_t *)s, k, v) {
			if (strcmp(k, "bio") == 0) {
				x->b.n = 0;
				json_put(&x->b, v);
				person_set(p, P_BIO, x->b.p, x->b.n);
			} else if (strcmp(k, "links") == 0) {
				links(&x->b, v);
				person_set(p, P_LINKS, x->b.p, x->b.n);
			} else if (strcmp(k, "id") != 0 &&
			    strcmp(k, "fullName") != 0 &&
			    strcmp(k, "categoryItems") != 0 &&
			    strcmp(k, "questionAnswers") != 0) {
				json_person_field(x->im, p, k, v);
			}
		}
		categories(x, s, p);
		answers(x, s, p);
	}
}

static void
speakers(struct sz *x, const json_t *v)
{
	const json_t *s;
	size_t i;

	json_array_foreach((json_t *)v, i, s) {
		const json_t *id = json_is_object(s) ?
		    json_object_get(s, "id") : s;
		struct person *p;
		key_of(x, id);
		p = people_find(&x->im->people, x->im->in->index, x->key.p,
		    x->key.n);
		if (p == NULL)
			rec_bad(x->im, "speaker '%.*s' is not one of the "
			    "speakers", tk_cut(x->key.p, x->key.n, 60),
			    x->key.p);
		speakers_add(x->im, &x->sp, x->key.p, x->key.n,
		    p ? p->f[P_NAME].p : "", p ? p->f[P_NAME].n : 0, p);
	}
	speakers_put(x->im, &x->sp);
}

static void
room(struct sz *x, const json_t *v)
{
	long at;

	if (json_is_null(v))
		return;
	key_of(x, v);
	at = strmap_get(&x->room, x->key.p, x->key.n);
	if (at < 0) {
		rec_bad(x->im, "room %s is not one of the rooms", x->key.p);
		rec_field(x->im, "roomId", 6, x->key.p, x->key.n);
		return;
	}
	rec_leads(x->im, L_ROOM, text(json_array_get(x->rooms, (size_t)at),
	    "name"));
}

static void
session(struct sz *x, const json_t *s)
{
	struct stamp st, en;
	const struct stamp *a, *b;
	const json_t *v;
	const char *k;
	struct tk_buf sid = { 0 };

	x->im->line = 0;
	tk_buf_add(&sid, "", 0);
	json_put(&sid, json_object_get(s, "id"));
	snprintf(x->im->what, sizeof(x->im->what), "session %.*s",
	    tk_cut(sid.p, sid.n, 60), sid.p);
	a = json_stamp(x->im, s, "startsAt", L_START, &st);
	b = json_stamp(x->im, s, "endsAt", L_END, &en);
	rec_times(x->im, NULL, a, b, 0);
	json_object_foreach((json_t *)s, k, v) {
		x->b.n = 0;
		if (strcmp(k, "id") == 0 || strcmp(k, "title") == 0 ||
		    strcmp(k, "description") == 0 || strcmp(k, "status") == 0) {
			json_put(&x->b, v);
			rec_lead(x->im, k[0] == 'i' ? L_ID : k[0] == 't' ?
			    L_TITLE : k[0] == 'd' ? L_DESCRIPTION : L_STATE,
			    x->b.p, x->b.n);
		} else if (strcmp(k, "speakers") == 0 && json_is_array(v)) {
			speakers(x, v);
		} else if (strcmp(k, "roomId") == 0) {
			room(x, v);
		} else if (strcmp(k, "room") == 0 && json_is_string(v)) {
			if (!rec_has(x->im, L_ROOM))
				rec_leads(x->im, L_ROOM, json_string_value(v));
		} else if (strcmp(k, "startsAt") != 0 &&
		    strcmp(k, "endsAt") != 0 &&
		    strcmp(k, "categoryItems") != 0 &&
		    strcmp(k, "questionAnswers") != 0) {
			json_field(x->im, k, strlen(k), v);
		}
	}
	categories(x, s, NULL);
	answers(x, s, NULL);
	tk_buf_free(&sid);
	rec_end(x->im);
}

int
read_sessionize(struct import *im, struct input *in, json_t *doc)
{
	const json_t *sessions = json_object_get(doc, "sessions"), *s, *c;
	struct sz x;
	size_t i, j;
	int rc = 0;

	(void)in;
	memset(&x, 0, sizeof(x));
	x.im = im;
	x.rooms = json_object_get(doc, "rooms");
	x.cats = json_object_get(doc, "categories");
	x.questions = json_object_get(doc, "questions");
	tk_buf_add(&x.b, "", 0);
	tk_buf_add(&x.key, "", 0);
	rec_form(im, FILLS, "session");
	index_ids(&x, &x.room, x.rooms);
	index_ids(&x, &x.question, x.questions);
	json_array_foreach((json_t *)x.cats, i, c) {
		const json_t *it;
		json_array_foreach(json_object_get(c, "items"), j, it) {
			key_of(&x, json_object_get(it, "id"));
			if (strmap_get(&x.item, x.key.p, x.key.n) < 0)
				strmap_put(&x.item, x.key.p, x.key.n, i);
		}
	}
	people(&x, json_object_get(doc, "speakers"));
	json_array_foreach((json_t *)sessions, i, s) {
		if (!json_is_object(s)) {
			if (im->pass == PASS_SCAN)
				im_error(im, 0, 0, "session %zu is not an "
				    "object", i + 1);
			rc = -1;
			break;
		}
		session(&x, s);
	}
	strmap_free(&x.room);
	strmap_free(&x.item);
	strmap_free(&x.question);
	claims_free(&x.named);
	speakers_free(&x.sp);
	tk_buf_free(&x.b);
	tk_buf_free(&x.key);
	return rc;
}
