/*
 * fmt_html.c - html: one standalone page in UTF-8, with no external
 * resources (--css and --logo are inlined) and well-formed as XML too
 * (so that XML tools can check and read it).  When the talks have times
 * it starts with a timetable per day (timetable.c); then the talks
 * grouped by --by (the track by default, in the order the groups first
 * appear), each with its short fields in a list and its texts as
 * paragraphs, or as --markup renders them.  Every value goes through
 * tk_put_html or tk_put_safe_html.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export.h"

static const char style[] =
    ":root { --cell: #eef3fa; --line: #99a; }\n"
    "body { font: 11pt/1.45 Georgia, serif; color: #111; "
    "max-width: 80em; margin: 2em auto; padding: 0 1em; "
    "overflow-wrap: anywhere; }\n"
    "h1, h2, h3, h4 { font-family: Helvetica, Arial, sans-serif; "
    "line-height: 1.2; break-after: avoid; }\n"
    "h2 { border-bottom: 2px solid #444; margin-top: 2em; }\n"
    "h3 { margin: 1.6em 0 .3em; }\n"
    "h4 { font-size: 1em; margin: .8em 0 .2em; }\n"
    "article, .unscheduled { max-width: 46em; }\n"
    "dl { display: grid; grid-template-columns: max-content 1fr; "
    "gap: 0 1em; margin: .3em 0; }\n"
    "dt { font-weight: bold; }\n"
    "dd { margin: 0; min-width: 0; }\n"
    "p { margin: .3em 0; }\n"
    "pre { white-space: pre-wrap; }\n"
    ".logo { max-height: 4em; max-width: 100%; }\n"
    ".grid-wrap { overflow-x: auto; max-width: 100%; }\n"
    ".grid { display: grid; gap: 2px; font: 9pt/1.3 Helvetica, Arial, "
    "sans-serif; width: max(100%, calc(4em + var(--lanes) * 9.2em)); "
    "grid-template-columns: 4em repeat(var(--lanes), minmax(9em, 1fr)); "
    "grid-template-rows: auto repeat(var(--rows), minmax(.4em, auto)); }\n"
    ".grid > div { min-width: 0; }\n"
    ".room { font-weight: bold; padding: .2em .3em; "
    "border-bottom: 2px solid #444; }\n"
    ".time, .corner { position: sticky; left: 0; z-index: 1; "
    "background: #fff; border-top: 1px solid var(--line); "
    "white-space: nowrap; overflow-wrap: normal; }\n"
    ".corner { border: 0; }\n"
    ".talk { background: var(--cell); border-left: 3px solid #468; "
    "padding: .2em .3em; overflow: hidden; }\n"
    ".talk a { font-weight: bold; color: #123; text-decoration: none; }\n"
    ".talk span { display: block; }\n"
    ".talk .meta { color: #555; }\n"
    "@page { size: A4 landscape; margin: 10mm; }\n"
    "@media print {\n"
    "body { font-size: 8.5pt; max-width: none; margin: 0; padding: 0; }\n"
    "h1 { margin: 0 0 .3em; }\n"
    "h2 { margin-top: .8em; }\n"
    "h3 { margin: .6em 0 .2em; }\n"
    ".day ~ .day, .day ~ .unscheduled, .day ~ .talks "
    "{ break-before: page; }\n"
    ".unscheduled + .talks { break-before: auto; }\n"
    ".talks { columns: 3; column-gap: 6mm; }\n"
    ".talks h2 { margin-top: 0; }\n"
    "article { break-inside: avoid-page; max-width: none; }\n"
    ".grid-wrap { overflow: visible; }\n"
    ".grid { width: auto; font-size: 6.5pt; gap: 0 1px; "
    "grid-template-columns: 2.6em repeat(var(--lanes), minmax(0, 1fr)); "
    "grid-template-rows: auto repeat(var(--rows), 1.05em); }\n"
    ".talk { padding: 0 .2em; border-left-width: 2px; "
    "-webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "}\n";

struct html {
	struct tk_repl bad;
	size_t by;                /* the column of the groups */
	unsigned char *written;   /* by row: its details have their id */
	struct tk_buf css, logo;  /* --css and --logo, read */
	const char *logo_type;
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

/* Whether v is an http or https address with nothing around it. */
static int
is_link(const struct tk_str *v)
{
	size_t skip;

	if (v->n > 8 && strncasecmp(v->p, "https://", 8) == 0)
		skip = 8;
	else if (v->n > 7 && strncasecmp(v->p, "http://", 7) == 0)
		skip = 7;
	else
		return 0;
	for (size_t i = skip; i < v->n; i++)
		if ((unsigned char)v->p[i] <= ' ' || v->p[i] == 0x7f)
			return 0;
	return 1;
}

static void
put_value(struct html *st, struct tk_out *o, size_t col,
    const struct tk_str *v)
{
	if (col != TK_URL || !is_link(v)) {
		put(st, o, v);
		return;
	}
	tk_out_puts(o, "<a href=\"");
	put(st, o, v);
	tk_out_puts(o, "\">");
	put(st, o, v);
	tk_out_puts(o, "</a>");
}

/* Whether field col is left out of a talk's details. */
static int
left_out(struct html *st, size_t col, const struct tk_str *v)
{
	return col == TK_TITLE || col == st->by || export_blank(v);
}

static void
put_talk(struct html *st, struct exporter *x, const struct tk_record *rec,
    size_t row)
{
	struct tk_out *o = x->out;
	int list = 0;
	char id[48];

	if (!st->written[row]) {
		snprintf(id, sizeof(id), "<article id=\"talk-%zu\">\n<h3>",
		    row + 1);
		tk_out_puts(o, id);
		st->written[row] = 1;
	} else {
		tk_out_puts(o, "<article>\n<h3>");
	}
	if (export_blank(&rec->f[TK_TITLE]))
		tk_out_puts(o, "(no title)");
	else
		put_lines(st, o, &rec->f[TK_TITLE]);
	tk_out_puts(o, "</h3>\n");
	for (size_t i = 0; i < x->c->ncols; i++) {
		size_t col = x->c->cols[i];
		const struct tk_str *v = &rec->f[col];
		struct tk_str label = export_label(x, col);
		if (left_out(st, col, v) || export_is_text(col, v))
			continue;
		tk_out_puts(o, list ? "<dt>" : "<dl>\n<dt>");
		list = 1;
		put(st, o, &label);
		tk_out_puts(o, "</dt><dd>");
		put_value(st, o, col, v);
		tk_out_puts(o, "</dd>\n");
	}
	if (list)
		tk_out_puts(o, "</dl>\n");
	for (size_t i = 0; i < x->c->ncols; i++) {
		size_t col = x->c->cols[i];
		const struct tk_str *v = &rec->f[col];
		struct tk_str label = export_label(x, col);
		if (left_out(st, col, v) || !export_is_text(col, v))
			continue;
		tk_out_puts(o, "<h4>");
		put(st, o, &label);
		tk_out_puts(o, "</h4>\n");
		markup_put_html(x, o, v, &st->bad);
	}
	tk_out_puts(o, "</article>\n");
}

/* Whether l is a language tag (BCP 47): subtags of letters and digits. */
static int
good_lang(const char *l)
{
	size_t k = 0;

	for (; *l != '\0'; l++) {
		int c = (unsigned char)*l;
		if (c == '-') {
			if (k == 0)
				return 0;
			k = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')) || ++k > 8)
			return 0;
	}
	return k > 0;
}

static void
html_check(struct exporter *x)
{
	if (x->o->rooms && x->o->layout == LAYOUT_LIST)
		misuse(x->c, "--rooms needs the grid layout, not --layout list");
	if (x->o->lang && !good_lang(x->o->lang))
		misuse(x->c, "bad --lang '%s': give a language tag such as en "
		    "or pt-BR", x->o->lang);
}

static int
html_wants_times(struct exporter *x)
{
	return x->o->layout == LAYOUT_GRID || (x->o->layout == LAYOUT_AUTO &&
	    tk_col_present(x->c->r, TK_START));
}

/*
 * Reads --css: a style sheet that cannot end the page's <style> element
 * nor hold what HTML does not allow.
 */
static int
read_css(struct exporter *x, struct html *st)
{
	const char *path = x->o->css;
	struct tk_err e;
	size_t line = 1;

	if (path == NULL)
		return 0;
	if (common_slurp(x->c, path, &st->css) < 0)
		return -1;
	for (size_t i = 0, len; i < st->css.n; i += len) {
		int kind = tk_char_kind(st->css.p + i, st->css.n - i, 1, &len);
		if (kind != TK_CH_OK && st->css.p[i] != '\n' &&
		    st->css.p[i] != '\r' && st->css.p[i] != '\t') {
			tk_fail(&e, path, line, 0, kind == TK_CH_BAD_UTF8 ?
			    "invalid UTF-8 in the style sheet" :
			    "control character in the style sheet");
			report(&e);
			return -1;
		}
		if (st->css.p[i] == '\n')
			line++;
		if (st->css.p[i] == '<' && i + 7 <= st->css.n &&
		    strncasecmp(st->css.p + i, "</style", 7) == 0) {
			tk_fail(&e, path, line, 0, "'</style' would end the "
			    "page's style sheet");
			report(&e);
			return -1;
		}
	}
	return 0;
}

/* The type of an image, from its first bytes; NULL when not known. */
static const char *
image_type(const struct tk_buf *b)
{
	static const struct {
		const char *magic;
		size_t n, at;
		const char *type;
	} kinds[] = {
		{ "\x89PNG\r\n\x1a\n", 8, 0, "image/png" },
		{ "\xff\xd8\xff", 3, 0, "image/jpeg" },
		{ "GIF8", 4, 0, "image/gif" },
		{ "WEBP", 4, 8, "image/webp" },
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (b->n >= kinds[i].at + kinds[i].n && memcmp(b->p +
		    kinds[i].at, kinds[i].magic, kinds[i].n) == 0)
			return kinds[i].type;
	for (size_t i = 0; i + 4 <= b->n && i < 4096; i++)
		if (memcmp(b->p + i, "<svg", 4) == 0)
			return "image/svg+xml";
	return NULL;
}

static int
read_logo(struct exporter *x, struct html *st)
{
	struct tk_err e;

	if (x->o->logo == NULL)
		return 0;
	if (common_slurp(x->c, x->o->logo, &st->logo) < 0)
		return -1;
	st->logo_type = image_type(&st->logo);
	if (st->logo_type == NULL) {
		tk_fail(&e, x->o->logo, 0, 0, "not an image of PNG, JPEG, GIF, "
		    "WebP or SVG");
		report(&e);
		return -1;
	}
	return 0;
}

/* Writes b in base64, for a data: address. */
static void
put_base64(struct tk_out *o, const struct tk_buf *b)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)b->p;
	char q[4];

	for (size_t i = 0; i < b->n; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16;
		size_t left = b->n - i;
		if (left > 1)
			v |= (unsigned long)p[i + 1] << 8;
		if (left > 2)
			v |= p[i + 2];
		q[0] = digits[v >> 18 & 63];
		q[1] = digits[v >> 12 & 63];
		q[2] = left > 1 ? digits[v >> 6 & 63] : '=';
		q[3] = left > 2 ? digits[v & 63] : '=';
		tk_out_write(o, q, 4);
	}
}

static void
html_free(struct html *st)
{
	tk_buf_free(&st->css);
	tk_buf_free(&st->logo);
	free(st->written);
	free(st);
}

static int
html_begin(struct exporter *x)
{
	struct html *st = tk_xcalloc(1, sizeof(*st));

	st->by = export_by_col(x);
	if (read_css(x, st) < 0 || read_logo(x, st) < 0) {
		html_free(st);
		return -1;
	}
	x->state = st;
	return 0;
}

/*
 * What comes before the talks; written with them, so that a failure to
 * read their times leaves no page that looks whole.
 */
static void
put_head(struct exporter *x, struct html *st)
{
	struct tk_out *o = x->out;
	struct tk_str title = { "Talks", 5 };
	struct tk_str lang = { "en", 2 };

	if (x->o->conference) {
		title.p = x->o->conference;
		title.n = strlen(title.p);
	}
	if (x->o->lang) {
		lang.p = x->o->lang;
		lang.n = strlen(lang.p);
	}
	tk_out_puts(o, "<!DOCTYPE html>\n<html lang=\"");
	tk_put_html(o, &lang, NULL);
	tk_out_puts(o, "\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width\"/>\n"
	    "<title>");
	tk_put_html(o, &title, NULL);
	tk_out_puts(o, "</title>\n<style>\n");
	tk_out_puts(o, style);
	tk_out_puts(o, "</style>\n");
	if (st->css.n) {
		tk_out_puts(o, "<style>\n");
		tk_out_write(o, st->css.p, st->css.n);
		if (st->css.p[st->css.n - 1] != '\n')
			tk_out_putc(o, '\n');
		tk_out_puts(o, "</style>\n");
	}
	tk_out_puts(o, "</head>\n<body>\n");
	if (st->logo_type) {
		tk_out_puts(o, "<img class=\"logo\" alt=\"\" src=\"data:");
		tk_out_puts(o, st->logo_type);
		tk_out_puts(o, ";base64,");
		put_base64(o, &st->logo);
		tk_out_puts(o, "\"/>\n");
	}
	tk_out_puts(o, "<h1>");
	tk_put_html(o, &title, NULL);
	tk_out_puts(o, "</h1>\n");
}

/* The timetable when there is one, then a section per group. */
static int
html_render(struct exporter *x, const struct batch *b)
{
	struct html *st = x->state;
	struct tk_out *o = x->out;
	struct tk_record rec;
	struct bygroups gs;

	put_head(x, st);
	st->written = tk_xcalloc(b->n + 1, 1);
	if (x->o->layout == LAYOUT_GRID && b->ntimed == 0)
		fputs("talks: no talk has a day and a start: the talks are "
		    "listed without a timetable\n", stderr);
	if (b->ntimed > 0)
		timetable_put(x, b);
	bygroups_make(x, b, st->by, &gs);
	tk_out_puts(o, "<div class=\"talks\">\n");
	for (size_t k = 0; k < gs.n; k++) {
		const struct bygroup *g = bygroups_get(&gs, k);
		struct tk_str name = bygroups_name(&gs, k);
		/* Bad bytes in the name are those of the group's first talk. */
		st->bad = (struct tk_repl){ 0, 0 };
		tk_out_puts(o, "<section>\n<h2>");
		put_lines(st, o, &name);
		tk_out_puts(o, "</h2>\n");
		for (size_t i = 0; i < g->n; i++) {
			batch_record(b, g->rows[i], &rec);
			put_talk(st, x, &rec, g->rows[i]);
			export_warn_repl(&rec, &st->bad);
			st->bad = (struct tk_repl){ 0, 0 };
		}
		tk_out_puts(o, "</section>\n");
	}
	tk_out_puts(o, "</div>\n");
	bygroups_free(&gs);
	return 0;
}

static int
html_end(struct exporter *x)
{
	struct html *st = x->state;

	if (st->written)
		tk_out_puts(x->out, "</body>\n</html>\n");
	html_free(st);
	return 0;
}

const struct format fmt_html = {
	.name = "html",
	.summary = "one standalone page: a timetable per day, talks by track",
	.gather = GATHER_ALL,
	.fields = "title,speaker,track,level,room,day,start,end,duration,url,"
	    "description,abstract,bio",
	.check = html_check,
	.begin = html_begin,
	.render = html_render,
	.end = html_end,
	.wants_times = html_wants_times,
};
