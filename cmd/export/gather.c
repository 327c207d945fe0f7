/* scheduled.c - the talks with a day and a start, for ics and frab. */
#include <stdio.h>
#include <stdlib.h>

#include "export.h"

void
scheduled_init(struct exporter *x, struct scheduled *s)
{
	s->rows = export_rows_all(x);
}

void
scheduled_add(struct exporter *x, struct scheduled *s,
    const struct tk_record *rec)
{
	struct tk_when w;
	struct tk_err e;
	int rc = tk_when(rec, &w, &e);

	if (rc < 0) {
		report(&e);
		s->bad = 1;
		return;
	}
	if (rc == 0) {
		s->skipped++;
		if (x->o->verbose) {
			const struct tk_str *t = &rec->f[TK_TITLE];
			tk_fail(&e, rec->file, rec->line, 0, "talk '%.*s' has "
			    "no day or start, skipped", (int)(t->n > 80 ? 80 :
			    t->n), t->p);
			report(&e);
		}
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->when = tk_xrealloc(s->when, s->cap * sizeof(*s->when));
	}
	s->when[s->n++] = w;
	tk_rows_add(s->rows, rec);
}

int
scheduled_end(const struct scheduled *s)
{
	if (s->skipped)
		fprintf(stderr, "talks: %lu talk%s without day or start "
		    "skipped\n", s->skipped, s->skipped == 1 ? "" : "s");
	return s->bad ? -1 : 0;
}

void
scheduled_free(struct scheduled *s)
{
	tk_rows_free(s->rows);
	free(s->when);
}
