/*
 * escape.c - values written for the document they go into: XML, HTML,
 * LaTeX, a CSV field or a shell word, always as valid UTF-8, with what
 * the document cannot hold replaced by U+FFFD and counted.
 */
#include <string.h>

#include "write/write.h"


static const char *const names[] = {
	[TK_ESC_NONE] = "none", [TK_ESC_XML] = "xml", [TK_ESC_HTML] = "html",
	[TK_ESC_LATEX] = "latex", [TK_ESC_CSV] = "csv",
	[TK_ESC_SHELL] = "shell",
};

int
tk_esc_find(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return (int)i;
	return -1;
}

const char *
tk_esc_name(int esc)
{
	return names[esc];
}

/* The markup of ASCII byte c in document esc, or NULL for c itself. */
static const char *
markup(int esc, unsigned char c)
{
	if (esc == TK_ESC_XML || esc == TK_ESC_HTML) {
		return tk_xml_entity(c);
	} else if (esc == TK_ESC_LATEX) {
		switch (c) {
		case '\\': return "\\textbackslash{}";
		case '{': return "\\{";
		case '}': return "\\}";
		case '$': return "\\$";
		case '&': return "\\&";
		case '%': return "\\%";
		case '#': return "\\#";
		case '_': return "\\_";
		case '~': return "\\textasciitilde{}";
		case '^': return "\\textasciicircum{}";
		case '<': return "\\textless{}";
		case '>': return "\\textgreater{}";
		case '|': return "\\textbar{}";
		}
	} else if (esc == TK_ESC_CSV && c == '"') {
		return "\"\"";
	} else if (esc == TK_ESC_SHELL && c == '\'') {
		return "'\\''";
	}
	return NULL;
}

/* Whether a CSV field holding v must be quoted. */
static int
csv_quoted(const struct tk_str *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->p[i] == '"' || v->p[i] == ',' || v->p[i] == '\n' ||
		    v->p[i] == '\r')
			return 1;
	return 0;
}

void
tk_esc_add(int esc, const struct tk_str *v, struct tk_buf *out,
    struct tk_repl *r)
{
	/* Tab and line breaks are kept; so are the rest in quoted forms. */
	int keep_ctrl = esc == TK_ESC_CSV || esc == TK_ESC_SHELL;
	const char *quote = esc == TK_ESC_SHELL ? "'" :
	    esc == TK_ESC_CSV && csv_quoted(v) ? "\"" : "";
	size_t i = 0, len;

	if (esc == TK_ESC_NONE) {
		tk_buf_add(out, v->p, v->n);
		return;
	}
	tk_buf_adds(out, quote);
	while (i < v->n) {
		unsigned char c = (unsigned char)v->p[i];
		const char *m = c < 0x80 ? markup(esc, c) : NULL;
		int kind;

		if (m) {
			tk_buf_adds(out, m);
			i++;
			continue;
		}
		kind = tk_char_kind(v->p + i, v->n - i, esc == TK_ESC_HTML,
		    &len);
		if (kind == TK_CH_CONTROL && keep_ctrl && c != '\0' &&
		    len == 1)
			kind = TK_CH_OK;
		tk_repl_put(out, v->p + i, len, kind, r);
		i += len;
	}
	tk_buf_adds(out, quote);
}
