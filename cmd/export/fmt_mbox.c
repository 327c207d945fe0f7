/*
 * fmt_mbox.c - talks export -t mbox: a mail to each speaker, made from a
 * template of header lines, a blank line and a body, in mbox form (RFC
 * 4155, with mboxrd's ">From " quoting) of RFC 5322 messages.
 *
 * Header values are expanded with line breaks as spaces, so that data
 * can never add a header or end the headers early; non-ASCII words are
 * RFC 2047 encoded words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

struct mbox {
	struct tk_tmpl *head, *body;
	long long stamp;
	unsigned long n;           /* messages written */
	int has_to, has_date, has_id, has_mime;
	struct tk_buf h, b, v, msg;
};

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
 * Appends p (n bytes of UTF-8) as encoded words of at most 75 characters,
 * split between characters, each after a folding line break but the first.
 */
static void
encode_words(struct tk_buf *out, const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t k = i;
		/* 45 bytes make 60 base64 characters, 72 with the frame. */
		while (k < n && k - i < 45) {
			size_t len = 1;
			while (k + len < n &&
			    ((unsigned char)p[k + len] & 0xc0) == 0x80)
				len++;
			if (k + len - i > 45)
				break;
			k += len;
		}
		if (k == i)
			k = i + 1;
		if (i > 0)
			tk_buf_adds(out, "\n ");
		tk_buf_adds(out, "=?UTF-8?B?");
		base64(out, (const unsigned char *)p + i, k - i);
		tk_buf_adds(out, "?=");
		i = k;
	}
}

static int
ascii(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * Appends header value v: ASCII words as they are, each run of words
 * with other characters as encoded words (the spaces inside the run go
 * into the encoding, as RFC 2047 ignores the space between words).
 */
static void
add_value(struct tk_buf *out, const char *v, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t w = i, run_end = i, last;
		while (w < n && v[w] != ' ')
			w++;
		if (ascii(v + i, w - i)) {
			tk_buf_add(out, v + i, w - i);
			if (w < n)
				tk_buf_addc(out, ' ');
			i = w + 1;
			continue;
		}
		/* The run goes on while the next word is not ASCII either. */
		last = w;
		run_end = w;
		while (run_end < n) {
			size_t nx = run_end + 1, e = nx;
			while (e < n && v[e] != ' ')
				e++;
			if (ascii(v + nx, e - nx))
				break;
			run_end = last = e;
		}
		encode_words(out, v + i, last - i);
		if (last < n)
			tk_buf_addc(out, ' ');
		i = last + 1;
	}
}

/* The characters that make a display name need quotes (RFC 5322). */
static int
special(char c)
{
	return strchr("()<>[]:;@\\,.\"", c) != NULL;
}

/* Appends "name <email>" with the name encoded or quoted as it needs. */
static void
add_mailbox(struct tk_buf *out, const struct tk_str *name,
    const struct tk_str *email)
{
	int quote = 0;

	for (size_t i = 0; i < name->n; i++)
		if (special(name->p[i]))
			quote = 1;
	if (name->n == 0) {
		/* just the address */
	} else if (!ascii(name->p, name->n)) {
		encode_words(out, name->p, name->n);
		tk_buf_addc(out, ' ');
	} else if (quote) {
		tk_buf_addc(out, '"');
		for (size_t i = 0; i < name->n; i++) {
			if (name->p[i] == '"' || name->p[i] == '\\')
				tk_buf_addc(out, '\\');
			tk_buf_addc(out, name->p[i]);
		}
		tk_buf_adds(out, "\" ");
	} else {
		tk_buf_add(out, name->p, name->n);
		tk_buf_addc(out, ' ');
	}
	tk_buf_addc(out, '<');
	tk_buf_add(out, email->p, email->n);
	tk_buf_addc(out, '>');
}

/* Whether e looks like an address that can go between < and >. */
static int
good_email(const struct tk_str *e)
{
	int at = 0;

	for (size_t i = 0; i < e->n; i++) {
		unsigned char c = (unsigned char)e->p[i];
		if (c <= ' ' || c >= 0x7f || strchr("<>()[]\\,;:\"", c))
			return 0;
		at += c == '@';
	}
	return at == 1 && e->p[0] != '@' && e->p[e->n - 1] != '@';
}

/* ---------------------------------------------------------------- dates */

static void
rfc5322_date(char *buf, size_t n, long long t)
{
	static const char *const wd[] = { "Thu", "Fri", "Sat", "Sun", "Mon",
		"Tue", "Wed" };
	static const char *const mo[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tk_time tm;
	long long d = t / 86400;

	tk_time_from_epoch(t, &tm);
	snprintf(buf, n, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    wd[((d % 7) + 7) % 7], tm.mday, mo[tm.mon - 1], tm.year, tm.hour,
	    tm.min, tm.sec);
}

/* The date of a From_ line, as asctime writes it. */
static void
from_date(char *buf, size_t n, long long t)
{
	char tmp[64];

	rfc5322_date(tmp, sizeof(tmp), t);
	/* "Sat, 20 Aug 2016 00:00:00 +0000" -> "Sat Aug 20 00:00:00 2016" */
	snprintf(buf, n, "%.3s %.3s %.2s %.8s %.4s", tmp, tmp + 8, tmp + 5,
	    tmp + 17, tmp + 12);
	/* asctime pads the day with a space. */
	if (n > 8 && buf[8] == '0')
		buf[8] = ' ';
}

/* ------------------------------------------------------------- messages */

/* Appends the expanded headers, each value encoded. */
static void
add_headers(struct mbox *s, const struct tk_buf *h)
{
	size_t i = 0;

	while (i < h->n) {
		size_t e = i, colon;
		/* A header with its continuation lines, unfolded. */
		while (e < h->n) {
			while (e < h->n && h->p[e] != '\n')
				e++;
			if (e + 1 < h->n && (h->p[e + 1] == ' ' ||
			    h->p[e + 1] == '\t'))
				e++;
			else
				break;
		}
		s->v.n = 0;
		for (size_t k = i; k < e; k++)
			tk_buf_addc(&s->v, h->p[k] == '\n' || h->p[k] == '\r' ||
			    h->p[k] == '\t' ? ' ' : h->p[k]);
		colon = strchr(s->v.p, ':') - s->v.p;
		tk_buf_add(&s->msg, s->v.p, colon + 1);
		tk_buf_addc(&s->msg, ' ');
		size_t vb = colon + 1;
		while (vb < s->v.n && s->v.p[vb] == ' ')
			vb++;
		size_t ve = s->v.n;
		while (ve > vb && s->v.p[ve - 1] == ' ')
			ve--;
		add_value(&s->msg, s->v.p + vb, ve - vb);
		tk_buf_addc(&s->msg, '\n');
		i = e + 1;
	}
}

/* Appends the body: line ends as LF, ">From " quoting, a last LF. */
static void
add_body(struct tk_buf *out, const char *p, size_t n)
{
	int bol = 1;

	for (size_t i = 0; i < n; i++) {
		if (bol) {
			size_t k = i;
			while (k < n && p[k] == '>')
				k++;
			if (n - k >= 5 && memcmp(p + k, "From ", 5) == 0)
				tk_buf_addc(out, '>');
		}
		bol = 0;
		if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
			continue;
		if (p[i] == '\r' || p[i] == '\n') {
			tk_buf_addc(out, '\n');
			bol = 1;
		} else {
			tk_buf_addc(out, p[i]);
		}
	}
	if (!bol)
		tk_buf_addc(out, '\n');
}

static void
skip(const struct tk_tmpl_vals *v, const char *why)
{
	const struct tk_str *t = &v->rec->f[TK_TITLE];
	struct tk_err e;

	tk_fail(&e, v->rec->file, v->rec->line, 0, "speaker '%.*s' of talk "
	    "'%.*s' %s, skipped", tk_cut(v->speaker->p, v->speaker->n, 60),
	    v->speaker->p, tk_cut(t->p, t->n, 60), t->p, why);
	report(&e);
}

static unsigned long long
fnv(unsigned long long h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* One message to the speaker of b->vals; none without a usable email. */
static int
mbox_render(struct exporter *x, const struct batch *b)
{
	const struct tk_tmpl_vals *v = b->vals;
	struct mbox *s = x->state;
	char buf[128];
	size_t bad;

	if (v->email->n == 0) {
		skip(v, "has no email");
		return 0;
	}
	if (!good_email(v->email)) {
		skip(v, "has an email that cannot be used");
		return 0;
	}
	s->h.n = s->b.n = s->msg.n = s->v.n = 0;
	tk_tmpl_expand(s->head, v, TK_TMPL_FLAT, &s->v);
	bad = tk_clean_text(&(struct tk_str){ s->v.p, s->v.n }, &s->h);
	s->v.n = 0;
	tk_tmpl_expand(s->body, v, 0, &s->v);
	bad += tk_clean_text(&(struct tk_str){ s->v.p, s->v.n }, &s->b);
	s->v.n = 0;
	if (bad)
		export_warn_utf8(x, v->rec);
	from_date(buf, sizeof(buf), s->stamp);
	tk_buf_adds(&s->msg, "From talks@localhost ");
	tk_buf_adds(&s->msg, buf);
	tk_buf_addc(&s->msg, '\n');
	add_headers(s, &s->h);
	if (!s->has_to) {
		tk_buf_adds(&s->msg, "To: ");
		add_mailbox(&s->msg, v->speaker, v->email);
		tk_buf_addc(&s->msg, '\n');
	}
	if (!s->has_date) {
		rfc5322_date(buf, sizeof(buf), s->stamp);
		tk_buf_adds(&s->msg, "Date: ");
		tk_buf_adds(&s->msg, buf);
		tk_buf_addc(&s->msg, '\n');
	}
	s->n++;
	if (!s->has_id) {
		unsigned long long h = fnv(fnv(0xcbf29ce484222325ULL,
		    v->email->p, v->email->n), s->b.p, s->b.n);
		snprintf(buf, sizeof(buf), "Message-ID: <%lld.%lu.%016llx@"
		    "talks.invalid>\n", s->stamp, s->n, h);
		tk_buf_adds(&s->msg, buf);
	}
	if (!s->has_mime)
		tk_buf_adds(&s->msg, "MIME-Version: 1.0\nContent-Type: "
		    "text/plain; charset=UTF-8\nContent-Transfer-Encoding: "
		    "8bit\n");
	tk_buf_addc(&s->msg, '\n');
	add_body(&s->msg, s->b.p, s->b.n);
	tk_buf_addc(&s->msg, '\n');
	tk_out_write(x->out, s->msg.p, s->msg.n);
	return 0;
}

/* ------------------------------------------------------------ templates */

/* Whether the header lines of the template have header name, case aside. */
static int
has_header(const char *h, size_t n, const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < n;) {
		if (n - i > len && h[i + len] == ':' &&
		    tk_equal_fold(h + i, len, name, len))
			return 1;
		while (i < n && h[i] != '\n')
			i++;
		i++;
	}
	return 0;
}

/*
 * Checks that each line before the blank one is "Name: value" or
 * continues the one before; -1 after reporting.
 */
static int
check_headers(const char *name, const char *h, size_t n)
{
	unsigned long line = 1;
	struct tk_err e;

	for (size_t i = 0; i < n; line++) {
		size_t k = i;
		if (h[i] != ' ' && h[i] != '\t') {
			/* A name from data could be any header: none. */
			while (k < n && h[k] > ' ' && h[k] < 0x7f &&
			    h[k] != ':' && h[k] != '{' && h[k] != '}')
				k++;
			if (k == i || k == n || h[k] != ':') {
				tk_fail(&e, name, line, 1, "not a mail header "
				    "line: write 'Name: value' lines, a blank "
				    "line, then the body");
				report(&e);
				return -1;
			}
		} else if (line == 1) {
			tk_fail(&e, name, line, 1, "the first header line "
			    "cannot be a continuation");
			report(&e);
			return -1;
		}
		while (i < n && h[i] != '\n')
			i++;
		i++;
	}
	return 0;
}

static int
load(struct exporter *x, struct mbox *s)
{
	struct tk_buf b = { 0 };
	struct tk_err e;
	const char *name, *sep;
	size_t hn;
	int flags = x->unique ? TK_TMPL_ALLOW_TITLES : 0, rc = -1;
	struct tk_tmpl *all;

	if (template_text(x, &b, &name) < 0)
		return -1;
	tk_buf_add(&b, "", 0);
	/* The whole first, so that errors give their place in it. */
	if ((all = tk_tmpl_parse(x->c->r, b.p, b.n, name, flags, &e)) == NULL) {
		report(&e);
		goto out;
	}
	tk_tmpl_free(all);
	if (b.n > 0 && b.p[0] == '\n')
		sep = b.p;
	else if ((sep = strstr(b.p, "\n\n")) != NULL)
		sep++;
	if (sep == NULL) {
		tk_fail(&e, name, 0, 0, "no blank line between the mail "
		    "headers and the body");
		report(&e);
		goto out;
	}
	hn = (size_t)(sep - b.p);
	if (check_headers(name, b.p, hn) < 0)
		goto out;
	s->has_to = has_header(b.p, hn, "to");
	s->has_date = has_header(b.p, hn, "date");
	s->has_id = has_header(b.p, hn, "message-id");
	s->has_mime = has_header(b.p, hn, "mime-version") ||
	    has_header(b.p, hn, "content-type");
	s->head = tk_tmpl_parse(x->c->r, b.p, hn ? hn - 1 : 0, name, flags, &e);
	s->body = tk_tmpl_parse(x->c->r, sep + 1, b.n - hn - 1, name, flags,
	    &e);
	rc = 0;
out:
	tk_buf_free(&b);
	return rc;
}

static void
mbox_check(struct exporter *x)
{
	if (x->o->output_dir || x->o->name)
		misuse(x->c, "-t mbox writes one mailbox to standard output: "
		    "no --output-dir or --name");
	if (x->o->page)
		misuse(x->c, "-t mbox takes no --page");
}

static int
mbox_begin(struct exporter *x)
{
	struct mbox *s = tk_xcalloc(1, sizeof(*s));

	if (export_stamp(x, &s->stamp) < 0) {
		free(s);
		return -1;
	}
	if (load(x, s) < 0) {
		free(s);
		return -1;
	}
	x->state = s;
	return 0;
}

static int
mbox_end(struct exporter *x)
{
	struct mbox *s = x->state;

	tk_tmpl_free(s->head);
	tk_tmpl_free(s->body);
	tk_buf_free(&s->h);
	tk_buf_free(&s->b);
	tk_buf_free(&s->v);
	tk_buf_free(&s->msg);
	free(s);
	return 0;
}

const struct format fmt_mbox = {
	.name = "mbox",
	.summary = "a mail to each speaker from --template, in mbox form",
	.gather = GATHER_EACH,
	.speakers = SPEAKERS_ALWAYS,
	.check = mbox_check,
	.begin = mbox_begin,
	.render = mbox_render,
	.end = mbox_end,
};
