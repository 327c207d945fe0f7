/*
 * gather.c - how talks export gathers the records of each output, as the
 * format's table entry says: each record as it is read (or all sorted
 * with -s), all the records as one output, or the scheduled talks with
 * their times; per speaker when the outputs are.  Every format that needs one
 * of these gets it from here, and only renders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

static const struct tk_str none = { "", 0 };

void
batch_record(const struct batch *b, size_t i, struct tk_record *rec)
{
	if (b->rows)
		tk_rows_get(b->rows, b->idx ? b->idx[i] : i, rec);
	else
		*rec = *b->rec;
}

const struct tk_when *
batch_when(const struct batch *b, size_t i)
{
	return &b->when[b->idx ? b->idx[i] : i];
}

void
gather_speakers(struct exporter *x)
{
	const struct export_opts *o = x->o;

	if (x->f->speakers == SPEAKERS_NO)
		return;
	if (o->each)
		common_parse_each(x->c, o->each);
	x->per_speaker = x->f->speakers == SPEAKERS_ALWAYS || o->each != NULL;
	x->unique = o->unique;
	if (x->unique && !x->per_speaker)
		misuse(x->c, "--unique needs --each speaker");
}

/* --------------------------------------------------------------- input */

/* The selected records, as they are read or all sorted by -s. */
struct input {
	struct tk_rows *sorted;
	size_t next;
};

static int
next_record(struct exporter *x, struct input *in, struct tk_record *rec)
{
	struct common *c = x->c;

	if (c->sort == NULL)
		return common_next(c, rec);
	if (in->sorted == NULL) {
		/* Formats read columns beyond the chosen ones (frab's guid). */
		size_t n = tk_ncols(c->r);
		size_t *all = tk_xcalloc(n + 1, sizeof(*all));
		for (size_t i = 0; i < n; i++)
			all[i] = i;
		in->sorted = common_sorted(c, all, n);
		free(all);
	}
	if (in->next == tk_rows_count(in->sorted))
		return 0;
	tk_rows_get(in->sorted, in->next++, rec);
	return 1;
}

/* A store of records that keeps every column. */
static struct tk_rows *
rows_all(struct exporter *x)
{
	size_t n = tk_ncols(x->c->r);
	size_t *cols = tk_xcalloc(n ? n : 1, sizeof(*cols));
	struct tk_rows *rows;

	for (size_t i = 0; i < n; i++)
		cols[i] = i;
	rows = tk_rows_new(x->c->r, cols, n);
	free(cols);
	return rows;
}

/* ----------------------------------------------------------- each record */

/* Where the outputs of each speaker go. */
struct each {
	struct exporter *x;
	struct tk_record *rec;    /* the talk, which the batch names */
	size_t *index;
};

/* The output of speaker p of rec. */
static int
emit_person(void *ctx, const struct tk_record *rec, const struct tk_person *p)
{
	struct each *w = ctx;
	struct tk_record one;
	struct tk_tmpl_vals v = { &one, &p->name, &p->email, &p->affiliation,
		NULL };
	struct batch b = { .n = 1, .rec = w->rec, .vals = &v };

	/* The speaker's own bio and columns of a speakers file. */
	common_person_record(w->x->c, rec, p, &one);

	b.index = (*w->index)++;
	return outdir_emit(w->x, &b) < 0 ? -1 : 0;
}

/* One output per speaker of rec; a talk without one is skipped. */
static int
each_speaker(struct exporter *x, struct tk_record *rec, size_t *index)
{
	struct each w = { x, rec, index };

	return common_each_person(rec, emit_person, &w);
}

static int
gather_each(struct exporter *x, unsigned long long *nrec)
{
	struct input in = { NULL, 0 };
	struct tk_record rec;
	struct tk_tmpl_vals v = { &rec, NULL, NULL, NULL, NULL };
	struct batch b = { .n = 1, .rec = &rec, .vals = &v };
	size_t index = 0;
	int rc = 0;

	while (rc == 0 && next_record(x, &in, &rec)) {
		++*nrec;
		if (x->per_speaker) {
			rc = each_speaker(x, &rec, &index);
		} else {
			b.index = index++;
			rc = outdir_emit(x, &b);
		}
	}
	tk_rows_free(in.sorted);
	return rc;
}

/* ------------------------------------------------------ distinct speakers */

/* The output of distinct speaker s, with {titles} of all its talks. */
static int
emit_unique(struct exporter *x, struct tk_rows *rows,
    const struct tk_speaker *s, size_t index)
{
	struct tk_buf titles = { 0 };
	struct tk_record rec;
	struct tk_str tv;
	int rc;

	tk_buf_add(&titles, "", 0);
	for (size_t k = 0; k < s->nrecs; k++) {
		tk_rows_get(rows, s->recs[k], &rec);
		if (k > 0)
			tk_buf_adds(&titles, "; ");
		tk_buf_add(&titles, rec.f[TK_TITLE].p, rec.f[TK_TITLE].n);
	}
	tv.p = titles.p;
	tv.n = titles.n;
	tk_rows_get(rows, s->recs[0], &rec);
	/* The speaker's own columns (--speakers): s is spelt so in recs[0]. */
	struct tk_record one = rec;
	struct tk_person p;
	for (size_t i = 0; tk_person(&rec, i, &p); i++)
		if (p.name.n == s->name.n && memcmp(p.name.p, s->name.p,
		    p.name.n) == 0) {
			common_person_record(x->c, &rec, &p, &one);
			break;
		}
	struct tk_tmpl_vals v = { &one, &s->name,
		s->email.p ? &s->email : &none,
		s->affiliation.p ? &s->affiliation : &none, &tv };
	struct batch b = { .n = s->nrecs, .index = index, .rec = &rec,
		.vals = &v, .rows = rows, .idx = s->recs };
	rc = outdir_emit(x, &b);
	tk_buf_free(&titles);
	return rc;
}

/* --unique: every record is read first, then each speaker is an output. */
static int
gather_unique(struct exporter *x, unsigned long long *nrec)
{
	struct input in = { NULL, 0 };
	struct tk_rows *rows = rows_all(x);
	struct tk_speakers *ss = tk_speakers_new();
	struct tk_record rec;
	size_t n = 0;
	int rc = 0;

	while (next_record(x, &in, &rec)) {
		++*nrec;
		tk_rows_add(rows, &rec);
		common_warn_unpaired(&rec);
		if (tk_speakers_add(ss, &rec, n++) == 0)
			common_no_speaker(&rec);
	}
	tk_rows_free(in.sorted);
	for (size_t i = 0; i < tk_speakers_count(ss) && rc == 0; i++)
		rc = emit_unique(x, rows, tk_speakers_get(ss, i), i);
	tk_speakers_free(ss);
	tk_rows_free(rows);
	return rc;
}

/* ------------------------------------------------------- scheduled talks */

/* One output per distinct speaker, with the speaker's talks. */
static int
sched_speakers(struct exporter *x, struct schedule *s)
{
	struct tk_speakers *ss = tk_speakers_new();
	struct tk_record rec;
	int rc = 0;

	for (size_t i = 0; i < s->n; i++) {
		tk_rows_get(s->rows, s->row[i], &rec);
		common_warn_unpaired(&rec);
		if (tk_speakers_add(ss, &rec, s->row[i]) == 0)
			common_no_speaker(&rec);
	}
	for (size_t i = 0; i < tk_speakers_count(ss) && rc == 0; i++) {
		const struct tk_speaker *sp = tk_speakers_get(ss, i);
		tk_rows_get(s->rows, sp->recs[0], &rec);
		struct tk_tmpl_vals v = { &rec, &sp->name,
			sp->email.p ? &sp->email : &none,
			sp->affiliation.p ? &sp->affiliation : &none, NULL };
		struct batch b = { .n = sp->nrecs, .index = i, .rec = &rec,
			.vals = &v, .rows = s->rows, .idx = sp->recs,
			.when = s->when, .zone = s->zone };
		rc = outdir_emit(x, &b);
	}
	tk_speakers_free(ss);
	return rc;
}

/*
 * Reads every record into s, counting them in *nrec; with keep_all, the
 * talks without a time are kept too.  -1 when s cannot be set up.
 */
static int
read_schedule(struct exporter *x, struct schedule *s, int keep_all,
    unsigned long long *nrec)
{
	struct input in = { NULL, 0 };
	struct tk_record rec;

	if (schedule_init(x, s, rows_all(x)) < 0) {
		schedule_free(s);
		return -1;
	}
	s->keep_all = keep_all;
	while (next_record(x, &in, &rec)) {
		++*nrec;
		schedule_add(s, &rec);
	}
	tk_rows_free(in.sorted);
	return 0;
}

/*
 * All the records are read first, then the times of the talks; a time
 * that cannot be read stops it.
 */
static int
gather_scheduled(struct exporter *x, unsigned long long *nrec)
{
	struct schedule s;
	struct tk_record rec;
	int rc = 0;

	if (read_schedule(x, &s, 0, nrec) < 0)
		return -1;
	/* An output missing some talks would look complete: none at all. */
	if (schedule_end(x, &s) < 0) {
		rc = -1;
	} else if (x->per_speaker) {
		rc = sched_speakers(x, &s);
	} else {
		struct tk_tmpl_vals v = { &rec, NULL, NULL, NULL, NULL };
		struct batch b = { .n = s.n, .rec = s.n ? &rec : NULL,
			.vals = &v, .rows = s.rows, .idx = s.row,
			.when = s.when, .zone = s.zone };
		if (s.n)
			tk_rows_get(s.rows, s.row[0], &rec);
		rc = outdir_emit(x, &b);
	}
	schedule_free(&s);
	return rc;
}

/* ------------------------------------------------------------ every talk */

/*
 * Every record is read first and all are one output; with times when
 * the format wants them, a time that cannot be read stopping it (but
 * when html's grid was not asked for: then it is left out).
 */
static int
gather_all(struct exporter *x, unsigned long long *nrec)
{
	struct schedule s;
	struct tk_record rec;
	struct batch b = { .rec = &rec };
	int rc = 0, times = x->f->wants_times && x->f->wants_times(x);

	if (read_schedule(x, &s, 1, nrec) < 0)
		return -1;
	if (times && schedule_end(x, &s) < 0) {
		/* Not asked for: the talks are all there, without a grid. */
		if (x->o->layout != LAYOUT_AUTO) {
			schedule_free(&s);
			return -1;
		}
		fputs("talks: the times cannot be read, so the page has no "
		    "timetable: give --date-order, or --layout list to "
		    "leave it out\n", stderr);
		times = 0;
	}
	b.n = tk_rows_count(s.rows);
	b.rows = s.rows;
	if (times) {
		b.when = s.when;
		b.zone = s.zone;
		b.timed = s.row;
		b.ntimed = s.n;
	}
	if (b.n)
		tk_rows_get(s.rows, 0, &rec);
	else
		b.rec = NULL;
	rc = outdir_emit(x, &b);
	schedule_free(&s);
	return rc;
}

int
gather(struct exporter *x, unsigned long long *nrec)
{
	switch (x->f->gather) {
	case GATHER_ALL:
		return gather_all(x, nrec);
	case GATHER_SCHEDULED:
		return gather_scheduled(x, nrec);
	case GATHER_EACH:
		break;
	}
	return x->unique ? gather_unique(x, nrec) : gather_each(x, nrec);
}
