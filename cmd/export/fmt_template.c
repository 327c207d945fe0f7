/*
 * fmt_template.c - talks export -t template: text made from a template
 * for each talk or speaker (badges, letters, lines for other tools),
 * to standard output or a file each; and the reading of --template,
 * which mbox shares.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "export.h"

int
template_text(struct exporter *x, struct tk_buf *b, const char **name)
{
	const char *arg = x->o->template_arg;

	if (arg == NULL)
		misuse(x->c, "-t %s needs --template TEXT or --template @FILE",
		    x->o->format);
	*name = "--template";
	if (arg[0] != '@') {
		tk_buf_adds(b, arg);
		return 0;
	}
	*name = arg + 1;
	if (common_slurp(x->c, *name, b) < 0)
		return -1;
	/* A file's last line break ends the file, not the output. */
	if (b->n > 0 && b->p[b->n - 1] == '\n')
		b->n--;
	if (b->n > 0 && b->p[b->n - 1] == '\r')
		b->n--;
	return 0;
}

int
template_load(struct exporter *x, int flags, struct tk_tmpl **t)
{
	struct tk_buf b = { 0 };
	struct tk_err e;
	const char *name;

	if (template_text(x, &b, &name) < 0)
		return -1;
	*t = tk_tmpl_parse(x->c->r, b.p ? b.p : "", b.n, name, flags, &e);
	tk_buf_free(&b);
	if (*t == NULL) {
		report(&e);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------- the format */

struct tstate {
	struct tk_tmpl *t;
	struct tk_buf buf;
	int sep;
	int esc;      /* the escape of values, by --escape or the file */
};

/* The escape a template file's extension asks for. */
static int
escape_of_file(const char *arg)
{
	static const struct {
		const char *ext;
		int esc;
	} by_ext[] = {
		{ ".svg", TK_ESC_XML }, { ".xml", TK_ESC_XML },
		{ ".html", TK_ESC_HTML }, { ".htm", TK_ESC_HTML },
		{ ".tex", TK_ESC_LATEX }, { ".csv", TK_ESC_CSV },
	};
	const char *dot;

	if (arg == NULL || arg[0] != '@' || (dot = strrchr(arg, '.')) == NULL ||
	    strchr(dot, '/'))
		return TK_ESC_NONE;
	for (size_t i = 0; i < sizeof(by_ext) / sizeof(by_ext[0]); i++)
		if (strcasecmp(dot, by_ext[i].ext) == 0)
			return by_ext[i].esc;
	return TK_ESC_NONE;
}

static void
template_check(struct exporter *x)
{
	const char *e = x->o->escape;

	if (x->o->page && x->c->nul)
		misuse(x->c, "--page and -0 cannot be used together");
	if (e && tk_esc_find(e, strlen(e)) < 0)
		misuse(x->c, "unknown escape '%s' (escapes: none, xml, html, "
		    "latex, csv, shell)", e);
}

static int
template_begin(struct exporter *x)
{
	struct tstate *s = tk_xcalloc(1, sizeof(*s));

	s->sep = x->c->nul ? '\0' : x->o->page ? '\f' : '\n';
	s->esc = x->o->escape ? tk_esc_find(x->o->escape,
	    strlen(x->o->escape)) : escape_of_file(x->o->template_arg);
	if (template_load(x, x->unique ? TK_TMPL_ALLOW_TITLES : 0,
	    &s->t) < 0) {
		free(s);
		return -1;
	}
	x->state = s;
	return 0;
}

static int
template_render(struct exporter *x, const struct batch *b)
{
	struct tstate *s = x->state;
	struct tk_repl r = { 0, 0 };

	s->buf.n = 0;
	tk_tmpl_expand_esc(s->t, b->vals, 0, s->esc, &s->buf, &r);
	if (b->vals->rec)
		export_warn_repl(b->vals->rec, &r);
	/* A file ends with a line break, whatever the separator. */
	if (x->to_files && (s->buf.n == 0 || s->buf.p[s->buf.n - 1] != '\n'))
		tk_buf_addc(&s->buf, '\n');
	tk_out_write(x->out, s->buf.p, s->buf.n);
	if (!x->to_files)
		tk_out_putc(x->out, s->sep);
	return 0;
}

static int
template_end(struct exporter *x)
{
	struct tstate *s = x->state;

	tk_tmpl_free(s->t);
	tk_buf_free(&s->buf);
	free(s);
	return 0;
}

const struct format fmt_template = {
	.name = "template",
	.summary = "text from --template for each talk or speaker",
	.gather = GATHER_EACH,
	.speakers = SPEAKERS_OPTION,
	.files = FILES_OPTION,
	.ext = ".txt",
	.check = template_check,
	.begin = template_begin,
	.render = template_render,
	.end = template_end,
};
