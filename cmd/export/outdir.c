/*
 * outdir.c - where the outputs of talks export go: standard output, or
 * with --output-dir a new file each, named by --name expanded with the
 * output's values and made safe, never overwriting; its path is printed.
 * Each file is written under a temporary name in the directory and
 * linked to its name only when complete, so that an error or a signal
 * leaves no truncated file that looks whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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
	unsigned long done;     /* files finished */
	struct sigaction old[4];
};

/*
 * The signals that end a run, and what is written, for on_signal; the
 * last, SIGXFSZ, is ignored, so that a file-size limit is a write error.
 */
static const int signals[4] = { SIGINT, SIGTERM, SIGHUP, SIGXFSZ };
static int tmp_dfd = -1;
static char tmp_name[64];
static volatile sig_atomic_t tmp_live;

/*
 * Removes the file being written, says so, and ends as the signal would
 * have; only async-signal-safe calls.  The finished files are already
 * listed on standard output, which is flushed after each.
 */
static void
on_signal(int sig)
{
	static const char removed[] = "talks: interrupted: the file being "
	    "written was removed; the files finished are those listed\n";
	static const char between[] = "talks: interrupted between files: "
	    "the files finished are those listed\n";
	ssize_t w;

	if (tmp_live) {
		unlinkat(tmp_dfd, tmp_name, 0);
		w = write(STDERR_FILENO, removed, sizeof(removed) - 1);
	} else {
		w = write(STDERR_FILENO, between, sizeof(between) - 1);
	}
	(void)w; /* nothing more can be done */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_signals(struct outdir *od)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < 4; i++)
		sigaddset(&sa.sa_mask, signals[i]);
	for (size_t i = 0; i < 4; i++) {
		/* A signal ignored when talks started (nohup, a background
		 * job of a script) stays ignored. */
		sigaction(signals[i], NULL, &od->old[i]);
		if (od->old[i].sa_handler == SIG_IGN)
			continue;
		sa.sa_handler = signals[i] == SIGXFSZ ? SIG_IGN : on_signal;
		sigaction(signals[i], &sa, NULL);
	}
	tmp_dfd = od->dfd;
}

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
	catch_signals(od);
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

/* Sets path to file name in the output directory. */
static void
dir_path(const struct outdir *d, struct tk_buf *path, const char *name)
{
	path->n = 0;
	tk_buf_adds(path, d->dir);
	if (path->n > 0 && path->p[path->n - 1] != '/')
		tk_buf_addc(path, '/');
	tk_buf_adds(path, name);
}

/* Reports e about file name in the output directory, in path. */
static void
report_in(const struct outdir *d, struct tk_buf *path, const char *name,
    struct tk_err *e)
{
	dir_path(d, path, name);
	e->file = path->p;
	report(e);
}

/*
 * Writes p (n bytes) under a temporary name, then links it to a new file
 * named by expanding --name with v, made safe, and prints its path; -1
 * after reporting, the temporary file removed.
 */
static int
write_file(struct exporter *x, const struct tk_tmpl_vals *v, const char *p,
    size_t n)
{
	struct outdir *d = x->dir;
	struct tk_buf path = { 0 };
	struct tk_err e;
	char *safe, *tmp = NULL, *used = NULL, base[64];
	int fd, rc = -1;

	d->buf.n = 0;
	tk_tmpl_expand(d->name, v, TK_TMPL_FLAT, &d->buf);
	safe = tk_safe_name(d->buf.p, d->buf.n);
	snprintf(base, sizeof(base), ".talks-%ld.tmp", (long)getpid());
	fd = tk_create_new(d->dfd, base, &tmp, &e);
	if (fd < 0) {
		report_in(d, &path, safe, &e);
	} else {
		snprintf(tmp_name, sizeof(tmp_name), "%s", tmp);
		tmp_live = 1;
		dir_path(d, &path, safe); /* for messages */
		if ((rc = put_file(path.p, fd, p, n)) == 0 &&
		    (rc = tk_link_new(d->dfd, tmp, safe, &used, &e)) < 0)
			report_in(d, &path, used, &e);
		unlinkat(d->dfd, tmp, 0);
		tmp_live = 0;
	}
	if (rc == 0) {
		dir_path(d, &path, used);
		tk_out_write(&x->c->out, path.p, path.n);
		tk_out_putc(&x->c->out, x->c->nul ? '\0' : '\n');
		/* So that the list is whole whatever ends the run. */
		tk_out_flush(&x->c->out);
		d->done++;
	} else if (d->done > 0) {
		fprintf(stderr, "talks: %lu file%s finished before, listed on "
		    "standard output\n", d->done, d->done == 1 ? "" : "s");
	}
	tk_buf_free(&path);
	free(safe);
	free(tmp);
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
	for (size_t i = 0; i < 4; i++)
		sigaction(signals[i], &d->old[i], NULL);
	close(d->dfd);
	tk_tmpl_free(d->name);
	tk_buf_free(&d->buf);
	free(d);
	tk_out_free(&x->file);
	x->dir = NULL;
	x->to_files = 0;
}
