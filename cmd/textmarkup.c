/*
 * textmarkup.c - what --markup says the texts of talks (description,
 * abstract, bio) are written in, for every command that writes them:
 * Markdown is read with cmark, HTML through the allowlist of
 * lib/write/safehtml.c; as plain text, their markup is taken out.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "cmd.h"

enum markup
markup_parse(const struct common *c, const char *arg)
{
	static const char *const names[] = { "text", "markdown", "html",
		NULL };

	return (enum markup)common_choice(c, arg, names,
	    "bad --markup '%s': give text, markdown or html");
}

void
markdown_put_html(struct tk_out *o, const struct tk_str *v, enum tk_safe how,
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

struct tk_str
markup_text(enum markup m, const struct tk_str *v, struct tk_out *buf)
{
	struct tk_str t;

	if (m == MARKUP_TEXT)
		return *v;
	buf->len = 0;
	if (m == MARKUP_MARKDOWN)
		markdown_put_html(buf, v, TK_SAFE_TEXT, NULL);
	else
		tk_put_safe_html(buf, v, TK_SAFE_TEXT, NULL);
	t.p = buf->buf ? buf->buf : "";
	t.n = buf->len;
	/* The blank line after the last block, and blanks before the first. */
	while (t.n > 0 && (t.p[t.n - 1] == '\n' || t.p[t.n - 1] == ' '))
		t.n--;
	while (t.n > 0 && (t.p[0] == '\n' || t.p[0] == ' ')) {
		t.p++;
		t.n--;
	}
	return t;
}

void
markup_record(enum markup m, const struct tk_record *rec, struct tk_str *fv,
    struct tk_out *bufs, struct tk_record *out)
{
	static const size_t texts[3] = { TK_DESCRIPTION, TK_ABSTRACT, TK_BIO };

	*out = *rec;
	if (m == MARKUP_TEXT)
		return;
	memcpy(fv, rec->f, rec->nf * sizeof(*fv));
	for (size_t i = 0; i < 3; i++)
		if (texts[i] < rec->nf)
			fv[texts[i]] = markup_text(m, &rec->f[texts[i]],
			    &bufs[i]);
	out->f = fv;
}
