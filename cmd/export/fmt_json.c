/*
 * fmt_json.c - json (one array of objects) and jsonl (one object per
 * line).  Keys are the field names; every string is valid JSON whatever
 * bytes the input holds.
 */
#include <stdio.h>
#include <stdlib.h>

#include "export.h"

struct json {
	int lines;                /* jsonl */
	unsigned long long n;     /* objects written */
};

/* Whether column col is written as an array of its items. */
static int
is_list(const struct exporter *x, size_t col)
{
	return x->o->split_speakers && (col == TK_SPEAKER || col == TK_EMAIL);
}

static size_t
put_list(struct tk_out *o, size_t col, const struct tk_str *v)
{
	struct tk_str item;
	size_t pos = 0, bad = 0;
	int first = 1;

	tk_out_putc(o, '[');
	while (tk_next_of(col, v, &pos, &item)) {
		if (!first)
			tk_out_putc(o, ',');
		first = 0;
		bad += tk_put_json(o, &item);
	}
	tk_out_putc(o, ']');
	return bad;
}

static int
begin(struct exporter *x, int lines)
{
	struct json *st = tk_xcalloc(1, sizeof(*st));

	st->lines = lines;
	x->state = st;
	for (size_t i = 0; i < x->c->ncols; i++)
		if (!tk_utf8_valid(x->names[i].p, x->names[i].n)) {
			fprintf(stderr, "talks export: invalid UTF-8 replaced "
			    "in field names\n");
			break;
		}
	if (!lines)
		tk_out_write(x->out, "[\n", 2);
	return 0;
}

static int
json_begin(struct exporter *x)
{
	return begin(x, 0);
}

static int
jsonl_begin(struct exporter *x)
{
	return begin(x, 1);
}

static int
json_render(struct exporter *x, const struct batch *b)
{
	struct json *st = x->state;
	struct tk_out *o = x->out;
	const struct tk_record *rec = b->rec;
	const struct tk_str *const *v = export_values(x, rec);
	size_t bad = 0;

	if (st->n++ > 0 && !st->lines)
		tk_out_write(o, ",\n", 2);
	tk_out_putc(o, '{');
	for (size_t i = 0; i < x->c->ncols; i++) {
		if (i > 0)
			tk_out_putc(o, ',');
		tk_put_json(o, &x->names[i]);
		tk_out_putc(o, ':');
		if (is_list(x, x->c->cols[i]))
			bad += put_list(o, x->c->cols[i], v[i]);
		else
			bad += tk_put_json(o, v[i]);
	}
	tk_out_putc(o, '}');
	if (st->lines)
		tk_out_putc(o, '\n');
	if (bad)
		export_warn_utf8(x, rec);
	return 0;
}

static int
json_end(struct exporter *x)
{
	struct json *st = x->state;

	if (!st->lines)
		tk_out_write(x->out, st->n ? "\n]\n" : "]\n",
		    st->n ? 3 : 2);
	free(st);
	return 0;
}

const struct format fmt_json = {
	.name = "json",
	.summary = "one array of objects, keys the field names",
	.gather = GATHER_EACH,
	.begin = json_begin,
	.render = json_render,
	.end = json_end,
};

const struct format fmt_jsonl = {
	.name = "jsonl",
	.summary = "one JSON object per line",
	.gather = GATHER_EACH,
	.begin = jsonl_begin,
	.render = json_render,
	.end = json_end,
};
