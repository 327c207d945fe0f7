/*
 * reader.c - libFuzzer target for the record reader.
 *
 * Built once per dialect (FUZZ_DIALECT: 'c' comma, 't' TSV, 's'
 * semicolon).  The input is a file; every record read from it is written
 * back in the same dialect and read again, and the two readings must
 * hold the same values, so a wrong record fails as loudly as a crash.
 * The first byte picks a small record limit now and then, so that the
 * limit's paths are fuzzed too, or the form of TSV: 0xfe --tsv-escapes
 * off, 0xfd on, 0xfc the form decided from the first line and 64 KiB of
 * filler records put after it, so that the rest is past the part looked
 * at.  The input is also read on the portable and vector paths, and with
 * chunks of 64 bytes, and each reading must equal the plain one: the
 * same records marked the same (tsv_sign), the same error at the same
 * line and column.  What talks writes holds no such mark.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "talks.h"

#ifndef FUZZ_DIALECT
#define FUZZ_DIALECT 'c'
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct table {
	char **name;     /* column names */
	size_t ncol;
	struct tk_str *v; /* nrec * ncol values, copied */
	char *sign;      /* nrec tsv_sign marks */
	size_t nrec, cap, nsign;
	int rc;          /* of the last tk_read */
	struct tk_err e; /* when rc < 0 */
};

static void
inopts(struct tk_inopts *o, size_t max, enum tk_tsv_escapes esc)
{
	memset(o, 0, sizeof(*o));
	o->max_record = max;
	o->tsv_escapes = esc;
	switch (FUZZ_DIALECT) {
	case 't':
		o->dialect = TK_TSV;
		break;
	case 's':
		o->dialect = TK_CSV;
		o->delim = ';';
		break;
	default:
		o->dialect = TK_CSV;
		o->delim = ',';
		break;
	}
}

static int
memfile(const void *p, size_t n, char *path, size_t size)
{
	int fd = memfd_create("fuzz", 0);

	if (fd < 0 || (n > 0 && write(fd, p, n) != (ssize_t)n))
		abort();
	snprintf(path, size, "/proc/self/fd/%d", fd);
	return fd;
}

/*
 * Reads the records of path on a path, in chunks of chunk bytes (0: the
 * default), until the end or the first error.
 */
static int
load(const char *path, size_t max, enum tk_tsv_escapes esc, enum tk_path how,
    size_t chunk, struct table *t)
{
	struct tk_inopts o;
	struct tk_reader *r;
	struct tk_record rec;
	struct tk_err e;
	char *paths[1] = { (char *)path };
	int rc;

	inopts(&o, max, esc);
	o.path = how;
	o.chunk = chunk;
	r = tk_open(paths, 1, &o);
	memset(t, 0, sizeof(*t));
	t->ncol = tk_ncols(r);
	t->name = tk_xcalloc(t->ncol, sizeof(*t->name));
	for (size_t c = 0; c < t->ncol; c++)
		t->name[c] = strdup(tk_colname(r, c));
	while ((rc = tk_read(r, &rec, &e)) > 0) {
		if (rec.nf != t->ncol)
			abort();
		if (t->nrec == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 8;
			t->v = tk_xrealloc(t->v, t->cap * t->ncol *
			    sizeof(*t->v));
			t->sign = tk_xrealloc(t->sign, t->cap);
		}
		t->sign[t->nrec] = (char)(rec.tsv_sign != 0);
		t->nsign += rec.tsv_sign != 0;
		for (size_t c = 0; c < t->ncol; c++) {
			struct tk_str *d = &t->v[t->nrec * t->ncol + c];
			d->n = rec.f[c].n;
			d->p = tk_xmalloc(d->n);
			if (d->n > 0)
				memcpy((char *)d->p, rec.f[c].p, d->n);
		}
		t->nrec++;
	}
	if (rc < 0 && (e.file == NULL || e.msg[0] == '\0'))
		abort();
	t->rc = rc;
	if (rc < 0)
		t->e = e;
	tk_close(r);
	return rc;
}

static void
drop(struct table *t)
{
	for (size_t i = 0; i < t->nrec * t->ncol; i++)
		free((char *)t->v[i].p);
	for (size_t c = 0; c < t->ncol; c++)
		free(t->name[c]);
	free(t->name);
	free(t->v);
	free(t->sign);
}

/* Writes t back in the dialect, header first. */
static void
dump(const struct table *t, int fd)
{
	struct tk_out out;
	struct tk_str *names = tk_xcalloc(t->ncol, sizeof(*names));
	const struct tk_str **row = tk_xcalloc(t->ncol, sizeof(*row));
	enum tk_dialect form = FUZZ_DIALECT == 't' ? TK_TSV : TK_CSV;
	int delim = FUZZ_DIALECT == 's' ? ';' : ',';

	tk_out_init(&out, fd);
	for (size_t c = 0; c < t->ncol; c++) {
		names[c].p = t->name[c];
		names[c].n = strlen(t->name[c]);
		row[c] = &names[c];
	}
	tk_put_row(&out, row, t->ncol, form, delim, "\n");
	for (size_t i = 0; i < t->nrec; i++) {
		for (size_t c = 0; c < t->ncol; c++)
			row[c] = &t->v[i * t->ncol + c];
		tk_put_row(&out, row, t->ncol, form, delim, "\r\n");
	}
	if (tk_out_flush(&out) < 0)
		abort();
	tk_out_free(&out);
	free(names);
	free(row);
}

/* Aborts unless a and b hold the same columns and records. */
static void
same_records(const struct table *a, const struct table *b)
{
	if (b->ncol != a->ncol || b->nrec != a->nrec)
		abort();
	for (size_t c = 0; c < a->ncol; c++)
		if (strcmp(a->name[c], b->name[c]) != 0)
			abort();
	for (size_t i = 0; i < a->nrec * a->ncol; i++)
		if (a->v[i].n != b->v[i].n ||
		    (a->v[i].n > 0 &&
		    memcmp(a->v[i].p, b->v[i].p, a->v[i].n) != 0))
			abort();
}

/* Aborts unless a and b hold the same records and end the same way. */
static void
same(const struct table *a, const struct table *b)
{
	same_records(a, b);
	if (a->nrec > 0 && memcmp(a->sign, b->sign, a->nrec) != 0)
		abort();
	if (b->rc != a->rc)
		abort();
	if (a->rc < 0 && (a->e.line != b->e.line || a->e.col != b->e.col ||
	    strcmp(a->e.msg, b->e.msg) != 0))
		abort();
}

/* Reads path on the fast paths and in small chunks; each equals a. */
static void
paths_agree(const char *path, size_t max, enum tk_tsv_escapes esc,
    const struct table *a)
{
	static const enum tk_path fast[] = { TK_PATH_PORTABLE,
		TK_PATH_VECTOR };
	struct table b;

	for (int small = 0; small < 2; small++) {
		for (size_t i = 0; i < sizeof(fast) / sizeof(fast[0]); i++) {
			load(path, max, esc, fast[i], small ? 64 : 0, &b);
			same(a, &b);
			drop(&b);
		}
	}
}

/* The input's first line, filler records of one field, then the rest. */
static int
padded(const uint8_t *data, size_t size, char *path, size_t pathsize)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t head = nl ? (size_t)(nl - data) + 1 : size;
	size_t fill = ((size_t)64 << 10) + 16;
	char *b = tk_xmalloc(size + fill);
	int fd;

	memcpy(b, data, head);
	for (size_t i = 0; i < fill; i += 4)
		memcpy(b + head + i, "pad\n", 4);
	memcpy(b + head + fill, data + head, size - head);
	fd = memfile(b, size + fill, path, pathsize);
	free(b);
	return fd;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], path2[64];
	struct table a, b;
	size_t max = 0;
	enum tk_tsv_escapes esc = TK_ESC_AUTO;
	int fd, fd2;

	if (size > 0 && data[0] == 0xff)
		max = (size_t)(size > 1 ? data[1] : 0) + 1;
	if (size > 0 && data[0] == 0xfe)
		esc = TK_ESC_OFF;
	if (size > 0 && data[0] == 0xfd)
		esc = TK_ESC_ON;
	if (size > 0 && data[0] == 0xfc)
		fd = padded(data, size, path, sizeof(path));
	else
		fd = memfile(data, size, path, sizeof(path));
	load(path, max ? max : ((size_t)1 << 20), esc, TK_PATH_PLAIN, 0, &a);
	paths_agree(path, max ? max : ((size_t)1 << 20), esc, &a);
	close(fd);
	if (a.nrec > 0 && max == 0) {
		fd2 = memfile("", 0, path2, sizeof(path2));
		dump(&a, fd2);
		if (load(path2, (size_t)1 << 30, TK_ESC_AUTO, TK_PATH_PLAIN,
		    0, &b) != 0 || b.nsign != 0)
			abort();
		same_records(&a, &b);
		drop(&b);
		close(fd2);
	}
	drop(&a);
	return 0;
}
