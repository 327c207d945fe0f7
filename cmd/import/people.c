/*
 * people.c - the people that the files name: speakers with their ids,
 * bios, companies and links, kept for the bios of the records and for
 * --speakers-out.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import.h"

static const char *const field_names[NPF] = {
	"name", "id", "bio", "company", "links", "email"
};

/* The map key of a person: the file's number, then the id or the name. */
static void
key(struct tk_buf *b, size_t file, int by_id, const char *s, size_t n)
{
	char num[32];
	int k = snprintf(num, sizeof(num), "%zu%c", file, by_id ? 'i' : 'n');

	b->n = 0;
	tk_buf_add(b, num, (size_t)k);
	if (by_id) {
		tk_buf_add(b, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		tk_buf_addc(b, tk_lower((unsigned char)s[i]));
	}
}

struct person *
people_find(const struct people *pp, size_t file, const char *id,
    size_t idn)
{
	struct tk_buf k = { 0 };
	long i;

	key(&k, file, 1, id, idn);
	i = strmap_get(&pp->map, k.p, k.n);
	tk_buf_free(&k);
	return i < 0 ? NULL : &pp->v[i];
}

struct person *
people_add(struct people *pp, size_t file, const char *id, size_t idn,
    const char *name, size_t nn)
{
	struct tk_buf k = { 0 };
	struct person *p;
	long i;

	key(&k, file, idn > 0, idn > 0 ? id : name, idn > 0 ? idn : nn);
	i = strmap_get(&pp->map, k.p, k.n);
	if (i >= 0) {
		tk_buf_free(&k);
		p = &pp->v[i];
		person_set(p, P_NAME, name, nn);
		return p;
	}
	TK_GROW(pp->v, pp->cap, pp->n + 1);
	strmap_put(&pp->map, k.p, k.n, pp->n);
	tk_buf_free(&k);
	p = &pp->v[pp->n++];
	memset(p, 0, sizeof(*p));
	p->file = file;
	for (int f = 0; f < NPF; f++)
		tk_buf_add(&p->f[f], "", 0);
	person_set(p, P_ID, id, idn);
	person_set(p, P_NAME, name, nn);
	return p;
}

void
person_set(struct person *p, int f, const char *s, size_t n)
{
	if (p->f[f].n == 0)
		tk_buf_add(&p->f[f], s, n);
}

void
person_extra(struct people *pp, struct person *p, const char *name,
    size_t nn, const char *s, size_t n)
{
	struct tk_buf b = { 0 };
	size_t col;

	/* A field named like one of the first: "speaker.name". */
	for (int f = 0; f < NPF; f++)
		if (strlen(field_names[f]) == nn &&
		    memcmp(field_names[f], name, nn) == 0) {
			tk_buf_adds(&b, "speaker.");
			tk_buf_add(&b, name, nn);
			name = b.p;
			nn = b.n;
		}
	col = cols_add(&pp->extra, name, nn);
	tk_buf_free(&b);
	for (size_t i = 0; i < p->nx; i++)
		if (p->xcol[i] == col)
			return;
	p->xcol = tk_xrealloc(p->xcol, (p->nx + 1) * sizeof(*p->xcol));
	p->xval = tk_xrealloc(p->xval, (p->nx + 1) * sizeof(*p->xval));
	p->xcol[p->nx] = col;
	memset(&p->xval[p->nx], 0, sizeof(p->xval[0]));
	tk_buf_add(&p->xval[p->nx], s, n);
	p->nx++;
}

static void
row(struct tk_out *o, const struct tk_str *v, size_t n, enum tk_dialect form)
{
	const struct tk_str **r = tk_xcalloc(n + 1, sizeof(*r));

	for (size_t i = 0; i < n; i++)
		r[i] = &v[i];
	tk_put_row(o, r, n, form, ',', "\n");
	free(r);
}

int
people_write(const struct people *pp, const char *path, enum tk_dialect form,
    struct tk_err *e)
{
	struct tk_out o;
	int email = 0, fd, rc = 0;
	size_t nf, n;
	struct tk_str *v;

	for (size_t i = 0; i < pp->n; i++)
		email |= pp->v[i].f[P_EMAIL].n > 0;
	nf = email ? NPF : P_EMAIL;
	n = nf + pp->extra.n;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return tk_fail(e, path, 0, 0, "%s", strerror(errno));
	tk_out_init(&o, fd);
	v = tk_xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		v[i].p = i < nf ? field_names[i] : pp->extra.name[i - nf];
		v[i].n = strlen(v[i].p);
	}
	row(&o, v, n, form);
	for (size_t i = 0; i < pp->n; i++) {
		const struct person *p = &pp->v[i];
		for (size_t k = 0; k < n; k++)
			v[k].p = "", v[k].n = 0;
		for (size_t k = 0; k < nf; k++)
			v[k].p = p->f[k].p, v[k].n = p->f[k].n;
		for (size_t k = 0; k < p->nx; k++) {
			v[nf + p->xcol[k]].p = p->xval[k].p;
			v[nf + p->xcol[k]].n = p->xval[k].n;
		}
		row(&o, v, n, form);
	}
	free(v);
	if (tk_out_flush(&o) < 0)
		rc = tk_fail(e, path, 0, 0, "write error: %s",
		    strerror(errno));
	tk_out_free(&o);
	if (close(fd) < 0 && rc == 0)
		rc = tk_fail(e, path, 0, 0, "write error: %s",
		    strerror(errno));
	return rc;
}

static void
person_free(struct person *p)
{
	for (int f = 0; f < NPF; f++)
		tk_buf_free(&p->f[f]);
	for (size_t k = 0; k < p->nx; k++)
		tk_buf_free(&p->xval[k]);
	free(p->xcol);
	free(p->xval);
}

void
people_truncate(struct people *pp, size_t n, size_t nextra)
{
	struct tk_buf k = { 0 };

	cols_truncate(&pp->extra, nextra);
	if (n >= pp->n)
		return;
	for (size_t i = n; i < pp->n; i++)
		person_free(&pp->v[i]);
	pp->n = n;
	strmap_free(&pp->map);
	for (size_t i = 0; i < n; i++) {
		const struct person *p = &pp->v[i];
		int by_id = p->f[P_ID].n > 0;
		const struct tk_buf *b = &p->f[by_id ? P_ID : P_NAME];
		key(&k, p->file, by_id, b->p, b->n);
		strmap_put(&pp->map, k.p, k.n, i);
	}
	tk_buf_free(&k);
}

void
people_free(struct people *pp)
{
	for (size_t i = 0; i < pp->n; i++)
		person_free(&pp->v[i]);
	free(pp->v);
	strmap_free(&pp->map);
	cols_free(&pp->extra);
	memset(pp, 0, sizeof(*pp));
}
