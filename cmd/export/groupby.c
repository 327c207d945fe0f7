/*
 * groupby.c - what markdown and html share: the talks grouped by --by
 * (the track by default), as by-track groups them, and the labels that
 * people read for the canonical fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

size_t
export_by_col(struct exporter *x)
{
	struct tk_err e;
	size_t *cols, n, col;

	if (x->o->by == NULL)
		return TK_TRACK;
	if (tk_parse_fields(x->c->r, x->o->by, &cols, &n, &e) < 0)
		misuse(x->c, "--by: %s", e.msg);
	col = cols[0];
	free(cols);
	if (n != 1)
		misuse(x->c, "--by: one field only, not a list");
	return col;
}

/* Whether a value of col holds several people, each a group of its own. */
static int
is_multi(size_t col)
{
	return col == TK_SPEAKER || col == TK_EMAIL || col == TK_AFFILIATION;
}

static void
join(struct bygroups *gs, const char *name, size_t n, size_t row)
{
	size_t gi = tk_groups_intern(gs->t, name, n);
	struct bygroup *g;

	if (gi >= gs->cap) {
		size_t old = gs->cap;
		TK_GROW(gs->g, gs->cap, gi + 1);
		memset(gs->g + old, 0, (gs->cap - old) * sizeof(*gs->g));
	}
	g = &gs->g[gi];
	/* A talk joins a group once, however often its name is there. */
	if (g->n > 0 && g->rows[g->n - 1] == row)
		return;
	TK_GROW(g->rows, g->cap, g->n + 1);
	g->rows[g->n++] = row;
}

void
bygroups_make(struct exporter *x, const struct batch *b, size_t col,
    struct bygroups *gs)
{
	struct tk_record rec;
	struct tk_str item;

	memset(gs, 0, sizeof(*gs));
	gs->t = tk_groups_new(NULL, NULL, 0);
	for (size_t i = 0; i < b->n; i++) {
		const struct tk_str *v;
		size_t pos = 0;
		int any = 0;
		batch_record(b, i, &rec);
		v = &rec.f[col];
		if (is_multi(col)) {
			while (tk_next_item(v, &pos, &item))
				if (item.n > 0) {
					join(gs, item.p, item.n, i);
					any = 1;
				}
		}
		if (!any && (is_multi(col) || export_blank(v)))
			join(gs, "", 0, i);
		else if (!any)
			join(gs, v->p, v->n, i);
	}
	gs->order = tk_groups_order(gs->t, TK_ORDER_INPUT, col);
	gs->n = tk_groups_count(gs->t);
	/* Talks without a value, apart from a value "(no track)". */
	gs->none = none_label(x->c->r, col);
	unclash(&gs->none, gs->t);
}

struct tk_str
bygroups_name(const struct bygroups *gs, size_t k)
{
	struct tk_str v = tk_groups_name(gs->t, gs->order[k]);

	if (v.n == 0) {
		v.p = gs->none;
		v.n = strlen(gs->none);
	}
	return v;
}

const struct bygroup *
bygroups_get(const struct bygroups *gs, size_t k)
{
	return &gs->g[gs->order[k]];
}

void
bygroups_free(struct bygroups *gs)
{
	for (size_t i = 0; i < gs->cap; i++)
		free(gs->g[i].rows);
	free(gs->g);
	free(gs->order);
	free(gs->none);
	tk_groups_free(gs->t);
}

/* The labels of the canonical fields, in the order of enum tk_canon. */
static const char *const labels[TK_NCANON] = {
	"ID", "Title", "Speaker", "Email", "Affiliation", "Track", "Type",
	"Level", "State", "Description", "Abstract", "Bio", "Room", "Day",
	"Start", "End", "Duration", "URL", "Tags"
};

struct tk_str
export_label(struct exporter *x, size_t col)
{
	struct tk_str v;

	v.p = col < TK_NCANON ? labels[col] : tk_colname(x->c->r, col);
	v.n = strlen(v.p);
	return v;
}
