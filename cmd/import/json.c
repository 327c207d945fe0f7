/*
 * json.c - JSON values (through jansson) as the text of fields: scalars
 * as they read, names given in several languages, and the fields of a
 * source that no form knows, flattened under their source names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* A real as the shortest text that reads back as the same number. */
static void
put_real(struct tk_buf *b, double d)
{
	char s[40];
	int k = 0;

	for (int prec = 1; prec <= 17; prec++) {
		k = snprintf(s, sizeof(s), "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	tk_buf_add(b, s, (size_t)k);
}

int
json_put(struct tk_buf *b, const json_t *v)
{
	char s[32];
	char *dump;
	int k;

	if (v == NULL)
		return 1;
	switch (json_typeof(v)) {
	case JSON_STRING:
		tk_buf_add(b, json_string_value(v), json_string_length(v));
		return 0;
	case JSON_INTEGER:
		k = snprintf(s, sizeof(s), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		tk_buf_add(b, s, (size_t)k);
		return 0;
	case JSON_REAL:
		put_real(b, json_real_value(v));
		return 0;
	case JSON_TRUE:
		tk_buf_adds(b, "true");
		return 0;
	case JSON_FALSE:
		tk_buf_adds(b, "false");
		return 0;
	case JSON_NULL:
		return 1;
	default:
		dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		if (dump == NULL)
			no_memory();
		tk_buf_adds(b, dump);
		free(dump);
		return 0;
	}
}

const char *
json_i18n(const json_t *v)
{
	const json_t *en, *name, *m;
	const char *k;

	if (json_is_string(v))
		return json_string_value(v);
	if (!json_is_object(v))
		return NULL;
	if ((name = json_object_get(v, "name")) != NULL)
		return json_i18n(name);
	if (json_is_string(en = json_object_get(v, "en")))
		return json_string_value(en);
	json_object_foreach((json_t *)v, k, m)
		if (json_is_string(m))
			return json_string_value(m);
	return NULL;
}

const struct stamp *
json_stamp(struct import *im, const json_t *o, const char *k, enum lead f,
    struct stamp *st)
{
	const json_t *v = json_object_get(o, k);

	if (!json_is_string(v))
		return NULL;
	if (stamp_parse(json_string_value(v), json_string_length(v), st) == 0)
		return st;
	rec_bad(im, "bad %s '%.*s'", k, tk_cut(json_string_value(v),
	    json_string_length(v), 40), json_string_value(v));
	rec_leads(im, f, json_string_value(v));
	return NULL;
}

/* ----------------------------------------------------------- flattening */

typedef void (*field_fn)(void *ctx, const char *name, size_t nn,
    const char *s, size_t n);

static int
scalar(const json_t *v)
{
	return !json_is_object(v) && !json_is_array(v);
}

/* An array of scalars none of which has a line break: one line each. */
static int
as_lines(const json_t *v)
{
	size_t i;
	const json_t *x;

	json_array_foreach((json_t *)v, i, x) {
		if (!scalar(x))
			return 0;
		if (json_is_string(x) && memchr(json_string_value(x), '\n',
		    json_string_length(x)))
			return 0;
	}
	return 1;
}

static void
flatten(struct tk_buf *name, const json_t *v, field_fn fn, void *ctx)
{
	struct tk_buf b = { 0 };
	size_t at = name->n, i;
	const char *k;
	const json_t *x;

	tk_buf_add(&b, "", 0);
	if (json_is_object(v) && json_object_size(v) > 0) {
		json_object_foreach((json_t *)v, k, x) {
			name->n = at;
			tk_buf_addc(name, '.');
			tk_buf_adds(name, k);
			flatten(name, x, fn, ctx);
		}
		name->n = at;
		name->p[at] = '\0';
	} else if (json_is_array(v) && as_lines(v)) {
		json_array_foreach((json_t *)v, i, x) {
			if (i > 0)
				tk_buf_addc(&b, '\n');
			json_put(&b, x);
		}
		fn(ctx, name->p, name->n, b.p, b.n);
	} else {
		json_put(&b, v);
		fn(ctx, name->p, name->n, b.p, b.n);
	}
	tk_buf_free(&b);
}

static void
to_record(void *ctx, const char *name, size_t nn, const char *s, size_t n)
{
	rec_field(ctx, name, nn, s, n);
}

void
json_field(struct import *im, const char *key, size_t kn, const json_t *v)
{
	struct tk_buf name = { 0 };

	tk_buf_add(&name, key, kn);
	flatten(&name, v, to_record, im);
	tk_buf_free(&name);
}

struct to_person {
	struct import *im;
	struct person *p;
};

static void
to_person(void *ctx, const char *name, size_t nn, const char *s, size_t n)
{
	struct to_person *t = ctx;

	person_extra(&t->im->people, t->p, name, nn, s, n);
}

void
json_person_field(struct import *im, struct person *p, const char *key,
    const json_t *v)
{
	struct tk_buf name = { 0 };
	struct to_person t = { im, p };

	tk_buf_adds(&name, key);
	flatten(&name, v, to_person, &t);
	tk_buf_free(&name);
}
