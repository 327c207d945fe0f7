/*
 * fmt_markdown.c - markdown: a section per track, in the order the tracks
 * first appear, with a table of its talks; with --long, a section per
 * talk instead.  Values are escaped so that they read as text: markup
 * characters get a backslash, and in tables '|' and line breaks cannot
 * end a cell or a row.
 */
#include <stdlib.h>
#include <string.h>

#include "export.h"

struct md {
	size_t *cols, ncols;   /* the fields shown: the chosen ones, no track */
	struct tk_repl bad;    /* what the record being written had replaced */
};

/* How line breaks in a value are written. */
enum md_mode {
	MD_CELL,               /* as <br>, inside a table cell */
	MD_LINE,               /* as spaces, in a heading or list item */
};

/* Whether c would be read as markup anywhere on a line. */
static int
is_markup(char c)
{
	return c != '\0' && strchr("\\`*_[]<>|~#", c) != NULL;
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Writes the bytes p[0 .. n) of one line, escaped; at_start: the line
 * starts a block, where list, quote and heading markers count.
 */
static void
put_inline(struct md *st, struct tk_out *o, const char *p, size_t n,
    int at_start)
{
	size_t i = 0, k;
	int ok;

	if (at_start && n > 0 && p[0] != '\0' && strchr("-+=>", p[0])) {
		tk_out_putc(o, '\\');
		tk_out_putc(o, p[0]);
		i = 1;
	} else if (at_start) {
		/* "1." and "1)" start ordered lists. */
		for (k = 0; k < n && p[k] >= '0' && p[k] <= '9';)
			k++;
		if (k > 0 && k < n && (p[k] == '.' || p[k] == ')')) {
			tk_out_write(o, p, k);
			tk_out_putc(o, '\\');
			i = k;
		}
	}
	for (; i < n; i += k) {
		k = 1;
		if ((unsigned char)p[i] >= 0x80) {
			k = tk_utf8_seq(p + i, n - i, &ok);
			if (ok) {
				tk_out_write(o, p + i, k);
			} else {
				tk_out_write(o, "\xef\xbf\xbd", 3);
				tk_repl_add(&st->bad, TK_CH_BAD_UTF8);
			}
			continue;
		}
		/* No raw NUL, ESC or other control but tab. */
		if (((unsigned char)p[i] < 0x20 && p[i] != '\t') ||
		    p[i] == 0x7f) {
			tk_out_write(o, "\xef\xbf\xbd", 3);
			tk_repl_add(&st->bad, TK_CH_CONTROL);
			continue;
		}
		if (is_markup(p[i]) || (p[i] == '&' && i + 1 < n &&
		    (is_alpha(p[i + 1]) || p[i + 1] == '#')))
			tk_out_putc(o, '\\');
		tk_out_putc(o, p[i]);
	}
}

static void
trim(struct tk_str *v)
{
	while (v->n > 0 && (v->p[0] == ' ' || v->p[0] == '\t')) {
		v->p++;
		v->n--;
	}
	while (v->n > 0 && (v->p[v->n - 1] == ' ' || v->p[v->n - 1] == '\t'))
		v->n--;
}

/*
 * Writes v on one line: a table cell, a heading or a list item.  Blanks
 * around lines are dropped, as markdown would drop them.
 */
static void
put_line_value(struct md *st, struct tk_out *o, const struct tk_str *v,
    enum md_mode mode)
{
	struct tk_str line;
	size_t pos = 0;
	int first = 1;

	while (export_next_line(v, &pos, &line)) {
		if (!first)
			tk_out_puts(o, mode == MD_CELL ? "<br>" : " ");
		first = 0;
		trim(&line);
		put_inline(st, o, line.p, line.n, 0);
	}
}

/*
 * Writes v as paragraphs: blank lines part them, and other line breaks
 * are kept as hard breaks.  Blanks around lines are dropped, as they
 * would turn a line into code.
 */
static void
put_block(struct md *st, struct tk_out *o, const struct tk_str *v)
{
	struct tk_str line;
	size_t pos = 0;
	int written = 0, blank = 0;

	while (export_next_line(v, &pos, &line)) {
		trim(&line);
		if (line.n == 0) {
			blank = written;
			continue;
		}
		if (written)
			tk_out_puts(o, blank ? "\n\n" : "\\\n");
		put_inline(st, o, line.p, line.n, 1);
		written = 1;
		blank = 0;
	}
	tk_out_putc(o, '\n');
}

static void
put_name(struct md *st, struct exporter *x, size_t col)
{
	struct tk_str v = { tk_colname(x->c->r, col), 0 };

	v.n = strlen(v.p);
	put_line_value(st, x->out, &v, MD_LINE);
}

static void
put_table_head(struct md *st, struct exporter *x)
{
	struct tk_out *o = x->out;

	tk_out_putc(o, '|');
	for (size_t i = 0; i < st->ncols; i++) {
		tk_out_putc(o, ' ');
		put_name(st, x, st->cols[i]);
		tk_out_puts(o, " |");
	}
	tk_out_puts(o, "\n|");
	for (size_t i = 0; i < st->ncols; i++)
		tk_out_puts(o, " --- |");
	tk_out_putc(o, '\n');
}

static void
put_table_row(struct md *st, struct exporter *x, const struct tk_record *rec)
{
	struct tk_out *o = x->out;

	tk_out_putc(o, '|');
	for (size_t i = 0; i < st->ncols; i++) {
		tk_out_putc(o, ' ');
		put_line_value(st, o, &rec->f[st->cols[i]], MD_CELL);
		tk_out_puts(o, " |");
	}
	tk_out_putc(o, '\n');
}

/* One talk of --long: its title, short fields as a list, then texts. */
static void
put_talk(struct md *st, struct exporter *x, const struct tk_record *rec)
{
	struct tk_out *o = x->out;
	int list = 0;

	tk_out_puts(o, "\n### ");
	if (export_blank(&rec->f[TK_TITLE]))
		tk_out_puts(o, "(no title)");
	else
		put_line_value(st, o, &rec->f[TK_TITLE], MD_LINE);
	tk_out_putc(o, '\n');
	for (size_t i = 0; i < st->ncols; i++) {
		size_t col = st->cols[i];
		const struct tk_str *v = &rec->f[col];
		if (col == TK_TITLE || export_blank(v) ||
		    export_is_text(col, v))
			continue;
		tk_out_puts(o, list ? "- " : "\n- ");
		list = 1;
		put_name(st, x, col);
		tk_out_puts(o, ": ");
		put_line_value(st, o, v, MD_LINE);
		tk_out_putc(o, '\n');
	}
	for (size_t i = 0; i < st->ncols; i++) {
		size_t col = st->cols[i];
		const struct tk_str *v = &rec->f[col];
		if (col == TK_TITLE || export_blank(v) ||
		    !export_is_text(col, v))
			continue;
		tk_out_puts(o, "\n#### ");
		put_name(st, x, col);
		tk_out_puts(o, "\n\n");
		put_block(st, o, v);
	}
}

static int
md_begin(struct exporter *x)
{
	struct md *st = tk_xcalloc(1, sizeof(*st));
	int table = !x->o->long_form;

	st->cols = tk_xcalloc(x->c->ncols + 1, sizeof(*st->cols));
	for (size_t i = 0; i < x->c->ncols; i++) {
		size_t col = x->c->cols[i];
		/* By default a table has the short fields only. */
		if (col == TK_TRACK || (table && x->c->fields == NULL &&
		    (col == TK_DESCRIPTION || col == TK_ABSTRACT ||
		    col == TK_BIO)))
			continue;
		st->cols[st->ncols++] = col;
	}
	x->state = st;
	return 0;
}

/* A section: the track's name, then its talks. */
static int
md_render(struct exporter *x, const struct batch *b)
{
	struct md *st = x->state;
	struct tk_out *o = x->out;
	struct tk_record rec;

	/* Bad bytes in the name are those of the first talk. */
	st->bad = (struct tk_repl){ 0, 0 };
	tk_out_puts(o, b->index ? "\n## " : "## ");
	put_line_value(st, o, &b->track, MD_LINE);
	tk_out_putc(o, '\n');
	if (!x->o->long_form && st->ncols > 0) {
		tk_out_putc(o, '\n');
		put_table_head(st, x);
	}
	for (size_t k = 0; k < b->n; k++) {
		batch_record(b, k, &rec);
		if (x->o->long_form)
			put_talk(st, x, &rec);
		else if (st->ncols > 0)
			put_table_row(st, x, &rec);
		export_warn_repl(&rec, &st->bad);
		st->bad = (struct tk_repl){ 0, 0 };
	}
	return 0;
}

static int
md_end(struct exporter *x)
{
	struct md *st = x->state;

	free(st->cols);
	free(st);
	return 0;
}

const struct format fmt_markdown = {
	.name = "markdown",
	.summary = "a section per track with a table (--long: per talk)",
	.gather = GATHER_TRACK,
	.fields = "title,speaker,track,level,description,abstract,bio",
	.begin = md_begin,
	.render = md_render,
	.end = md_end,
};
