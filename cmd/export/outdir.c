/*
 * outdir.c - where the outputs of talks export go: standard output, or
 * with --output-dir a new file each, named by --name expanded with the
 * output's values and made safe, never overwriting; its path is printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"

struct outdir {
	const char *dir;
	int dfd;
	struct tk_tmpl *name;
	struct tk_buf buf;
};

void
outdir_check(struct exporter *x)
{
	const struct format *f = x->f;

	if (f->files != FILES_PER_SPEAKER)
		return;
	if (x->per_speaker && x->o->output_dir == NULL)
		misuse(x->c, "-t %s --each speaker needs --output-dir",
		    f->name);
	if (!x->per_speaker && x->o->output_dir)
		misuse(x->c, "-t %s --output-dir needs --each speaker",
		    f->name);
}

int
outdir_open(struct exporter *x)
{
	const struct export_opts *o = x->o;
	struct tk_buf dflt = { 0 };
	const char *name;
	struct tk_err e;
	struct outdir *od;

	if (x->f->files == FILES_NO)
		return 0;
	if (o->output_dir == NULL) {
		if (o->name)
			misuse(x->c, "--name needs --output-dir");
		return 0;
	}
	tk_buf_adds(&dflt, x->per_speaker ? "{speaker}" : "{title}");
	tk_buf_adds(&dflt, x->f->ext);
	name = o->name ? o->name : dflt.p;
	od = tk_xcalloc(1, sizeof(*od));
	od->dir = o->output_dir;
	od->name = tk_tmpl_parse(x->c->r, name, strlen(name), "--name",
	    x->unique ? TK_TMPL_ALLOW_TITLES : 0, &e);
	tk_buf_free(&dflt);
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
	x->dir = od;
	x->to_files = 1;
	tk_out_init_mem(&x->file);
	tk_out_set_path(&x->file, x->c->in.path);
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

/*
 * Writes p (n bytes) to a new file named by expanding --name with v,
 * made safe, and prints its path; -1 after reporting.
 */
static int
write_file(struct exporter *x, const struct tk_tmpl_vals *v, const char *p,
    size_t n)
{
	struct outdir *d = x->dir;
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

int
outdir_emit(struct exporter *x, const struct batch *b)
{
	int rc;

	if (!x->to_files)
		return x->f->render(x, b);
	x->file.len = 0;
	x->out = &x->file;
	rc = x->f->render(x, b);
	x->out = &x->c->out;
	if (rc < 0)
		return -1;
	/* Named after the first record, which render may have moved past. */
	if (b->rows && b->n > 0)
		tk_rows_get(b->rows, b->idx ? b->idx[0] : 0, b->rec);
	return write_file(x, b->vals, x->file.buf, x->file.len);
}

void
outdir_close(struct exporter *x)
{
	struct outdir *d = x->dir;

	if (d == NULL)
		return;
	close(d->dfd);
	tk_tmpl_free(d->name);
	tk_buf_free(&d->buf);
	free(d);
	tk_out_free(&x->file);
	x->dir = NULL;
	x->to_files = 0;
}
