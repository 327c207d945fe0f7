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
#include <strings.h>

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

void
markup_put_html(struct exporter *x, struct tk_out *o, const struct tk_str *v,
    struct tk_repl *r)
{
	switch (x->o->markup) {
	case MARKUP_TEXT:
		put_paragraphs(o, v, r);
		return;
	case MARKUP_MARKDOWN:
		markdown_put_html(o, v, TK_SAFE_DROP, r);
		break;
	case MARKUP_HTML:
		tk_put_safe_html(o, v, TK_SAFE_ESCAPE, r);
		break;
	}
	tk_out_putc(o, '\n');
}

/* Whether a link of Markdown may keep url: http(s), mail, or relative. */
static int
safe_url(const char *u)
{
	size_t i = strspn(u, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

	if (u[i] != ':')
		return 1;   /* no scheme: a path or a fragment */
	return (i == 4 && strncasecmp(u, "http", 4) == 0) ||
	    (i == 5 && strncasecmp(u, "https", 5) == 0) ||
	    (i == 6 && strncasecmp(u, "mailto", 6) == 0);
}

/*
 * Makes the raw HTML of the tree text, which the CommonMark writer
 * escapes, and empties the addresses of links with another scheme
 * (javascript:, data:): done after walking it, as the walk cannot
 * follow nodes that move.
 */
static void
defuse(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **found = NULL;
	size_t n = 0, cap = 0;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(cur);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) &&
		    !safe_url(cmark_node_get_url(cur)))
			cmark_node_set_url(cur, "");
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			TK_GROW(found, cap, n + 1);
			found[n++] = cur;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node *with = text;
		const char *lit = cmark_node_get_literal(found[i]);
		size_t len = lit ? strlen(lit) : 0;
		char *trimmed = tk_xstrndup(lit ? lit : "", len);
		while (len > 0 && trimmed[len - 1] == '\n')
			trimmed[--len] = '\0';
		cmark_node_set_literal(text, trimmed);
		free(trimmed);
		if (cmark_node_get_type(found[i]) == CMARK_NODE_HTML_BLOCK) {
			with = cmark_node_new(CMARK_NODE_PARAGRAPH);
			cmark_node_append_child(with, text);
		}
		cmark_node_replace(found[i], with);
		cmark_node_free(found[i]);
	}
	free(found);
}

void
markup_put_markdown(struct exporter *x, struct tk_out *o,
    const struct tk_str *v, struct tk_repl *r)
{
	cmark_node *doc = cmark_parse_document(v->p, v->n, CMARK_OPT_DEFAULT);
	char *md;
	size_t n;

	if (doc == NULL)
		tk_oom();
	defuse(doc);
	md = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(doc);
	if (md == NULL)
		tk_oom();
	n = strlen(md);
	for (size_t i = 0, len; i < n; i += len) {
		int kind = tk_char_kind(md + i, n - i, 0, &len);
		if (kind == TK_CH_OK || md[i] == '\n' || md[i] == '\t') {
			tk_out_write(o, md + i, len);
		} else {
			tk_out_write(o, "\xef\xbf\xbd", 3);
			tk_repl_add(r, kind);
		}
	}
	free(md);
}

struct tk_str
markup_plain(struct exporter *x, const struct tk_str *v, struct tk_out *out)
{
	if (!x->o->markup_given)
		return *v;
	return markup_text(x->o->markup, v, out);
}
