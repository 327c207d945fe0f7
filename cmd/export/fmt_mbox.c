/*
 * fmt_mbox.c - talks export -t mbox: a mail to each speaker, made from a
 * template of header lines, a blank line and a body, in mbox form (RFC
 * 4155, with mboxrd's ">From " quoting) of RFC 5322 messages.
 *
 * The header lines are written by mailhead.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "mailhead.h"

struct mbox {
	struct tk_tmpl *head, *body;
	long long stamp;
	unsigned long n;           /* messages written */
	int has_to, has_date, has_id, has_mime;
	int uses_slot;             /* the template has {room}, {day}, {start} */
	unsigned long warned;      /* the line of the last unscheduled talk named */
	const char *warned_file;
	struct tk_buf b, v, msg;
};

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

/* Warns once for a talk whose {room}, {day} or {start} is empty. */
static void
warn_unscheduled(struct mbox *s, const struct tk_record *rec)
{
	static const long cols[] = { TK_ROOM, TK_DAY, TK_START };
	struct tk_err e;
	const struct tk_str *t = &rec->f[TK_TITLE];

	if (!s->uses_slot || (rec->line == s->warned &&
	    rec->file == s->warned_file))
		return;
	for (size_t i = 0; i < 3; i++)
		if ((size_t)cols[i] >= rec->nf || rec->f[cols[i]].n == 0) {
			tk_fail(&e, rec->file, rec->line, 0, "talk '%.*s' has "
			    "no room, day or start for the template",
			    tk_cut(t->p, t->n, 60), t->p);
			report(&e);
			s->warned = rec->line;
			s->warned_file = rec->file;
			return;
		}
}

/* One message to the speaker of b->vals; none without a usable email. */
static int
mbox_render(struct exporter *x, const struct batch *b)
{
	const struct tk_tmpl_vals *v = b->vals;
	struct mbox *s = x->state;
	struct tk_repl r = { 0, 0 };
	struct tk_str bad;
	char buf[128];
	size_t head;

	if (v->email->n == 0) {
		skip(v, "has no email");
		return 0;
	}
	if (!mail_good_address(v->email)) {
		skip(v, "has an email that cannot be used");
		return 0;
	}
	s->b.n = s->msg.n = s->v.n = 0;
	from_date(buf, sizeof(buf), s->stamp);
	tk_buf_adds(&s->msg, "From talks@localhost ");
	tk_buf_adds(&s->msg, buf);
	tk_buf_addc(&s->msg, '\n');
	head = s->msg.n;
	if (mail_headers(s->head, v, &s->msg, &r, &bad) < 0) {
		s->msg.n = head;
		tk_buf_adds(&s->msg, "has '");
		tk_buf_add(&s->msg, bad.p, bad.n);
		tk_buf_adds(&s->msg, "' in place of an address");
		skip(v, s->msg.p + head);
		return 0;
	}
	tk_tmpl_expand(s->body, v, 0, &s->v);
	tk_clean_text_r(&(struct tk_str){ s->v.p, s->v.n }, &s->b, &r);
	s->v.n = 0;
	if (!s->has_to)
		mail_to(&s->msg, v->speaker, v->email, &r);
	export_warn_repl(v->rec, &r);
	warn_unscheduled(s, v->rec);
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
	/* Each mail goes to a speaker's address: without any, none would. */
	if (common_need(x->c, TK_EMAIL, "-t mbox needs to address each "
	    "speaker's mail") < 0)
		goto out;
	s->has_date = has_header(b.p, hn, "date");
	s->has_id = has_header(b.p, hn, "message-id");
	s->has_mime = has_header(b.p, hn, "mime-version") ||
	    has_header(b.p, hn, "content-type");
	s->head = tk_tmpl_parse(x->c->r, b.p, hn ? hn - 1 : 0, name, flags, &e);
	s->body = tk_tmpl_parse(x->c->r, sep + 1, b.n - hn - 1, name, flags,
	    &e);
	for (size_t i = 0; i < 3; i++) {
		long col = (const long[]){ TK_ROOM, TK_DAY, TK_START }[i];
		s->uses_slot |= tk_tmpl_uses(s->head, col) ||
		    tk_tmpl_uses(s->body, col);
	}
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
