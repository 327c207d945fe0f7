/*
 * markup.c - the texts of talks (description, abstract, bio) as
 * --markup says they are written: plain text (the default), Markdown
 * (pretalx, PaperCall), rendered with cmark, or HTML (frab, FOSDEM).
 * For an HTML page they become safe HTML; for the outputs of text they
 * become plain text, and only when --markup is given: a text is never
 * taken for markup by guess.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "export.h"

/* Writes v as paragraphs: blank lines part them, line breaks are kept. */
static void
put_paragraphs(struct tk_out *o, const struct tk_str *v, struct tk_repl *r)
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
		tk_put_html(o, &line, r);
		open = 1;
		blank = 0;
	}
	if (open)
		tk_out_puts(o, "</p>\n");
}

/*
 * Writes Markdown v as HTML with how: cmark's safe rendering (raw HTML
 * and javascript: links left out), then the allowlist.
 */
static void
put_markdown(struct tk_out *o, const struct tk_str *v, enum tk_safe how,
    struct tk_repl *r)
{
	char *html = cmark_markdown_to_html(v->p, v->n, CMARK_OPT_DEFAULT);
	struct tk_str h;

	if (html == NULL)
		tk_oom();
	h.p = html;
	h.n = strlen(html);
	tk_put_safe_html(o, &h, how, r);
	free(html);
}

void
markup_put_html(struct exporter *x, struct tk_out *o, const struct tk_str *v,
    struct tk_repl *r)
{
	switch (x->o->markup) {
	case MARKUP_TEXT:
		put_paragraphs(o, v, r);
		return;
	case MARKUP_MARKDOWN:
		put_markdown(o, v, TK_SAFE_DROP, r);
		break;
	case MARKUP_HTML:
		tk_put_safe_html(o, v, TK_SAFE_ESCAPE, r);
		break;
	}
	tk_out_putc(o, '\n');
}

struct tk_str
markup_plain(struct exporter *x, const struct tk_str *v, struct tk_out *out)
{
	struct tk_str t;

	if (!x->o->markup_given || x->o->markup == MARKUP_TEXT)
		return *v;
	out->len = 0;
	if (x->o->markup == MARKUP_MARKDOWN)
		put_markdown(out, v, TK_SAFE_TEXT, NULL);
	else
		tk_put_safe_html(out, v, TK_SAFE_TEXT, NULL);
	t.p = out->buf ? out->buf : "";
	t.n = out->len;
	/* The blank line after the last block, and blanks before the first. */
	while (t.n > 0 && (t.p[t.n - 1] == '\n' || t.p[t.n - 1] == ' '))
		t.n--;
	while (t.n > 0 && (t.p[0] == '\n' || t.p[0] == ' ')) {
		t.p++;
		t.n--;
	}
	return t;
}
