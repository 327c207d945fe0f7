/*
 * fmt_template.c - talks export -t template: text made from a template
 * for each talk or speaker (badges, letters, lines for other tools),
 * and the machinery of outputs that mbox and ics share with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"

/* Reads all of file path into b; -1 after reporting. */
static int
slurp(const char *path, struct tk_buf *b)
{
	struct tk_err e;
	char chunk[8192];
	ssize_t k;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		tk_fail(&e, path, 0, 0, "%s", strerror(errno));
		report(&e);
		return -1;
	}
	tk_buf_add(b, "", 0);
	while ((k = read(fd, chunk, sizeof(chunk))) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			tk_fail(&e, path, 0, 0, "%s", strerror(errno));
			report(&e);
			close(fd);
			return -1;
		}
		tk_buf_add(b, chunk, (size_t)k);
	}
	close(fd);
	return 0;
}

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
	if (slurp(*name, b) < 0)
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

void
each_begin(struct exporter *x, struct each *e, int speaker)
{
	const struct export_opts *o = x->o;

	if (o->each && strcmp(o->each, "speaker") != 0)
		misuse(x->c, "--each takes 'speaker', not '%s'", o->each);
	e->per_speaker = speaker || o->each != NULL;
	e->unique = o->unique;
	if (e->unique && !e->per_speaker)
		misuse(x->c, "--unique needs --each speaker");
	if (e->unique) {
		e->rows = export_rows_all(x);
		e->speakers = tk_speakers_new();
	}
}

/* Warns that rec has no speaker and so gives no output. */
static void
no_speaker(const struct tk_record *rec)
{
	const struct tk_str *t = &rec->f[TK_TITLE];
	struct tk_err e;

	tk_fail(&e, rec->file, rec->line, 0, "talk '%.*s' has no speaker, "
	    "skipped", tk_cut(t->p, t->n, 80), t->p);
	report(&e);
}

int
each_record(struct exporter *x, struct each *e, const struct tk_record *rec)
{
	struct tk_tmpl_vals v = { rec, NULL, NULL, NULL, NULL };
	struct tk_person p;
	size_t n = 0;

	if (e->unique) {
		tk_rows_add(e->rows, rec);
		if (tk_speakers_add(e->speakers, rec, e->nrec++) == 0)
			no_speaker(rec);
		return 0;
	}
	if (!e->per_speaker)
		return e->emit(x, &v);
	for (size_t i = 0; tk_person(rec, i, &p); i++) {
		if (p.name.n == 0)
			continue;
		v.speaker = &p.name;
		v.email = &p.email;
		v.affiliation = &p.affiliation;
		n++;
		if (e->emit(x, &v) < 0)
			return -1;
	}
	if (n == 0)
		no_speaker(rec);
	return 0;
}

/* Emits the output of distinct speaker s, with {titles} of all its talks. */
static int
emit_unique(struct exporter *x, struct each *e, const struct tk_speaker *s)
{
	static const struct tk_str none = { "", 0 };
	struct tk_buf titles = { 0 };
	struct tk_record rec;
	struct tk_str tv;
	int rc;

	tk_buf_add(&titles, "", 0);
	for (size_t k = 0; k < s->nrecs; k++) {
		tk_rows_get(e->rows, s->recs[k], &rec);
		if (k > 0)
			tk_buf_adds(&titles, "; ");
		tk_buf_add(&titles, rec.f[TK_TITLE].p, rec.f[TK_TITLE].n);
	}
	tv.p = titles.p;
	tv.n = titles.n;
	tk_rows_get(e->rows, s->recs[0], &rec);
	struct tk_tmpl_vals v = { &rec, &s->name,
		s->email.p ? &s->email : &none,
		s->affiliation.p ? &s->affiliation : &none, &tv };
	rc = e->emit(x, &v);
	tk_buf_free(&titles);
	return rc;
}

int
each_end(struct exporter *x, struct each *e)
{
	int rc = 0;

	if (e->unique)
		for (size_t i = 0; i < tk_speakers_count(e->speakers); i++)
			if ((rc = emit_unique(x, e,
			    tk_speakers_get(e->speakers, i))) < 0)
				break;
	tk_rows_free(e->rows);
	tk_speakers_free(e->speakers);
	e->rows = NULL;
	e->speakers = NULL;
	return rc;
}

/* ------------------------------------------------------------ output dir */

struct outdir {
	const char *dir;
	int dfd;
	struct tk_tmpl *name;
	struct tk_buf buf;
};

int
outdir_open(struct exporter *x, const char *default_name, struct outdir **d)
{
	const struct export_opts *o = x->o;
	const char *name = o->name ? o->name : default_name;
	struct tk_err e;
	struct outdir *od;

	*d = NULL;
	if (o->output_dir == NULL) {
		if (o->name)
			misuse(x->c, "--name needs --output-dir");
		return 0;
	}
	od = tk_xcalloc(1, sizeof(*od));
	od->dir = o->output_dir;
	od->name = tk_tmpl_parse(x->c->r, name, strlen(name), "--name",
	    o->unique ? TK_TMPL_ALLOW_TITLES : 0, &e);
	if (od->name == NULL) {
		report(&e);
		free(od);
		return -1;
	}
	od->dfd = open(od->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (od->dfd < 0) {
		tk_fail(&e, od->dir, 0, 0, "%s", strerror(errno));
		report(&e);
		tk_tmpl_free(od->name);
		free(od);
		return -1;
	}
	*d = od;
	return 0;
}

/* Writes p to the new file fd; -1 after reporting. */
static int
put_file(const char *path, int fd, const char *p, size_t n)
{
	struct tk_out out;
	struct tk_err e;
	int rc;

	tk_out_init(&out, fd);
	tk_out_write(&out, p, n);
	rc = tk_out_flush(&out);
	tk_out_free(&out);
	if (close(fd) < 0 && rc == 0)
		rc = -1;
	if (rc < 0) {
		tk_fail(&e, path, 0, 0, "write error: %s", strerror(errno));
		report(&e);
	}
	return rc;
}

int
outdir_write(struct exporter *x, struct outdir *d,
    const struct tk_tmpl_vals *v, const char *p, size_t n)
{
	struct tk_buf path = { 0 };
	struct tk_err e;
	char *safe, *used = NULL;
	int fd, rc = -1;

	d->buf.n = 0;
	tk_tmpl_expand(d->name, v, TK_TMPL_FLAT, &d->buf);
	safe = tk_safe_name(d->buf.p, d->buf.n);
	fd = tk_create_new(d->dfd, safe, &used, &e);
	tk_buf_adds(&path, d->dir);
	if (path.n > 0 && path.p[path.n - 1] != '/')
		tk_buf_addc(&path, '/');
	tk_buf_adds(&path, used);
	if (fd < 0) {
		tk_fail(&e, path.p, 0, 0, "%s", e.msg);
		report(&e);
	} else if ((rc = put_file(path.p, fd, p, n)) == 0) {
		tk_out_write(&x->c->out, path.p, path.n);
		tk_out_putc(&x->c->out, x->c->nul ? '\0' : '\n');
	}
	tk_buf_free(&path);
	free(safe);
	free(used);
	return rc;
}

void
outdir_close(struct outdir *d)
{
	if (d == NULL)
		return;
	close(d->dfd);
	tk_tmpl_free(d->name);
	tk_buf_free(&d->buf);
	free(d);
}

/* ---------------------------------------------------------- the format */

struct tstate {
	struct tk_tmpl *t;
	struct each each;
	struct outdir *dir;
	struct tk_buf buf;
	int sep;
};

static int
emit(struct exporter *x, const struct tk_tmpl_vals *v)
{
	struct tstate *s = x->state;

	s->buf.n = 0;
	tk_tmpl_expand(s->t, v, 0, &s->buf);
	if (s->dir) {
		/* A file ends with a line break, whatever the separator. */
		if (s->buf.n == 0 || s->buf.p[s->buf.n - 1] != '\n')
			tk_buf_addc(&s->buf, '\n');
		return outdir_write(x, s->dir, v, s->buf.p, s->buf.n);
	}
	tk_out_write(&x->c->out, s->buf.p, s->buf.n);
	tk_out_putc(&x->c->out, s->sep);
	return 0;
}

static int
template_begin(struct exporter *x)
{
	struct tstate *s = tk_xcalloc(1, sizeof(*s));

	if (x->o->page && x->c->nul)
		misuse(x->c, "--page and -0 cannot be used together");
	x->state = s;
	s->sep = x->c->nul ? '\0' : x->o->page ? '\f' : '\n';
	s->each.emit = emit;
	each_begin(x, &s->each, 0);
	if (template_load(x, s->each.unique ? TK_TMPL_ALLOW_TITLES : 0,
	    &s->t) < 0 || outdir_open(x, s->each.per_speaker ?
	    "{speaker}.txt" : "{title}.txt", &s->dir) < 0) {
		each_end(x, &s->each);
		tk_tmpl_free(s->t);
		free(s);
		return -1;
	}
	return 0;
}

static int
template_record(struct exporter *x, const struct tk_record *rec)
{
	struct tstate *s = x->state;

	return each_record(x, &s->each, rec);
}

static int
template_end(struct exporter *x)
{
	struct tstate *s = x->state;
	int rc = each_end(x, &s->each);

	outdir_close(s->dir);
	tk_tmpl_free(s->t);
	tk_buf_free(&s->buf);
	free(s);
	return rc;
}

const struct format fmt_template = {
	"template", "text from --template for each talk or speaker",
	template_begin, template_record, template_end, NULL
};
