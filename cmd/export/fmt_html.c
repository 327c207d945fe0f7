/*
 * fmt_html.c - html: one standalone page in UTF-8, with no external
 * resources and well-formed as XML too (so that XML tools can check and
 * read it): the talks grouped by track (in the order the tracks first
 * appear), each with its short fields in a list and its texts as
 * paragraphs.  Every value goes through tk_put_html.
 */
#include <stdlib.h>
#include <string.h>

#include "export.h"

static const char style[] =
    "body { font: 11pt/1.45 Georgia, serif; color: #111; "
    "max-width: 46em; margin: 2em auto; padding: 0 1em; }\n"
    "h1, h2, h3, h4 { font-family: Helvetica, Arial, sans-serif; "
    "line-height: 1.2; break-after: avoid; }\n"
    "h2 { border-bottom: 2px solid #444; margin-top: 2em; }\n"
    "h3 { margin: 1.6em 0 .3em; }\n"
    "h4 { font-size: 1em; margin: .8em 0 .2em; }\n"
    "dl { display: grid; grid-template-columns: max-content 1fr; "
    "gap: 0 1em; margin: .3em 0; }\n"
    "dt { font-weight: bold; }\n"
    "dd { margin: 0; }\n"
    "p { margin: .3em 0; }\n"
    "@media print { body { max-width: none; margin: 0; } "
    "article { break-inside: avoid; } }\n";

struct html {
	struct tk_repl bad;
};

static void
put(struct html *st, struct tk_out *o, const struct tk_str *v)
{
	tk_put_html(o, v, &st->bad);
}

/* Writes v with its line breaks as <br>. */
static void
put_lines(struct html *st, struct tk_out *o, const struct tk_str *v)
{
	struct tk_str line;
	size_t pos = 0;
	int first = 1;

	while (export_next_line(v, &pos, &line)) {
		if (!first)
			tk_out_puts(o, "<br/>\n");
		first = 0;
		put(st, o, &line);
	}
}

/* Writes v as paragraphs: blank lines part them. */
static void
put_paragraphs(struct html *st, struct tk_out *o, const struct tk_str *v)
{
	struct tk_str line;
	size_t pos = 0;
	int open = 0, blank = 0;

	while (export_next_line(v, &pos, &line)) {
		if (export_blank(&line)) {
			blank = open;
			continue;
		}
		if (open && blank)
			tk_out_puts(o, "</p>\n");
		if (!open || blank)
			tk_out_puts(o, "<p>");
		else
			tk_out_puts(o, "<br/>\n");
		put(st, o, &line);
		open = 1;
		blank = 0;
	}
	if (open)
		tk_out_puts(o, "</p>\n");
}

static void
put_talk(struct html *st, struct exporter *x, const struct tk_record *rec)
{
	struct tk_out *o = x->out;
	int list = 0;

	tk_out_puts(o, "<article>\n<h3>");
	if (export_blank(&rec->f[TK_TITLE]))
		tk_out_puts(o, "(no title)");
	else
		put_lines(st, o, &rec->f[TK_TITLE]);
	tk_out_puts(o, "</h3>\n");
	for (size_t i = 0; i < x->c->ncols; i++) {
		size_t col = x->c->cols[i];
		const struct tk_str *v = &rec->f[col];
		if (col == TK_TITLE || col == TK_TRACK || export_blank(v) ||
		    export_is_text(col, v))
			continue;
		tk_out_puts(o, list ? "<dt>" : "<dl>\n<dt>");
		list = 1;
		put(st, o, &x->names[i]);
		tk_out_puts(o, "</dt><dd>");
		put(st, o, v);
		tk_out_puts(o, "</dd>\n");
	}
	if (list)
		tk_out_puts(o, "</dl>\n");
	for (size_t i = 0; i < x->c->ncols; i++) {
		size_t col = x->c->cols[i];
		const struct tk_str *v = &rec->f[col];
		if (col == TK_TITLE || col == TK_TRACK || export_blank(v) ||
		    !export_is_text(col, v))
			continue;
		tk_out_puts(o, "<h4>");
		put(st, o, &x->names[i]);
		tk_out_puts(o, "</h4>\n");
		put_paragraphs(st, o, v);
	}
	tk_out_puts(o, "</article>\n");
}

static int
html_begin(struct exporter *x)
{
	struct html *st = tk_xcalloc(1, sizeof(*st));
	struct tk_out *o = x->out;
	struct tk_str title = { "Talks", 5 };

	if (x->o->conference) {
		title.p = x->o->conference;
		title.n = strlen(title.p);
	}
	x->state = st;
	tk_out_puts(o, "<!DOCTYPE html>\n<html>\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width\"/>\n"
	    "<title>");
	tk_put_html(o, &title, NULL);
	tk_out_puts(o, "</title>\n<style>\n");
	tk_out_puts(o, style);
	tk_out_puts(o, "</style>\n</head>\n<body>\n<h1>");
	tk_put_html(o, &title, NULL);
	tk_out_puts(o, "</h1>\n");
	return 0;
}

/* A section: the track's name, then its talks. */
static int
html_render(struct exporter *x, const struct batch *b)
{
	struct html *st = x->state;
	struct tk_out *o = x->out;
	struct tk_record rec;

	/* Bad bytes in the name are those of the first talk. */
	st->bad = (struct tk_repl){ 0, 0 };
	tk_out_puts(o, "<section>\n<h2>");
	put_lines(st, o, &b->track);
	tk_out_puts(o, "</h2>\n");
	for (size_t k = 0; k < b->n; k++) {
		batch_record(b, k, &rec);
		put_talk(st, x, &rec);
		export_warn_repl(&rec, &st->bad);
		st->bad = (struct tk_repl){ 0, 0 };
	}
	tk_out_puts(o, "</section>\n");
	return 0;
}

static int
html_end(struct exporter *x)
{
	tk_out_puts(x->out, "</body>\n</html>\n");
	free(x->state);
	return 0;
}

const struct format fmt_html = {
	.name = "html",
	.summary = "one standalone page, talks grouped by track",
	.gather = GATHER_TRACK,
	.fields = "title,speaker,track,level,description,abstract,bio",
	.begin = html_begin,
	.render = html_render,
	.end = html_end,
};
