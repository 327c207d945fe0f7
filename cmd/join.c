/*
 * join.c - --speakers FILE: the records of speakers files joined to the
 * speakers of the talks.  The speakers files are read first and held in
 * memory; the talks stream past and each is joined as it is selected.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define NONE SIZE_MAX

/* A warning kept for talks check (join_collect). */
struct jprob {
	char *file;
	unsigned long line;
	char *msg;
};

struct join {
	struct tk_reader *r;      /* the speakers files */
	struct tk_people *pp;
	const char **added;       /* the names of the columns they supply */
	size_t *from, *to, n;     /* speakers' column from[k] fills talks' to[k] */
	long idcol;               /* the talks' speaker ids, or -1 */
	unsigned char *used;      /* per record: it matched a speaker */
	unsigned char *warned;    /* per record: its other values were told */
	struct tk_str *f;         /* the joined talk's values */
	size_t fcap;
	struct tk_buf *val;       /* per k: the joined value */
	struct tk_buf names;      /* the joined speakers, as the records spell them */
	size_t *match, matchcap;  /* per speaker of the talk: its record */
	int collect, ended;
	struct jprob *prob;
	size_t nprob, probcap;
};

/* Tells a warning, or keeps it for check. */
static void
warn(struct common *c, const char *file, unsigned long line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
warn(struct common *c, const char *file, unsigned long line,
    const char *fmt, ...)
{
	struct join *j = c->join;
	char msg[TK_MSG_MAX];
	struct tk_err e;
	va_list ap;

	va_start(ap, fmt);
	tk_vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!j->collect) {
		tk_fail(&e, file, line, 0, "%s", msg);
		report(&e);
		return;
	}
	TK_GROW(j->prob, j->probcap, j->nprob + 1);
	j->prob[j->nprob].file = tk_xstrndup(file, strlen(file));
	j->prob[j->nprob].line = line;
	j->prob[j->nprob].msg = tk_xstrndup(msg, strlen(msg));
	j->nprob++;
}

int
join_load(struct common *c)
{
	struct tk_inopts in = c->in;
	struct join *j;
	struct tk_record rec;
	struct tk_err e;
	size_t ncol;
	int rc, bad = 0;

	if (c->nspk == 0)
		return 0;
	j = c->join = tk_xcalloc(1, sizeof(*j));
	j->idcol = -1;
	in.people = 1;
	in.maps = NULL;
	in.nmaps = 0;
	j->r = tk_open(c->spk_paths, c->nspk, &in);
	while (tk_notice(j->r, &e))
		report(&e);
	ncol = tk_ncols(j->r);
	j->pp = tk_people_new(ncol);
	while ((rc = tk_read(j->r, &rec, &e)) != 0) {
		if (rc < 0) {
			report(&e);
			bad = 1;
			continue;
		}
		while (rec.notice && tk_notice(j->r, &e))
			report(&e);
		tk_people_add(j->pp, &rec);
	}
	while (tk_notice(j->r, &e))
		report(&e);
	if (bad) {
		c->status = 2;
		return -1;
	}
	tk_people_index(j->pp);
	j->used = tk_xcalloc(tk_people_count(j->pp) + 1, 1);
	j->warned = tk_xcalloc(tk_people_count(j->pp) + 1, 1);
	j->added = tk_xcalloc(ncol + 1, sizeof(*j->added));
	j->from = tk_xcalloc(ncol + 1, sizeof(*j->from));
	j->to = tk_xcalloc(ncol + 1, sizeof(*j->to));
	for (size_t k = 0; k < ncol; k++) {
		if (k == TK_ID || k == TK_TITLE || k == TK_SPEAKER ||
		    !tk_col_present(j->r, k))
			continue;
		j->added[j->n] = tk_colname(j->r, k);
		j->from[j->n++] = k;
	}
	j->val = tk_xcalloc(j->n + 1, sizeof(*j->val));
	c->in.added = j->added;
	c->in.nadded = j->n;
	return 0;
}

void
join_open(struct common *c)
{
	static const char *const ids[] = { "speaker ids", "speaker id",
		"speaker codes", "speaker code", NULL };
	struct join *j = c->join;

	if (j == NULL)
		return;
	for (size_t k = 0; k < j->n; k++)
		j->to[k] = (size_t)tk_find_col(c->r, j->added[k],
		    strlen(j->added[k]));
	if (!tk_col_present(j->r, TK_ID))
		return;
	for (const char *const *s = ids; *s && j->idcol < 0; s++) {
		long col = tk_find_col(c->r, *s, strlen(*s));
		if (col >= TK_NCANON)
			j->idcol = col;
	}
}

size_t
join_cols(const struct common *c, size_t *cols, size_t max)
{
	const struct join *j = c->join;
	size_t n = 0;

	if (j == NULL || max < j->n + 3)
		return 0;
	cols[n++] = TK_TITLE;     /* for the warnings */
	cols[n++] = TK_SPEAKER;
	if (j->idcol >= 0)
		cols[n++] = (size_t)j->idcol;
	for (size_t k = 0; k < j->n; k++)
		cols[n++] = j->to[k];
	return n;
}

static struct tk_str
trimmed(struct tk_str v)
{
	while (v.n > 0 && strchr(" \t\r\n", v.p[0]))
		v.p++, v.n--;
	while (v.n > 0 && strchr(" \t\r\n", v.p[v.n - 1]))
		v.n--;
	return v;
}

/* The record of speaker i of rec (name its name), or NONE; n the matches. */
static size_t
find(const struct join *j, const struct tk_record *rec, size_t i,
    const struct tk_str *name, size_t *n, size_t *found, struct tk_str *id)
{
	id->p = "";
	id->n = 0;
	if (j->idcol >= 0 && (size_t)j->idcol < rec->nf)
		*id = tk_item_of(TK_SPEAKER, &rec->f[j->idcol], i);
	*n = tk_people_find(j->pp, id->n ? id : NULL, name, found);
	return *n == 1 ? found[0] : NONE;
}

/* The talk's own value of column col for speaker i of its ns. */
static struct tk_str
own(const struct tk_record *rec, size_t col, size_t i, size_t ns)
{
	struct tk_str none = { "", 0 };
	struct tk_person p;

	if (col == TK_EMAIL || col == TK_AFFILIATION) {
		if (!tk_person(rec, i, &p))
			return none;
		return col == TK_EMAIL ? p.email : p.affiliation;
	}
	if (ns != 1 || col >= rec->nf)
		return none;
	return trimmed(rec->f[col]);
}

/* Warns once for record m that the talk has other values for it. */
static void
differ(struct common *c, const struct tk_record *rec, size_t i, size_t ns,
    size_t m)
{
	struct join *j = c->join;
	struct tk_buf cols = { 0 };
	size_t ncols = 0;
	unsigned long line;
	const char *file;

	if (j->warned[m])
		return;
	tk_buf_add(&cols, "", 0);
	for (size_t k = 0; k < j->n; k++) {
		struct tk_str a = own(rec, j->to[k], i, ns);
		struct tk_str b = trimmed(*tk_people_value(j->pp, m,
		    j->from[k]));
		if (a.n == 0 || b.n == 0 || (a.n == b.n &&
		    memcmp(a.p, b.p, a.n) == 0))
			continue;
		if (ncols++)
			tk_buf_adds(&cols, ", ");
		tk_buf_adds(&cols, j->added[k]);
	}
	if (cols.n) {
		const struct tk_str *nm = tk_people_value(j->pp, m,
		    TK_SPEAKER);
		j->warned[m] = 1;
		file = tk_people_file(j->pp, m, &line);
		warn(c, file, line, "speaker '%.*s': %s %s from %s:%lu; "
		    "the speakers file's %s used", tk_cut(nm->p, nm->n, 80),
		    nm->p, cols.p, ncols > 1 ? "differ" : "differs",
		    rec->file, rec->line, ncols > 1 ? "are" : "is");
	}
	tk_buf_free(&cols);
}

/* Matches each speaker of rec to a record, in j->match; their number. */
static size_t
match_all(struct common *c, const struct tk_record *rec)
{
	struct join *j = c->join;
	size_t ns = tk_count_of(TK_SPEAKER, &rec->f[TK_SPEAKER]);
	const struct tk_str *t = &rec->f[TK_TITLE];

	TK_GROW(j->match, j->matchcap, ns + 1);
	for (size_t i = 0; i < ns; i++) {
		struct tk_str name = tk_item_of(TK_SPEAKER,
		    &rec->f[TK_SPEAKER], i), id = { "", 0 };
		size_t n = 0, found[2], m = NONE;
		unsigned long l0, l1;
		const char *f0, *f1;

		if (name.n > 0)
			m = find(j, rec, i, &name, &n, found, &id);
		j->match[i] = m;
		if (name.n == 0)
			continue;
		if (n == 0) {
			warn(c, rec->file, rec->line, "speaker '%.*s'%s%.*s%s "
			    "of talk '%.*s' has no record in the speakers "
			    "files", tk_cut(name.p, name.n, 80), name.p,
			    id.n ? " (id '" : "", tk_cut(id.p, id.n, 40),
			    id.p, id.n ? "')" : "", tk_cut(t->p, t->n, 80),
			    t->p);
		} else if (n > 1) {
			/* The name matched: no "matches no talk" as well. */
			j->used[found[0]] = j->used[found[1]] = 1;
			f0 = tk_people_file(j->pp, found[0], &l0);
			f1 = tk_people_file(j->pp, found[1], &l1);
			warn(c, rec->file, rec->line, "speaker '%.*s' of talk "
			    "'%.*s' matches %zu records of the speakers files "
			    "(%s:%lu, %s:%lu%s): none is used",
			    tk_cut(name.p, name.n, 80), name.p,
			    tk_cut(t->p, t->n, 80), t->p, n, f0, l0, f1, l1,
			    n > 2 ? ", ..." : "");
		} else {
			j->used[m] = 1;
			differ(c, rec, i, ns, m);
		}
	}
	return ns;
}

/* The joined value of the k-th column that the speakers files supply. */
static void
join_value(struct join *j, const struct tk_record *rec, size_t k, size_t ns)
{
	size_t col = j->to[k], got = 0;
	struct tk_buf *b = &j->val[k];
	int list = tk_is_list(col);

	b->n = 0;
	tk_buf_add(b, "", 0);
	for (size_t i = 0; i < ns; i++) {
		struct tk_str v = { "", 0 };
		if (j->match[i] != NONE)
			v = trimmed(*tk_people_value(j->pp, j->match[i],
			    j->from[k]));
		if (v.n > 0)
			got++;
		else if (list)
			v = own(rec, col, i, ns);
		else
			continue;
		if (list && i > 0)
			tk_buf_adds(b, "; ");
		else if (!list && b->n > 0)
			tk_buf_adds(b, col == TK_BIO ? "\n\n" : "; ");
		tk_buf_add(b, v.p, v.n);
	}
	if (got > 0 && col < rec->nf) {
		j->f[col].p = b->p;
		j->f[col].n = b->n;
	}
}

/* The speakers of rec, each spelt as its record spells it. */
static void
join_names(struct join *j, const struct tk_record *rec, size_t ns)
{
	struct tk_buf *b = &j->names;
	size_t got = 0;

	b->n = 0;
	tk_buf_add(b, "", 0);
	for (size_t i = 0; i < ns; i++) {
		struct tk_str v = tk_item_of(TK_SPEAKER, &rec->f[TK_SPEAKER],
		    i);
		if (j->match[i] != NONE) {
			v = trimmed(*tk_people_value(j->pp, j->match[i],
			    TK_SPEAKER));
			got++;
		}
		if (i > 0)
			tk_buf_adds(b, "; ");
		tk_buf_add(b, v.p, v.n);
	}
	if (got > 0) {
		j->f[TK_SPEAKER].p = b->p;
		j->f[TK_SPEAKER].n = b->n;
	}
}

void
join_record(struct common *c, struct tk_record *rec)
{
	struct join *j = c->join;
	size_t ns = match_all(c, rec);

	TK_GROW(j->f, j->fcap, rec->nf);
	memcpy(j->f, rec->f, rec->nf * sizeof(*j->f));
	for (size_t k = 0; k < j->n; k++)
		join_value(j, rec, k, ns);
	join_names(j, rec, ns);
	rec->f = j->f;
}

void
join_person(struct common *c, const struct tk_record *rec,
    const struct tk_person *p, struct tk_str *out)
{
	struct join *j = c->join;
	size_t n, found[2], m, ns;
	struct tk_str id, none = { "", 0 };

	if (j == NULL)
		return;
	m = find(j, rec, p->i, &p->name, &n, found, &id);
	ns = tk_count_of(TK_SPEAKER, &rec->f[TK_SPEAKER]);
	/*
	 * A talk's value joined from several speakers is theirs: a speaker
	 * without a value of its own has none.
	 */
	for (size_t k = 0; k < j->n; k++) {
		struct tk_str v = none;
		if (j->to[k] >= rec->nf || tk_is_list(j->to[k]))
			continue;
		if (m != NONE)
			v = trimmed(*tk_people_value(j->pp, m, j->from[k]));
		if (v.n > 0 || ns > 1)
			out[j->to[k]] = v;
	}
}

void
join_end(struct common *c, int all)
{
	struct join *j = c->join;

	if (j == NULL || j->ended || !all)
		return;
	j->ended = 1;
	for (size_t m = 0; m < tk_people_count(j->pp); m++) {
		const struct tk_str *nm = tk_people_value(j->pp, m, TK_SPEAKER);
		unsigned long line;
		const char *file = tk_people_file(j->pp, m, &line);
		if (!j->used[m])
			warn(c, file, line, "speaker '%.*s' matches no talk",
			    tk_cut(nm->p, nm->n, 80), nm->p);
	}
}

void
join_collect(struct common *c)
{
	if (c->join)
		c->join->collect = 1;
}

int
join_problem(const struct common *c, size_t i, const char **file,
    unsigned long *line, const char **msg)
{
	const struct join *j = c->join;

	if (j == NULL || i >= j->nprob)
		return 0;
	*file = j->prob[i].file;
	*line = j->prob[i].line;
	*msg = j->prob[i].msg;
	return 1;
}

void
join_free(struct common *c)
{
	struct join *j = c->join;

	if (j == NULL)
		return;
	for (size_t i = 0; i < j->nprob; i++) {
		free(j->prob[i].file);
		free(j->prob[i].msg);
	}
	for (size_t k = 0; k < j->n; k++)
		tk_buf_free(&j->val[k]);
	tk_buf_free(&j->names);
	free(j->prob);
	free(j->val);
	free(j->match);
	free(j->f);
	free(j->used);
	free(j->warned);
	free(j->added);
	free(j->from);
	free(j->to);
	tk_people_free(j->pp);
	tk_close(j->r);
	free(j);
	c->join = NULL;
}
