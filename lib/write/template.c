/* template.c - text with {field} placeholders. */
#include <stdlib.h>
#include <string.h>

#include "write/write.h"

/* One piece of a template: literal text, or a column to expand. */
struct part {
	size_t off, n; /* the text, in tk_tmpl.text */
	long col;      /* -1 for text, TK_TMPL_TITLES, or a column */
	int esc;       /* the placeholder's escape, or -1 */
};

struct tk_tmpl {
	char *text;    /* the literal pieces, braces undoubled */
	struct part *part;
	size_t npart;
};

/* The line and column (in characters, from 1) of byte i of s. */
static void
position(const char *s, size_t i, unsigned long *line, unsigned long *col)
{
	*line = 1;
	*col = 1;
	for (size_t k = 0; k < i; k++) {
		if (s[k] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[k] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static int
fail_at(struct tk_err *e, const char *name, const char *s, size_t i,
    const char *msg, const char *what, size_t wn)
{
	unsigned long line, col;

	position(s, i, &line, &col);
	if (what)
		return tk_fail(e, name, line, col, "%s '%.*s'", msg,
		    tk_cut(what, wn, 60), what);
	return tk_fail(e, name, line, col, "%s", msg);
}

static void
add_part(struct tk_tmpl *t, size_t off, size_t n, long col, int esc)
{
	struct part *p;

	/* Literal text runs into the previous literal piece. */
	if (col == -1 && t->npart > 0 && t->part[t->npart - 1].col == -1 &&
	    t->part[t->npart - 1].off + t->part[t->npart - 1].n == off) {
		t->part[t->npart - 1].n += n;
		return;
	}
	t->part = tk_xrealloc(t->part, (t->npart + 1) * sizeof(*t->part));
	p = &t->part[t->npart++];
	p->off = off;
	p->n = n;
	p->col = col;
	p->esc = esc;
}

/* Resolves the name between braces at s[b .. b+n). */
static int
field_name(const struct tk_reader *r, const char *name, const char *s,
    size_t b, size_t n, int flags, long *col, struct tk_err *e)
{
	char folded[64];

	if (n < sizeof(folded) && tk_fold_name(s + b, n, folded) > 0 &&
	    strcmp(folded, "titles") == 0) {
		if (!(flags & TK_TMPL_ALLOW_TITLES))
			return fail_at(e, name, s, b - 1,
			    "field 'titles' needs --unique", NULL, 0);
		*col = TK_TMPL_TITLES;
		return 0;
	}
	if ((*col = tk_find_col(r, s + b, n)) < 0)
		return fail_at(e, name, s, b - 1, "unknown field", s + b, n);
	return 0;
}

/* Parses the placeholder whose '{' is s[*i]; moves *i past its '}'. */
static int
placeholder(struct tk_tmpl *t, const struct tk_reader *r, const char *name,
    const char *s, size_t n, size_t *i, int flags, struct tk_err *e)
{
	size_t b = *i + 1, k = b, end, bar;
	long col = -1;
	int esc = -1;

	while (k < n && s[k] != '}' && s[k] != '{' && s[k] != '\n')
		k++;
	if (k == n || s[k] != '}')
		return fail_at(e, name, s, *i, "unclosed '{'", NULL, 0);
	if (k == b)
		return fail_at(e, name, s, *i, "empty field name", NULL, 0);
	/* {name|ESC}: the text after the last '|' names an escape. */
	end = k;
	for (bar = k; bar > b && s[bar - 1] != '|'; bar--)
		;
	if (bar > b + 1 && (esc = tk_esc_find(s + bar, k - bar)) >= 0)
		end = bar - 1;
	if (field_name(r, name, s, b, end - b, flags, &col, e) < 0)
		return -1;
	add_part(t, 0, 0, col, esc);
	*i = k + 1;
	return 0;
}

struct tk_tmpl *
tk_tmpl_parse(const struct tk_reader *r, const char *s, size_t n,
    const char *name, int flags, struct tk_err *e)
{
	struct tk_tmpl *t = tk_xcalloc(1, sizeof(*t));
	size_t i = 0, o = 0;

	t->text = tk_xmalloc(n + 1);
	while (i < n) {
		if (s[i] == '{' && i + 1 < n && s[i + 1] == '{') {
			t->text[o] = '{';
			add_part(t, o++, 1, -1, -1);
			i += 2;
		} else if (s[i] == '}' && i + 1 < n && s[i + 1] == '}') {
			t->text[o] = '}';
			add_part(t, o++, 1, -1, -1);
			i += 2;
		} else if (s[i] == '}') {
			fail_at(e, name, s, i, "single '}' (write '}}' for a "
			    "brace)", NULL, 0);
			tk_tmpl_free(t);
			return NULL;
		} else if (s[i] == '{') {
			if (placeholder(t, r, name, s, n, &i, flags, e) < 0) {
				tk_tmpl_free(t);
				return NULL;
			}
		} else {
			t->text[o] = s[i++];
			add_part(t, o++, 1, -1, -1);
		}
	}
	t->text[o] = '\0';
	return t;
}

void
tk_tmpl_free(struct tk_tmpl *t)
{
	if (t == NULL)
		return;
	free(t->text);
	free(t->part);
	free(t);
}

int
tk_tmpl_uses(const struct tk_tmpl *t, long col)
{
	for (size_t i = 0; i < t->npart; i++)
		if (t->part[i].col == col)
			return 1;
	return 0;
}

/* The value for column col: a replaced one, or the record's. */
static const struct tk_str *
value(const struct tk_tmpl_vals *v, long col)
{
	static const struct tk_str none = { "", 0 };
	const struct tk_str *over = NULL;

	if (col == TK_TMPL_TITLES)
		over = v->titles;
	else if (col == TK_SPEAKER)
		over = v->speaker;
	else if (col == TK_EMAIL)
		over = v->email;
	else if (col == TK_AFFILIATION)
		over = v->affiliation;
	if (over)
		return over;
	if (col >= 0 && v->rec && (size_t)col < v->rec->nf)
		return &v->rec->f[col];
	return &none;
}

size_t
tk_tmpl_npieces(const struct tk_tmpl *t)
{
	return t->npart;
}

long
tk_tmpl_piece(const struct tk_tmpl *t, size_t i, const struct tk_tmpl_vals *v,
    struct tk_str *s)
{
	const struct part *p = &t->part[i];

	if (p->col == -1) {
		s->p = t->text + p->off;
		s->n = p->n;
	} else {
		*s = *value(v, p->col);
	}
	return p->col;
}

/* Appends v with each line break, tab or other control character as a space. */
static void
add_flat(struct tk_buf *out, const struct tk_str *v)
{
	tk_buf_add(out, "", 0);
	for (size_t i = 0; i < v->n; i++) {
		unsigned char c = (unsigned char)v->p[i];
		if (c == '\r' && i + 1 < v->n && v->p[i + 1] == '\n')
			continue;
		tk_buf_addc(out, c < 0x20 || c == 0x7f ? ' ' : c);
	}
}

void
tk_tmpl_expand_esc(const struct tk_tmpl *t, const struct tk_tmpl_vals *v,
    int flags, int esc, struct tk_buf *out, struct tk_repl *r)
{
	struct tk_buf flat = { 0 };

	tk_buf_add(out, "", 0);
	for (size_t i = 0; i < t->npart; i++) {
		const struct part *p = &t->part[i];
		const struct tk_str *val;
		struct tk_str flat_val;

		if (p->col == -1) {
			tk_buf_add(out, t->text + p->off, p->n);
			continue;
		}
		val = value(v, p->col);
		if (flags & TK_TMPL_FLAT) {
			flat.n = 0;
			add_flat(&flat, val);
			flat_val.p = flat.p;
			flat_val.n = flat.n;
			val = &flat_val;
		}
		tk_esc_add(p->esc >= 0 ? p->esc : esc, val, out, r);
	}
	tk_buf_free(&flat);
}

void
tk_tmpl_expand(const struct tk_tmpl *t, const struct tk_tmpl_vals *v,
    int flags, struct tk_buf *out)
{
	tk_tmpl_expand_esc(t, v, flags, TK_ESC_NONE, out, NULL);
}
