/*
 * page.c - talks read from a page of text, as conferences publish them.
 *
 * The page is read one block at a time (blocks end at lines of
 * underscores); a block is parsed when it is complete, and what it comes
 * to is handed out as events: skipped navigation lines first, then the
 * talk, the skipped block or the reason it cannot be read.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SEP_MIN 10   /* underscores that make a separator line */
#define QUOTE_MAX 60 /* bytes of a line quoted in a message */
#define TOO_LARGE "block larger than %zu bytes (see TALKS_MAX_RECORD)"

/* A line of the current block: text[off .. off + len), trimmed. */
struct line {
	size_t off, len;
	unsigned long no;
};

enum { SECT_DESCRIPTION, SECT_ABSTRACT, SECT_BIO, NSECT };

static const char *const sect_label[NSECT] = {
	"description", "abstract", "bio"
};

/* The levels a "Track, Level" line may end with (ASCII case ignored). */
static const char *const levels[] = { "Beginner", "Intermediate", "Advanced" };

enum { PG_NEW, PG_READING, PG_DONE };

struct tk_page {
	struct src s;
	size_t max;
	int state;
	unsigned long lineno;     /* the number of the next line */
	char *text;               /* the block's lines, back to back */
	size_t tlen, tcap;
	struct line *ln;
	size_t nln, lcap;
	char *field;              /* the text of the block's sections */
	size_t flen, fcap;
	size_t nav, navend;       /* navigation lines still to report */
	enum tk_page_event pending; /* what the block comes to after them */
	struct tk_err err;        /* for a pending skip or bad block */
	struct tk_talk talk;      /* for a pending talk */
};

struct tk_page *
tk_page_open(const char *path, size_t max_block)
{
	struct tk_page *p = tk_xcalloc(1, sizeof(*p));

	p->s.path = path;
	p->s.fd = -1;
	p->max = max_block ? max_block : TK_MAX_RECORD;
	p->lineno = 1;
	return p;
}

void
tk_page_close(struct tk_page *p)
{
	if (p == NULL)
		return;
	src_close(&p->s);
	free(p->text);
	free(p->ln);
	free(p->field);
	free(p);
}

/*
 * Sets *l and *n to the next line, without its LF or CRLF; the bytes are
 * valid until the next call.  Returns 1, 0 at the end, -1 on error.
 */
static int
get_line(struct tk_page *p, const char **l, size_t *n, struct tk_err *e)
{
	struct src *s = &p->s;
	size_t seen = 0;

	for (;;) {
		char *b = s->buf + s->beg;
		size_t avail = s->end - s->beg;
		char *nl = memchr(b + seen, '\n', avail - seen);
		if (nl != NULL || (s->eof && avail > 0)) {
			*l = b;
			*n = nl ? (size_t)(nl - b) : avail;
			s->beg += nl ? *n + 1 : avail;
			if (*n > 0 && b[*n - 1] == '\r')
				(*n)--;
			return 1;
		}
		if (s->eof)
			return 0;
		if (avail > p->max)
			return tk_fail(e, s->name, p->lineno, 0, TOO_LARGE,
			    p->max);
		seen = avail;
		if (src_fill(s, SRC_CHUNK, e) < 0)
			return -1;
	}
}

/* The length of l without trailing spaces, tabs and no-break spaces. */
static size_t
trim(const char *l, size_t n)
{
	while (n > 0) {
		if (l[n - 1] == ' ' || l[n - 1] == '\t')
			n--;
		else if (n >= 2 && l[n - 2] == '\xc2' && l[n - 1] == '\xa0')
			n -= 2;
		else
			break;
	}
	return n;
}

static int
is_separator(const char *l, size_t n)
{
	if (n < SEP_MIN)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (l[i] != '_')
			return 0;
	return 1;
}

static void
add_line(struct tk_page *p, const char *l, size_t n, unsigned long no)
{
	/* Allocated even for an empty line, so that line_text never sees NULL. */
	TK_GROW(p->text, p->tcap, p->tlen + n + 1);
	TK_GROW(p->ln, p->lcap, p->nln + 1);
	memcpy(p->text + p->tlen, l, n);
	p->ln[p->nln].off = p->tlen;
	p->ln[p->nln].len = n;
	p->ln[p->nln].no = no;
	p->nln++;
	p->tlen += n;
}

/*
 * Reads the lines up to the next separator or the end of the file into
 * the block.  Returns 1 when there was a line to read, 0 at the end of
 * the file, -1 on error.
 */
static int
read_block(struct tk_page *p, struct tk_err *e)
{
	const char *l = NULL;
	size_t n = 0;
	int rc, any = 0;

	p->tlen = p->nln = 0;
	while ((rc = get_line(p, &l, &n, e)) > 0) {
		unsigned long no = p->lineno++;
		any = 1;
		n = trim(l, n);
		if (is_separator(l, n))
			return 1;
		if (n > p->max - p->tlen)
			return tk_fail(e, p->s.name, no, 0, TOO_LARGE,
			    p->max);
		add_line(p, l, n, no);
	}
	return rc < 0 ? -1 : any;
}

static const char *
line_text(const struct tk_page *p, size_t i)
{
	return p->text + p->ln[i].off;
}

/*
 * The section whose label starts line i, or -1.  *rest is set to the
 * offset of the text after the colon and one space.
 */
static int
label(const struct tk_page *p, size_t i, size_t *rest)
{
	const char *l = line_text(p, i);
	size_t n = p->ln[i].len;

	for (int k = 0; k < NSECT; k++) {
		size_t m = strlen(sect_label[k]);
		if (n > m && l[m] == ':' && tk_equal_fold(l, m, sect_label[k],
		    m)) {
			*rest = m + 1;
			if (*rest < n && l[*rest] == ' ')
				(*rest)++;
			return k;
		}
	}
	return -1;
}

/*
 * Whether line i is a "Track, Level" line; *comma is set to the offset of
 * its last ", ".
 */
static int
track_line(const struct tk_page *p, size_t i, size_t *comma)
{
	const char *l = line_text(p, i);
	size_t n = p->ln[i].len, j = n;

	while (j >= 2 && !(l[j - 2] == ',' && l[j - 1] == ' '))
		j--;
	if (j < 3)
		return 0;
	for (size_t k = 0; k < sizeof(levels) / sizeof(levels[0]); k++) {
		if (tk_equal_fold(l + j, n - j, levels[k], strlen(levels[k]))) {
			*comma = j - 2;
			return 1;
		}
	}
	return 0;
}

/* How many bytes of l to quote: at most QUOTE_MAX, whole characters. */
static int
quote_len(const char *l, size_t n)
{
	return tk_cut(l, n, QUOTE_MAX);
}

/* Fills e with "what "line i"why", at line i. */
static void
describe(const struct tk_page *p, struct tk_err *e, size_t i,
    const char *what, const char *why)
{
	const char *l = line_text(p, i);
	int q = quote_len(l, p->ln[i].len);

	tk_fail(e, p->s.name, p->ln[i].no, 0, "%s \"%.*s%s\"%s", what, q, l,
	    (size_t)q < p->ln[i].len ? "..." : "", why);
}

/* Queues ev, described as describe does, for after the navigation lines. */
static void
queue(struct tk_page *p, enum tk_page_event ev, size_t i, const char *what,
    const char *why)
{
	describe(p, &p->err, i, what, why);
	p->pending = ev;
}

static int
blank(const struct tk_page *p, size_t i)
{
	return p->ln[i].len == 0;
}

/* Appends the text of lines from .. to of a section to p->field. */
static void
build_section(struct tk_page *p, size_t from, size_t to, size_t rest,
    size_t *off, size_t *len)
{
	int gap = 0;

	*off = p->flen;
	for (size_t i = from; i < to; i++) {
		const char *l = line_text(p, i);
		size_t n = p->ln[i].len;
		if (i == from) {
			l += rest;
			n -= rest;
		}
		if (n == 0) {
			gap = 1;
			continue;
		}
		TK_GROW(p->field, p->fcap, p->flen + n + 2);
		if (p->flen > *off) {
			p->field[p->flen++] = '\n';
			if (gap)
				p->field[p->flen++] = '\n';
		}
		gap = 0;
		memcpy(p->field + p->flen, l, n);
		p->flen += n;
	}
	*len = p->flen - *off;
}

static struct tk_str
slice(const struct tk_page *p, size_t i, size_t off, size_t len)
{
	struct tk_str v = { line_text(p, i) + off, len };
	return v;
}

/*
 * Reads the sections after the "Track, Level" line t into p->talk.
 * Returns -1 after queueing a bad block.
 */
static int
parse_sections(struct tk_page *p, size_t t)
{
	size_t start[NSECT], end[NSECT], rest[NSECT], off[NSECT], len[NSECT];
	struct tk_str *out[NSECT] = { &p->talk.description,
	    &p->talk.abstract, &p->talk.bio };
	int cur = -1, seen[NSECT] = { 0 };
	size_t r, c;

	for (size_t i = t + 1; i < p->nln; i++) {
		int k = label(p, i, &r);
		if (k >= 0 && seen[k]) {
			queue(p, TK_PAGE_BAD, i, "second section label", "");
			return -1;
		}
		if (k >= 0) {
			if (cur >= 0)
				end[cur] = i;
			seen[k] = 1;
			start[k] = i;
			rest[k] = r;
			cur = k;
		} else if (blank(p, i)) {
			continue;
		} else if (cur < 0) {
			queue(p, TK_PAGE_BAD, i, "text", " between the \"Track, "
			    "Level\" line and the first section label");
			return -1;
		} else if (track_line(p, i, &c)) {
			queue(p, TK_PAGE_BAD, i, "second \"Track, Level\" line",
			    " in one block (is a separator line missing?)");
			return -1;
		}
	}
	if (cur >= 0)
		end[cur] = p->nln;
	p->flen = 0;
	for (int k = 0; k < NSECT; k++) {
		off[k] = len[k] = 0;
		if (seen[k])
			build_section(p, start[k], end[k], rest[k], &off[k],
			    &len[k]);
	}
	/* p->field is complete now: it will not move. */
	for (int k = 0; k < NSECT; k++) {
		out[k]->p = len[k] ? p->field + off[k] : "";
		out[k]->n = len[k];
	}
	return 0;
}

/* Works out what the block in p->text comes to, and queues it. */
static void
parse_block(struct tk_page *p)
{
	size_t n = p->nln, first = n, lab = n, t = n, r, c = 0;
	size_t last1 = n, last2 = n;

	p->pending = TK_PAGE_END;
	p->nav = p->navend = 0;
	for (size_t i = 0; i < n && t == n; i++) {
		if (blank(p, i))
			continue;
		if (first == n)
			first = i;
		if (lab == n && label(p, i, &r) >= 0)
			lab = i;
		if (track_line(p, i, &c))
			t = i;
	}
	if (first == n)
		return;
	if (lab < t) {
		queue(p, TK_PAGE_BAD, lab, "section label", " with no \"Track, "
		    "Level\" line before it");
		return;
	}
	if (t == n) {
		queue(p, TK_PAGE_SKIP, first, "skipped block", ": no \"Track, "
		    "Level\" line in it");
		return;
	}
	for (size_t i = t; i-- > 0 && last2 == n;) {
		if (blank(p, i))
			continue;
		if (last1 == n)
			last1 = i;
		else
			last2 = i;
	}
	if (last1 == n) {
		queue(p, TK_PAGE_BAD, t, "no title before the line", "");
		return;
	}
	if (parse_sections(p, t) < 0)
		return;
	if (last2 != n) {
		p->talk.title = slice(p, last2, 0, p->ln[last2].len);
		p->talk.speaker = slice(p, last1, 0, p->ln[last1].len);
		p->talk.line = p->ln[last2].no;
		p->navend = last2;
	} else {
		p->talk.title = slice(p, last1, 0, p->ln[last1].len);
		p->talk.speaker = slice(p, last1, 0, 0);
		p->talk.line = p->ln[last1].no;
	}
	p->talk.track = slice(p, t, 0, c);
	p->talk.level = slice(p, t, c + 2, p->ln[t].len - c - 2);
	p->pending = TK_PAGE_TALK;
}

/* Opens the file and reads the first block; returns -1 on error. */
static int
next_block(struct tk_page *p, struct tk_err *e)
{
	struct tk_inopts opts = { .dialect = TK_AUTO };
	int rc;

	if (p->state == PG_NEW) {
		p->state = PG_READING;
		if (src_open(&p->s, &opts, e) < 0) {
			p->state = PG_DONE;
			return -1;
		}
	}
	rc = read_block(p, e);
	if (rc <= 0)
		p->state = PG_DONE;
	return rc;
}

enum tk_page_event
tk_page_next(struct tk_page *p, struct tk_talk *t, struct tk_err *e)
{
	for (;;) {
		while (p->nav < p->navend && blank(p, p->nav))
			p->nav++;
		if (p->nav < p->navend) {
			describe(p, e, p->nav++, "skipped text", "");
			return TK_PAGE_SKIP;
		}
		if (p->pending != TK_PAGE_END) {
			enum tk_page_event ev = p->pending;
			p->pending = TK_PAGE_END;
			if (ev == TK_PAGE_TALK)
				*t = p->talk;
			else
				*e = p->err;
			return ev;
		}
		if (p->state == PG_DONE)
			return TK_PAGE_END;
		switch (next_block(p, e)) {
		case -1:
			return TK_PAGE_ERROR;
		case 0:
			return TK_PAGE_END;
		}
		parse_block(p);
	}
}
