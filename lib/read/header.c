/*
 * header.c - what each column of a file's header is: its name (empty
 * headers named by position, repeated names numbered) and the canonical
 * field it holds (--map first, then the aliases of fields.c, then the
 * aliases that hold only beside other columns).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
trim(const char **p, size_t *n)
{
	while (*n > 0 && (**p == ' ' || **p == '\t')) {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t'))
		(*n)--;
}

static char *
fold(const char *p, size_t n)
{
	char *f = tk_xmalloc(n + 1);

	tk_fold_name(p, n, f);
	return f;
}

static void
note(struct hdr *h, const struct tk_err *e)
{
	TK_GROW(h->note, h->notecap, h->nnote + 1);
	h->note[h->nnote++] = *e;
}

struct named {
	const char *folded;
	size_t i;
};

static int
cmp_named(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->folded, y->folded);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int
cmp_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct named *)elem)->folded);
}

/*
 * Names the columns: an empty header is column_N, N its position; the
 * second of two columns with one name (folded as tk_fold_name does) is
 * NAME_2, the third NAME_3, ..., skipping names the header has.  One
 * notice for the file says which were renamed.
 */
static void
name_columns(struct hdr *h, const struct src *s, const struct rawrec *raw)
{
	size_t n = raw->nf, renamed = 0, first = 0;
	struct named *v = tk_xcalloc(n ? n : 1, sizeof(*v));
	char num[32];

	for (size_t i = 0; i < n; i++) {
		const char *p = raw->f[i].p;
		size_t k = raw->f[i].n;
		trim(&p, &k);
		if (k == 0) {
			k = (size_t)snprintf(num, sizeof(num), "column_%zu",
			    i + 1);
			p = num;
		}
		h->name[i] = tk_xstrndup(p, k);
		h->folded[i] = fold(p, k);
		v[i].folded = h->folded[i];
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), cmp_named);
	for (size_t a = 0, b; a < n; a = b) {
		unsigned long k = 2;
		for (b = a + 1; b < n && strcmp(v[b].folded, v[a].folded) == 0;
		    b++) {
			size_t i = v[b].i, len = strlen(h->name[i]);
			char *name = tk_xmalloc(len + 24), *f;
			for (;; k++) {
				snprintf(name, len + 24, "%s_%lu", h->name[i],
				    k);
				f = fold(name, strlen(name));
				if (bsearch(f, v, n, sizeof(*v), cmp_key) ==
				    NULL)
					break;
				free(f);
			}
			k++;
			if (renamed++ == 0 || i < first)
				first = i;
			free(h->name[i]);
			h->name[i] = name;
			h->renamed[i] = 1;
			/* v[b] still points to the old folded name. */
			h->refolded[i] = f;
		}
	}
	free(v);
	for (size_t i = 0; i < n; i++)
		if (h->refolded[i]) {
			free(h->folded[i]);
			h->folded[i] = h->refolded[i];
			h->refolded[i] = NULL;
		}
	if (renamed > 0) {
		struct tk_err w;
		size_t was = strlen(h->name[first]);
		while (was > 0 && h->name[first][was - 1] != '_')
			was--;
		tk_fail(&w, s->name, raw->line, 0, "duplicate column '%.*s' "
		    "(column %zu) read as '%s'%s", tk_cut(h->name[first],
		    was - 1, 60), h->name[first], first + 1, h->name[first],
		    renamed > 1 ? ", and more columns renamed the same way" :
		    "");
		note(h, &w);
	}
	h->nrenamed = renamed;
}

/* The column whose folded name is f, from 1; 0 when none. */
static size_t
find_folded(const struct hdr *h, const char *f)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->folded[i], f) == 0)
			return i + 1;
	return 0;
}

/*
 * The field of each column that --map names; marks maps that found a
 * column in used.
 */
static void
apply_maps(struct hdr *h, const struct tk_inopts *o, unsigned char *used,
    int *taken)
{
	for (size_t m = 0; m < o->nmaps; m++) {
		char *f = fold(o->maps[m].header, strlen(o->maps[m].header));
		size_t i = find_folded(h, f);
		free(f);
		if (i == 0 || h->field[i - 1] >= 0)
			continue;
		h->field[i - 1] = o->maps[m].field;
		taken[o->maps[m].field] = 1;
		if (used)
			used[m] = 1;
	}
}

/* The field whose own (canonical) name column i has, or -1. */
static int
own_name(const struct hdr *h, size_t i, int f)
{
	return f >= 0 && strcmp(h->folded[i], tk_canon_name(f)) == 0 ? f : -1;
}

/*
 * The aliases: a header that is a field's own name takes the field
 * before an alias does, so that an export, which writes canonical
 * names, reads back with the same columns; else the first alias takes
 * it, with a notice naming both, as the order of the columns chose.
 * The other columns that name a field taken are columns of their own.
 */
static void
apply_aliases(struct hdr *h, const struct src *s, unsigned long line,
    int *taken)
{
	size_t owner[TK_NCANON];
	int own[TK_NCANON] = { 0 }, told[TK_NCANON] = { 0 };
	int *f = tk_xcalloc(h->n ? h->n : 1, sizeof(*f));

	memset(owner, 0, sizeof(owner));
	for (size_t i = 0; i < h->n; i++) {
		f[i] = h->field[i] >= 0 || h->renamed[i] ? -1 :
		    tk_canon_find(h->folded[i], strlen(h->folded[i]));
		if (own_name(h, i, f[i]) >= 0 && !taken[f[i]] &&
		    owner[f[i]] == 0) {
			owner[f[i]] = i + 1;
			own[f[i]] = 1;
		}
	}
	for (size_t i = 0; i < h->n; i++) {
		struct tk_err w;
		size_t o;
		if (f[i] < 0 || taken[f[i]])
			continue;
		if ((o = owner[f[i]]) == 0 || o == i + 1) {
			owner[f[i]] = i + 1;
			h->field[i] = f[i];
			continue;
		}
		if (own[f[i]] || told[f[i]]++)
			continue;
		tk_fail(&w, s->name, line, 0, "columns '%.*s' (%zu) and "
		    "'%.*s' (%zu) both name the field %s: the first is read "
		    "as %s, the second as a column of its own",
		    tk_cut(h->name[o - 1], strlen(h->name[o - 1]), 60),
		    h->name[o - 1], o,
		    tk_cut(h->name[i], strlen(h->name[i]), 60), h->name[i],
		    i + 1, tk_canon_name(f[i]), tk_canon_name(f[i]));
		note(h, &w);
	}
	for (int k = 0; k < TK_NCANON; k++)
		if (owner[k])
			taken[k] = 1;
	free(f);
}

/*
 * The aliases that hold only beside other columns: PaperCall's "name"
 * is the speaker when a title column is there; "First Name" and "Last
 * name" together are the speaker, joined with a space.  Neither when
 * the file has a speaker column.
 */
static void
apply_pairs(struct hdr *h, int *taken, int people)
{
	static const char *const firsts[] = { "first name", "firstname",
		"given name", NULL };
	static const char *const lasts[] = { "last name", "lastname",
		"family name", "surname", NULL };
	static const char *const names[] = { "name", "full name",
		"fullname", NULL };
	size_t fi = 0, la = 0, nm = 0;

	if (taken[TK_SPEAKER] || (!taken[TK_TITLE] && !people))
		return;
	for (const char *const *a = names; *a && nm == 0; a++)
		if ((nm = find_folded(h, *a)) && h->field[nm - 1] >= 0)
			nm = 0;
	if (nm) {
		h->field[nm - 1] = TK_SPEAKER;
		taken[TK_SPEAKER] = 1;
		return;
	}
	for (const char *const *a = firsts; *a && fi == 0; a++)
		fi = find_folded(h, *a);
	for (const char *const *a = lasts; *a && la == 0; a++)
		la = find_folded(h, *a);
	if (fi && la && h->field[fi - 1] < 0 && h->field[la - 1] < 0) {
		h->join[0] = fi;
		h->join[1] = la;
		taken[TK_SPEAKER] = 1;
	}
}

/* Says where the header has ';' or tabs, for a file without a title. */
static const char *
delim_hint(const struct src *s, const struct rawrec *raw)
{
	int semi = 0, tab = 0;

	for (size_t i = 0; i < raw->nf; i++) {
		semi |= memchr(raw->f[i].p, ';', raw->f[i].n) != NULL;
		tab |= memchr(raw->f[i].p, '\t', raw->f[i].n) != NULL;
	}
	if (tab && s->delim != '\t')
		return "; the header holds tabs: --tsv reads them as the "
		    "delimiter";
	if (semi && s->delim != ';')
		return "; the header holds ';': -d ';' reads it as the "
		    "delimiter";
	return "";
}

/* Describes the header for the message about a missing title column. */
static void
list_headers(const struct rawrec *h, char *out, size_t size)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < h->nf && o + 8 < size; i++) {
		int k = snprintf(out + o, size - o, "%s'%.*s'", i ? ", " : "",
		    tk_cut(h->f[i].p, h->f[i].n, 40), h->f[i].p);
		if (k < 0)
			break;
		o += (size_t)k;
	}
	if (o + 8 >= size)
		snprintf(out + tk_cut(out, size - 1, size - 8), 8, ", ...");
}

/*
 * A speakers file: the name is the key, as the title is a talk's; a
 * "speaker id" column is the id when no other column is.
 */
static int
people_key(struct hdr *h, const struct src *s, const struct rawrec *raw,
    int *taken, struct tk_err *e)
{
	size_t id;

	apply_pairs(h, taken, 1);
	if (!taken[TK_ID] && (id = find_folded(h, "speaker id")) &&
	    h->field[id - 1] < 0) {
		h->field[id - 1] = TK_ID;
		taken[TK_ID] = 1;
	}
	if (!taken[TK_SPEAKER]) {
		char found[400];
		list_headers(raw, found, sizeof(found));
		return tk_fail(e, s->name, raw->line, 0, "no name column in a "
		    "speakers file (found %s)%s", found, delim_hint(s, raw));
	}
	return 0;
}

int
hdr_resolve(struct hdr *h, const struct src *s, const struct rawrec *raw,
    const struct tk_inopts *o, unsigned char *used, struct tk_err *e)
{
	int taken[TK_NCANON] = { 0 };
	size_t n = raw->nf;

	memset(h, 0, sizeof(*h));
	/* Column names are C strings; a NUL mostly means UTF-16 text. */
	for (size_t i = 0; i < n; i++)
		if (memchr(raw->f[i].p, '\0', raw->f[i].n))
			return tk_fail(e, s->name, raw->line, 0, "NUL byte in "
			    "column name %zu (UTF-16 without a byte order "
			    "mark? name it with --encoding)", i + 1);
	h->n = n;
	h->name = tk_xcalloc(n ? n : 1, sizeof(*h->name));
	h->folded = tk_xcalloc(n ? n : 1, sizeof(*h->folded));
	h->refolded = tk_xcalloc(n ? n : 1, sizeof(*h->refolded));
	h->renamed = tk_xcalloc(n ? n : 1, 1);
	h->field = tk_xmalloc((n ? n : 1) * sizeof(*h->field));
	for (size_t i = 0; i < n; i++)
		h->field[i] = -1;
	name_columns(h, s, raw);
	apply_maps(h, o, used, taken);
	apply_aliases(h, s, raw->line, taken);
	if (o->people)
		return people_key(h, s, raw, taken, e);
	if (!taken[TK_TITLE]) {
		char found[400];
		list_headers(raw, found, sizeof(found));
		return tk_fail(e, s->name, raw->line, 0,
		    "no title column (found %s)%s", found, delim_hint(s, raw));
	}
	apply_pairs(h, taken, 0);
	return 0;
}

void
hdr_free(struct hdr *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->name[i]);
		free(h->folded[i]);
	}
	free(h->name);
	free(h->folded);
	free(h->refolded);
	free(h->renamed);
	free(h->field);
	free(h->note);
	memset(h, 0, sizeof(*h));
}
