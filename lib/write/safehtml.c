/*
 * safehtml.c - an HTML fragment (an abstract from frab or FOSDEM, or
 * what cmark made of Markdown) kept only for a short allowlist of
 * elements, written so that the page stays valid HTML5 and well-formed
 * XML: every element the output opens it closes, in order, and nothing
 * outside the list reaches the page as markup.
 *
 * The allowlist: p, br, em, strong, code, pre, ul, ol, li, and a with an
 * http or https href (its other attributes, and every attribute of the
 * others, are left out).  The rest is escaped (TK_SAFE_ESCAPE), left out
 * keeping its text (TK_SAFE_DROP), or the whole is written as plain
 * text (TK_SAFE_TEXT).
 */
#include <string.h>

#include "write/write.h"

enum { MAX_DEPTH = 48, NAME_MAX_LEN = 12 };

/* The elements kept, and how they nest. */
enum elem {
	E_NONE, E_P, E_BR, E_EM, E_STRONG, E_CODE, E_PRE, E_UL, E_OL, E_LI,
	E_A
};

static const char *const elem_name[] = { "", "p", "br", "em", "strong",
	"code", "pre", "ul", "ol", "li", "a" };

struct tag {
	int close;             /* </x> */
	char name[NAME_MAX_LEN + 1];
	const char *href;      /* a's href, as written (NULL: none) */
	size_t href_n;
};

struct san {
	struct tk_out *o;
	enum tk_safe how;
	struct tk_repl *r;
	enum elem stack[MAX_DEPTH];
	unsigned char implicit[MAX_DEPTH]; /* an <ul> made for a lone <li> */
	size_t depth;
	/* TK_SAFE_TEXT: the breaks owed before more text (2: a blank line). */
	int pending;
	int wrote;
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static enum elem
find_elem(const char *name)
{
	for (size_t i = 1; i < sizeof(elem_name) / sizeof(elem_name[0]); i++)
		if (strcmp(name, elem_name[i]) == 0)
			return (enum elem)i;
	return E_NONE;
}

/*
 * Reads a tag at p[0] == '<' (n bytes); returns its length, or 0 when
 * what follows is not a tag (then '<' is text).
 */
static size_t
parse_tag(const char *p, size_t n, struct tag *t)
{
	size_t i = 1, k = 0;

	memset(t, 0, sizeof(*t));
	if (i < n && p[i] == '/') {
		t->close = 1;
		i++;
	}
	if (i >= n || !is_alpha((unsigned char)p[i]))
		return 0;
	while (i < n && (is_alpha((unsigned char)p[i]) ||
	    is_digit((unsigned char)p[i]))) {
		if (k < NAME_MAX_LEN)
			t->name[k] = (char)lower((unsigned char)p[i]);
		k++;
		i++;
	}
	if (k > NAME_MAX_LEN)
		t->name[0] = '\0';   /* no element has so long a name */
	for (;;) {
		size_t a0, an, v0 = 0, vn = 0;
		while (i < n && is_space((unsigned char)p[i]))
			i++;
		if (i >= n)
			return 0;
		if (p[i] == '>')
			return i + 1;
		if (p[i] == '/' && i + 1 < n && p[i + 1] == '>')
			return i + 2;
		a0 = i;
		while (i < n && !is_space((unsigned char)p[i]) && p[i] != '>' &&
		    p[i] != '=' && p[i] != '/' && p[i] != '"' && p[i] != '\'' &&
		    p[i] != '<')
			i++;
		an = i - a0;
		if (an == 0)
			return 0;
		while (i < n && is_space((unsigned char)p[i]))
			i++;
		if (i < n && p[i] == '=') {
			i++;
			while (i < n && is_space((unsigned char)p[i]))
				i++;
			if (i < n && (p[i] == '"' || p[i] == '\'')) {
				char q = p[i++];
				v0 = i;
				while (i < n && p[i] != q)
					i++;
				if (i >= n)
					return 0;
				vn = i - v0;
				i++;
			} else {
				v0 = i;
				while (i < n && !is_space((unsigned char)p[i]) &&
				    p[i] != '>' && p[i] != '<' && p[i] != '"' &&
				    p[i] != '\'' && p[i] != '`')
					i++;
				vn = i - v0;
			}
		}
		if (an == 4 && lower((unsigned char)p[a0]) == 'h' &&
		    lower((unsigned char)p[a0 + 1]) == 'r' &&
		    lower((unsigned char)p[a0 + 2]) == 'e' &&
		    lower((unsigned char)p[a0 + 3]) == 'f' && t->href == NULL) {
			t->href = p + v0;
			t->href_n = vn;
		}
	}
}

/* The named character references kept; others stay text. */
static const struct {
	const char *name;
	unsigned cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xa0 }, { "ndash", 0x2013 },
	{ "mdash", 0x2014 }, { "hellip", 0x2026 }, { "lsquo", 0x2018 },
	{ "rsquo", 0x2019 }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
	{ "laquo", 0xab }, { "raquo", 0xbb }, { "copy", 0xa9 },
	{ "reg", 0xae }, { "trade", 0x2122 }, { "bull", 0x2022 },
	{ "middot", 0xb7 }, { "eacute", 0xe9 }, { "egrave", 0xe8 },
	{ "agrave", 0xe0 }, { "ccedil", 0xe7 }, { "uuml", 0xfc },
	{ "ouml", 0xf6 }, { "auml", 0xe4 }, { "szlig", 0xdf },
	{ "euro", 0x20ac }, { "times", 0xd7 }, { "deg", 0xb0 },
};

/* Writes code point cp in UTF-8 into buf; returns its length. */
static size_t
utf8_put(unsigned cp, char *buf)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xc0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | cp >> 18);
	buf[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	buf[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	buf[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Reads a character reference at p[0] == '&'; returns its length and
 * sets *cp, or 0 when it is not one that is kept.
 */
static size_t
parse_entity(const char *p, size_t n, unsigned *cp)
{
	size_t i = 1, k;
	unsigned long v = 0;

	if (i < n && p[i] == '#') {
		int hex = ++i < n && (p[i] == 'x' || p[i] == 'X');
		i += (size_t)hex;
		for (k = 0; i < n && k < 8; i++, k++) {
			int c = lower((unsigned char)p[i]);
			if (is_digit(c))
				v = v * (hex ? 16 : 10) + (unsigned long)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				v = v * 16 + (unsigned long)(c - 'a' + 10);
			else
				break;
		}
		if (k == 0 || k == 8 || i >= n || p[i] != ';' || v == 0 ||
		    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			return 0;
		*cp = (unsigned)v;
		return i + 1;
	}
	for (k = 0; i + k < n && k < 8 && (is_alpha((unsigned char)p[i + k]) ||
	    is_digit((unsigned char)p[i + k])); k++)
		;
	if (k == 0 || i + k >= n || p[i + k] != ';')
		return 0;
	for (size_t e = 0; e < sizeof(entities) / sizeof(entities[0]); e++)
		if (strlen(entities[e].name) == k &&
		    memcmp(entities[e].name, p + i, k) == 0) {
			*cp = entities[e].cp;
			return i + k + 1;
		}
	return 0;
}

/* Writes p[0 .. n) as text. */
static void
text(struct san *s, const char *p, size_t n)
{
	struct tk_str v = { p, n };

	if (s->how == TK_SAFE_TEXT && s->pending) {
		while (n > 0 && is_space((unsigned char)*p)) {
			p++;
			n--;
		}
		if (n > 0 && s->wrote)
			tk_out_puts(s->o, s->pending > 1 ? "\n\n" : "\n");
		if (n > 0)
			s->pending = 0;
	}
	if (n == 0)
		return;
	s->wrote = 1;
	if (s->how == TK_SAFE_TEXT)
		tk_out_write(s->o, p, n);
	else
		tk_put_html(s->o, &v, s->r);
}

static void
put_open(struct san *s, enum elem e)
{
	if (s->how == TK_SAFE_TEXT) {
		/* A block starts on a line of its own. */
		if (e != E_EM && e != E_STRONG && e != E_CODE && e != E_A &&
		    s->pending < (e == E_LI ? 1 : 2))
			s->pending = e == E_LI ? 1 : 2;
		return;
	}
	tk_out_putc(s->o, '<');
	tk_out_puts(s->o, elem_name[e]);
	tk_out_putc(s->o, '>');
}

/* Closes the top element. */
static void
pop(struct san *s)
{
	enum elem e = s->stack[--s->depth];

	if (s->how == TK_SAFE_TEXT) {
		if (e == E_P || e == E_PRE || e == E_UL || e == E_OL)
			s->pending = 2;
		else if (e == E_LI && s->pending < 1)
			s->pending = 1;
		return;
	}
	tk_out_puts(s->o, "</");
	tk_out_puts(s->o, elem_name[e]);
	tk_out_putc(s->o, '>');
}

/* The depth of the innermost open e above depth floor, or -1. */
static long
open_at(const struct san *s, enum elem e)
{
	for (size_t i = s->depth; i > 0; i--)
		if (s->stack[i - 1] == e)
			return (long)(i - 1);
	return -1;
}

static void
pop_to(struct san *s, long at)
{
	while (at >= 0 && s->depth > (size_t)at)
		pop(s);
}

static void
push(struct san *s, enum elem e, int implicit)
{
	s->implicit[s->depth] = (unsigned char)implicit;
	s->stack[s->depth++] = e;
}

/* Whether href (n bytes) is an http or https address. */
static int
good_href(const char *p, size_t n)
{
	static const char *const ok[] = { "http://", "https://" };

	while (n > 0 && is_space((unsigned char)*p)) {
		p++;
		n--;
	}
	for (size_t k = 0; k < 2; k++) {
		size_t m = strlen(ok[k]);
		size_t i = 0;
		while (i < m && i < n && lower((unsigned char)p[i]) == ok[k][i])
			i++;
		if (i == m && n > m)
			return 1;
	}
	return 0;
}

/* Writes the href of an a: its text, kept references and all. */
static void
put_href(struct san *s, const char *p, size_t n)
{
	size_t i = 0, run = 0;
	unsigned cp;
	char buf[4];

	while (n > 0 && is_space((unsigned char)*p)) {
		p++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)p[n - 1]))
		n--;
	while (i < n) {
		size_t k = p[i] == '&' ? parse_entity(p + i, n - i, &cp) : 0;
		if (k == 0) {
			i++;
			continue;
		}
		text(s, p + run, i - run);
		text(s, buf, utf8_put(cp, buf));
		i += k;
		run = i;
	}
	text(s, p + run, n - run);
}

/* An element of the list opens: what it implies closes first. */
static void
open_elem(struct san *s, enum elem e, const struct tag *t)
{
	long at;

	if (e == E_BR) {
		if (s->how == TK_SAFE_TEXT && s->pending < 1)
			s->pending = 1;
		else if (s->how != TK_SAFE_TEXT)
			tk_out_puts(s->o, "<br/>");
		return;
	}
	if (e == E_P || e == E_PRE || e == E_UL || e == E_OL || e == E_LI)
		pop_to(s, open_at(s, E_P));
	if (e == E_A)
		pop_to(s, open_at(s, E_A));
	if (e == E_LI) {
		long li = open_at(s, E_LI);
		at = open_at(s, E_UL) > open_at(s, E_OL) ? open_at(s, E_UL) :
		    open_at(s, E_OL);
		if (li > at)
			pop_to(s, li);
		else if (at < 0) {
			put_open(s, E_UL);
			push(s, E_UL, 1);
		}
	}
	if (s->depth + 2 > MAX_DEPTH)
		return;
	if (e == E_A && t->href && good_href(t->href, t->href_n) &&
	    s->how != TK_SAFE_TEXT) {
		tk_out_puts(s->o, "<a href=\"");
		put_href(s, t->href, t->href_n);
		tk_out_puts(s->o, "\">");
	} else {
		put_open(s, e);
	}
	push(s, e, 0);
}

/* Whether a tag (not in the list) is left out rather than escaped. */
static int
dropped(const struct san *s)
{
	return s->how != TK_SAFE_ESCAPE;
}

/* What cmark writes that the list has not: kept as a paragraph. */
static int
is_block_alias(const char *name)
{
	return (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0') || strcmp(name, "blockquote") == 0;
}

/* A tag; returns 0 when it is to be written as text. */
static int
tag(struct san *s, const struct tag *t)
{
	enum elem e = find_elem(t->name);
	long at;

	if (e == E_NONE && dropped(s) && is_block_alias(t->name))
		e = E_P;
	if (e == E_NONE)
		return dropped(s);
	if (!t->close) {
		if (s->depth + 2 > MAX_DEPTH && e != E_BR)
			return dropped(s);
		open_elem(s, e, t);
		return 1;
	}
	at = open_at(s, e);
	if (at < 0 || e == E_BR)
		return dropped(s);
	pop_to(s, at);
	/* An <ul> made for lone items ends with them. */
	if (s->depth > 0 && s->implicit[s->depth - 1] && e == E_LI)
		pop(s);
	return 1;
}

/* A comment <!-- ... -->, left out when tags are; its length or 0. */
static size_t
comment(const struct san *s, const char *p, size_t n)
{
	const char *end;

	if (!dropped(s) || n < 4 || memcmp(p, "<!--", 4) != 0)
		return 0;
	for (end = p + 4; end + 3 <= p + n; end++)
		if (memcmp(end, "-->", 3) == 0)
			return (size_t)(end + 3 - p);
	return 0;
}

void
tk_put_safe_html(struct tk_out *o, const struct tk_str *v, enum tk_safe how,
    struct tk_repl *r)
{
	struct san s = { .o = o, .how = how, .r = r };
	size_t i = 0, run = 0, k;
	struct tag t;
	unsigned cp;
	char buf[4];

	while (i < v->n) {
		char c = v->p[i];
		if (c != '<' && c != '&') {
			i++;
			continue;
		}
		text(&s, v->p + run, i - run);
		run = i;
		if (c == '&') {
			k = parse_entity(v->p + i, v->n - i, &cp);
			if (k == 0) {
				i++;
				continue;
			}
			text(&s, buf, utf8_put(cp, buf));
		} else if ((k = comment(&s, v->p + i, v->n - i)) == 0) {
			k = parse_tag(v->p + i, v->n - i, &t);
			if (k == 0 || !tag(&s, &t)) {
				/* Not markup that is kept: text, '<' and all. */
				text(&s, v->p + i, k ? k : 1);
				k = k ? k : 1;
			}
		}
		i += k;
		run = i;
	}
	text(&s, v->p + run, v->n - run);
	while (s.depth > 0)
		pop(&s);
}
