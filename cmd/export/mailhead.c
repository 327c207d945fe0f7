/*
 * mailhead.c - the header lines of -t mbox's mails (RFC 5322, RFC 2047):
 * values from data on one line, without control characters, with
 * encoded words for what is not plain ASCII (and only for valid UTF-8),
 * folded at 78 characters and never longer than 998; in address headers
 * the values from data written as a display name or checked as an
 * address, so that data can add no recipient.
 */
#include <string.h>

#include "export.h"
#include "mailhead.h"

#define FOLD 78          /* where lines are folded (RFC 5322 2.1.1) */
#define LONG_WORD 60     /* longer words are encoded, and so split */

/* ------------------------------------------------------------ encoding */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
base64(struct tk_buf *out, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		tk_buf_addc(out, b64[v >> 18 & 63]);
		tk_buf_addc(out, b64[v >> 12 & 63]);
		tk_buf_addc(out, i + 1 < n ? b64[v >> 6 & 63] : '=');
		tk_buf_addc(out, i + 2 < n ? b64[v & 63] : '=');
	}
}

/*
 * Appends p (n bytes of valid UTF-8) as encoded words of 64 characters
 * at most, split between characters and separated by spaces, where the
 * lines may be folded.
 */
static void
encode_words(struct tk_buf *out, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t k = i;
		/* 39 bytes make 52 base64 characters, 64 with the frame. */
		while (k < n) {
			size_t len = 1;
			while (k + len < n &&
			    ((unsigned char)p[k + len] & 0xc0) == 0x80)
				len++;
			if (k + len - i > 39)
				break;
			k += len;
		}
		if (k == i)
			k = i + 1;
		if (i > 0)
			tk_buf_addc(out, ' ');
		tk_buf_adds(out, "=?UTF-8?B?");
		base64(out, (const unsigned char *)p + i, k - i);
		tk_buf_adds(out, "?=");
		i = k;
	}
}

/*
 * Whether word p (n bytes) must be an encoded word: it has other than
 * ASCII, it looks like one (and would be decoded), or it is too long to
 * fold.
 */
static int
needs_encoding(const char *p, size_t n)
{
	if (n > LONG_WORD)
		return 1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] >= 0x80 ||
		    (p[i] == '=' && i + 1 < n && p[i + 1] == '?'))
			return 1;
	return 0;
}

/*
 * Appends text v (n bytes): plain words as they are, each run of words
 * that need encoding as encoded words (the spaces inside the run go into
 * the encoding, as RFC 2047 ignores the space between encoded words).
 */
static void
add_text(struct tk_buf *out, const char *v, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t w = i, last;
		while (w < n && v[w] != ' ')
			w++;
		if (!needs_encoding(v + i, w - i)) {
			tk_buf_add(out, v + i, w - i);
			if (w < n)
				tk_buf_addc(out, ' ');
			i = w + 1;
			continue;
		}
		/* The run goes on while the next word needs encoding too. */
		last = w;
		while (last < n) {
			size_t nx = last + 1, e = nx;
			while (e < n && v[e] != ' ')
				e++;
			if (!needs_encoding(v + nx, e - nx))
				break;
			last = e;
		}
		encode_words(out, v + i, last - i);
		if (last < n)
			tk_buf_addc(out, ' ');
		i = last + 1;
	}
}

/* Whether c may stand in a display name without quotes (atext, space). */
static int
atext(unsigned char c)
{
	return c == ' ' || (c > ' ' && c < 0x7f &&
	    strchr("()<>[]:;@\\,.\"", c) == NULL);
}

/*
 * Appends name (valid UTF-8, on one line) as the display name of an
 * address: as it is, quoted, or as encoded words.
 */
static void
add_phrase(struct tk_buf *out, const char *p, size_t n)
{
	int plain = 1;

	for (size_t i = 0; i < n; i++)
		if (!atext((unsigned char)p[i]))
			plain = 0;
	for (size_t i = 0, w = 0; i <= n; i++) {
		if (i < n && p[i] != ' ')
			continue;
		if (needs_encoding(p + w, i - w)) {
			encode_words(out, p, n);
			return;
		}
		w = i + 1;
	}
	if (plain) {
		tk_buf_add(out, p, n);
		return;
	}
	tk_buf_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"' || p[i] == '\\')
			tk_buf_addc(out, '\\');
		tk_buf_addc(out, p[i]);
	}
	tk_buf_addc(out, '"');
}

int
mail_good_address(const struct tk_str *e)
{
	int at = 0;

	if (e->n == 0 || e->n > 254)
		return 0;
	for (size_t i = 0; i < e->n; i++) {
		unsigned char c = (unsigned char)e->p[i];
		if (c <= ' ' || c >= 0x7f || strchr("<>()[]\\,;:\"", c))
			return 0;
		at += c == '@';
	}
	return at == 1 && e->p[0] != '@' && e->p[e->n - 1] != '@';
}

/*
 * Appends v on one line: each control character (a CRLF counts as one)
 * a space, what is not UTF-8 and the characters that HTML forbids too
 * (DEL, C1, noncharacters) U+FFFD, counted in r; blanks around dropped
 * when trim.
 */
static void
add_clean(struct tk_buf *out, const struct tk_str *v, int trim,
    struct tk_repl *r)
{
	size_t i = 0, n = v->n, len, start = out->n;

	tk_buf_add(out, "", 0);
	while (i < n) {
		unsigned char c = (unsigned char)v->p[i];
		int kind;

		if (c < 0x20) {
			if (!(c == '\r' && i + 1 < n && v->p[i + 1] == '\n'))
				tk_buf_addc(out, ' ');
			i++;
			continue;
		}
		kind = tk_char_kind(v->p + i, n - i, 1, &len);
		tk_repl_put(out, v->p + i, len, kind, r);
		i += len;
	}
	if (!trim)
		return;
	while (out->n > start && out->p[out->n - 1] == ' ')
		out->n--;
	for (i = start; i < out->n && out->p[i] == ' '; i++)
		;
	memmove(out->p + start, out->p + i, out->n - i);
	out->n -= i - start;
	out->p[out->n] = '\0';
}

/*
 * Appends line p (n bytes, "Name: value") folded: a line break before a
 * space where the line would pass FOLD characters, never in the name.
 */
static void
add_folded(struct tk_buf *out, const char *p, size_t n)
{
	const char *colon = memchr(p, ':', n);
	size_t start = 0, sp = 0, first = colon ? (size_t)(colon - p) + 2 : n;

	while (n > 0 && p[n - 1] == ' ')
		n--;
	for (size_t i = first; i < n; i++) {
		if (p[i] != ' ')
			continue;
		if (i - start > FOLD && sp > start) {
			tk_buf_add(out, p + start, sp - start);
			tk_buf_addc(out, '\n');
			start = sp;
		}
		sp = i;
	}
	if (n - start > FOLD && sp > start) {
		tk_buf_add(out, p + start, sp - start);
		tk_buf_addc(out, '\n');
		start = sp;
	}
	tk_buf_add(out, p + start, n - start);
	tk_buf_addc(out, '\n');
}

void
mail_to(struct tk_buf *out, const struct tk_str *name,
    const struct tk_str *email, struct tk_repl *r)
{
	struct tk_buf line = { 0 }, clean = { 0 };

	tk_buf_adds(&line, "To: ");
	add_clean(&clean, name, 1, r);
	if (clean.n > 0) {
		add_phrase(&line, clean.p, clean.n);
		tk_buf_addc(&line, ' ');
	}
	tk_buf_addc(&line, '<');
	tk_buf_add(&line, email->p, email->n);
	tk_buf_addc(&line, '>');
	add_folded(out, line.p, line.n);
	tk_buf_free(&line);
	tk_buf_free(&clean);
}

/* ------------------------------------------------------ template headers */

/* The state of the header being written. */
struct head {
	struct tk_buf line;   /* "Name: value" so far */
	struct tk_buf text;   /* text not yet written to line */
	struct tk_buf tmp;
	int in_value;         /* past the name's ':' */
	int address;          /* an address header */
	int angle;            /* inside '<' ... '>' */
};

static int
address_header(const char *name, size_t n)
{
	static const char *const names[] = { "to", "cc", "bcc", "reply-to",
		"from", "sender", "resent-to", "resent-cc", "resent-bcc",
		"resent-from", "resent-sender" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (tk_equal_fold(name, n, names[i], strlen(names[i])))
			return 1;
	return 0;
}

/* Writes the text gathered so far to the line. */
static void
flush_text(struct head *h)
{
	add_text(&h->line, h->text.p ? h->text.p : "", h->text.n);
	h->text.n = 0;
}

/* Ends the header: writes it, folded. */
static void
end_header(struct head *h, struct tk_buf *out)
{
	flush_text(h);
	if (h->line.n > 0)
		add_folded(out, h->line.p, h->line.n);
	h->line.n = h->text.n = 0;
	h->in_value = h->address = h->angle = 0;
}

/*
 * Whether placeholder i of t in an address header is a display name: an
 * address in angle brackets follows it, before any ',' or the end.
 */
static int
before_angle(const struct tk_tmpl *t, size_t i, const struct tk_tmpl_vals *v)
{
	struct tk_str s;

	for (size_t k = i + 1; k < tk_tmpl_npieces(t); k++) {
		if (tk_tmpl_piece(t, k, v, &s) != -1)
			continue;
		for (size_t j = 0; j < s.n; j++) {
			if (s.p[j] == '<')
				return 1;
			if (s.p[j] == ',' || (s.p[j] == '\n' &&
			    (j + 1 >= s.n || (s.p[j + 1] != ' ' &&
			    s.p[j + 1] != '\t'))))
				return 0;
		}
	}
	return 0;
}

/* One character of the template's literal text; c2 the next, or -1. */
static void
literal(struct head *h, char c, int c2, struct tk_buf *out)
{
	if (c == '\r')
		return;
	if (c == '\n' && c2 != ' ' && c2 != '\t') {
		end_header(h, out);
		return;
	}
	if (c == '\n' || c == '\t')
		c = ' ';
	if (!h->in_value) {
		tk_buf_addc(&h->line, c);
		if (c == ':') {
			h->address = address_header(h->line.p, h->line.n - 1);
			h->in_value = 1;
			tk_buf_addc(&h->line, ' ');
		}
		return;
	}
	if (c == ' ' && h->line.n > 0 && h->line.p[h->line.n - 1] == ' ' &&
	    h->text.n == 0)
		return;
	if (h->address && c == '<')
		h->angle = 1;
	if (h->address && c == '>')
		h->angle = 0;
	tk_buf_addc(&h->text, c);
}

/* A placeholder's value v in an address header; -1 for a bad address. */
static int
address_value(struct head *h, const struct tk_str *v, int phrase,
    struct tk_repl *r)
{
	h->tmp.n = 0;
	add_clean(&h->tmp, v, 1, r);
	flush_text(h);
	if (phrase) {
		if (h->tmp.n > 0)
			add_phrase(&h->line, h->tmp.p, h->tmp.n);
		return 0;
	}
	if (!mail_good_address(&(struct tk_str){ h->tmp.p, h->tmp.n }))
		return -1;
	tk_buf_add(&h->line, h->tmp.p, h->tmp.n);
	return 0;
}

int
mail_headers(const struct tk_tmpl *t, const struct tk_tmpl_vals *v,
    struct tk_buf *out, struct tk_repl *r, struct tk_str *bad)
{
	struct head h = { 0 };
	struct tk_str s;
	int rc = 0;

	for (size_t i = 0; i < tk_tmpl_npieces(t) && rc == 0; i++) {
		if (tk_tmpl_piece(t, i, v, &s) == -1) {
			for (size_t k = 0; k < s.n; k++)
				literal(&h, s.p[k], k + 1 < s.n ?
				    (unsigned char)s.p[k + 1] : -1, out);
		} else if (h.address) {
			rc = address_value(&h, &s, !h.angle &&
			    before_angle(t, i, v), r);
			if (rc < 0)
				*bad = s;
		} else {
			add_clean(&h.text, &s, 0, r);
		}
	}
	if (rc == 0)
		end_header(&h, out);
	tk_buf_free(&h.line);
	tk_buf_free(&h.text);
	tk_buf_free(&h.tmp);
	return rc;
}
