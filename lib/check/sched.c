/*
 * sched.c - the rules of times: each talk's time read as the calendar
 * exports read it (tk_when), and the overlaps of talks in one room or of
 * one speaker, found by sorting by room or speaker and start and then
 * one pass: O(n log n) in the number of talks.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"

#define HALF_DAY 43200LL

/* The day that a bare start is read on when no talk has a day. */
static const struct tk_str some_day = { "1970-01-01", 10 };

static void
msg_clock(struct tk_checker *k, const struct tk_time *t)
{
	char b[16];

	if (t->sec)
		snprintf(b, sizeof(b), "%02d:%02d:%02d", t->hour, t->min,
		    t->sec);
	else
		snprintf(b, sizeof(b), "%02d:%02d", t->hour, t->min);
	msg_adds(k, b);
}

static void
msg_day(struct tk_checker *k, const struct tk_time *t)
{
	char b[32];

	snprintf(b, sizeof(b), "%04d-%02d-%02d ", t->year, t->mon, t->mday);
	msg_adds(k, b);
}

static int
same_day(const struct tk_time *a, const struct tk_time *b)
{
	return a->year == b->year && a->mon == b->mon && a->mday == b->mday;
}

/*
 * The time of talk t: "2016-08-20 10:00-10:45", without the day when it
 * is on the day of ref (unless NULL) or has none, the end's day when it
 * is on another.
 */
static void
msg_span(struct tk_checker *k, const struct talk *t, const struct talk *ref)
{
	struct tk_time a, b, r;

	tk_time_from_epoch(t->start, &a);
	if (ref)
		tk_time_from_epoch(ref->start, &r);
	if (!t->dayless && (ref == NULL || !same_day(&a, &r)))
		msg_day(k, &a);
	msg_clock(k, &a);
	if (t->end == t->start)
		return;
	tk_time_from_epoch(t->end, &b);
	msg_adds(k, "-");
	if (!t->dayless && !same_day(&a, &b))
		msg_day(k, &b);
	msg_clock(k, &b);
}

static void
time_problem(struct tk_checker *k, size_t ri)
{
	if (rule_on(k, TK_RULE_TIME))
		problem(k, TK_RULE_TIME, ri, NONE, -1);
}

/* "bad WHAT 'value'", as tk_when says it. */
static void
bad_value(struct tk_checker *k, size_t ri, const char *what,
    const struct tk_str *v)
{
	msg_begin(k);
	msg_adds(k, "bad ");
	msg_adds(k, what);
	msg_adds(k, " ");
	msg_value(k, v);
	time_problem(k, ri);
}

static void
when_failed(struct tk_checker *k, size_t ri, const struct tk_err *e)
{
	msg_begin(k);
	msg_adds(k, e->msg);
	time_problem(k, ri);
}

/* rec with its day replaced by some_day, in the checker's fields. */
static struct tk_record
on_some_day(struct tk_checker *k, const struct tk_record *rec)
{
	struct tk_record r = *rec;
	size_t nf = rec->nf > TK_DAY ? rec->nf : TK_DAY + 1;

	if (nf > k->capfields) {
		free(k->fields);
		k->capfields = nf;
		k->fields = tk_xcalloc(nf, sizeof(*k->fields));
	}
	memset(k->fields, 0, nf * sizeof(*k->fields));
	memcpy(k->fields, rec->f, rec->nf * sizeof(*rec->f));
	k->fields[TK_DAY] = some_day;
	r.f = k->fields;
	r.nf = nf;
	return r;
}

/*
 * The end and duration of a talk that tk_when has read (w, from rec):
 * an end that comes before its start on the clock, a duration that
 * says otherwise than start and end.  Returns -1 when the talk has no
 * time that can be compared.
 */
static int
check_end(struct tk_checker *k, const struct tk_record *rec, size_t ri,
    const struct tk_when *w, int dayless)
{
	struct tk_str end = value(rec, TK_END), du = value(rec, TK_DURATION);
	struct tk_time st, t;
	struct tk_stamp x;
	long long start = w->start, secs;
	int has_day;

	if (end.n == 0 ||
	    tk_parse_stamp(&end, k->topts.order, &x) < 0 || !x.has_time)
		return 0;
	/* The end's clock time on the start's day, as the message shows it. */
	tk_time_from_epoch(start, &st);
	t = st;
	t.hour = x.hour;
	t.min = x.min;
	t.sec = x.sec;
	has_day = x.has_date;
	if (has_day && dayless) {
		msg_begin(k);
		msg_adds(k, "the end has a day but the start has none");
		time_problem(k, ri);
		return -1;
	}
	/*
	 * A bare end before the start is past midnight for the exports;
	 * by at most half a day, it is an end before the start.
	 */
	if (!has_day && tk_time_epoch(&t) < start &&
	    start - tk_time_epoch(&t) <= HALF_DAY) {
		msg_begin(k);
		msg_adds(k, "end ");
		msg_clock(k, &t);
		msg_adds(k, " is before start ");
		msg_clock(k, &st);
		time_problem(k, ri);
		return -1;
	}
	if (du.n == 0)
		return 0;
	if ((secs = tk_parse_duration(&du)) < 0) {
		bad_value(k, ri, "duration", &du);
	} else if (secs != w->end - start) {
		msg_begin(k);
		msg_adds(k, "duration ");
		msg_value(k, &du);
		msg_adds(k, " disagrees with start ");
		msg_clock(k, &st);
		msg_adds(k, " and end ");
		msg_clock(k, &t);
		msg_adds(k, " (");
		msg_num(k, (unsigned long long)(w->end - start) / 60);
		msg_adds(k, " minutes)");
		time_problem(k, ri);
	}
	return 0;
}

/* The values of a talk without a start, which tk_when does not read. */
static void
check_unscheduled(struct tk_checker *k, const struct tk_record *rec,
    size_t ri)
{
	struct tk_str end = value(rec, TK_END), du = value(rec, TK_DURATION);
	struct tk_stamp t;

	if (end.n > 0 && (tk_parse_stamp(&end, k->topts.order, &t) < 0 ||
	    !t.has_time))
		bad_value(k, ri, "end time", &end);
	if (du.n > 0 && tk_parse_duration(&du) < 0)
		bad_value(k, ri, "duration", &du);
}

size_t
check_time(struct tk_checker *k, const struct tk_record *rec, size_t ri)
{
	struct tk_when w;
	struct tk_err e;
	struct tk_record some;
	struct talk *t;
	int rc = tk_when(rec, &k->topts, &w, &e), dayless = 0;
	struct tk_str room;

	if (rc < 0) {
		when_failed(k, ri, &e);
		return NONE;
	}
	if (rc == 0) {
		if (value(rec, TK_START).n == 0) {
			check_unscheduled(k, rec, ri);
			return NONE;
		}
		/* A bare start and no day: read on a day of its own. */
		some = on_some_day(k, rec);
		if (tk_when(&some, &k->topts, &w, &e) < 0) {
			when_failed(k, ri, &e);
			return NONE;
		}
		dayless = k->dayless = 1;
	} else {
		k->dated = 1;
	}
	if (check_end(k, rec, ri, &w, dayless) < 0)
		return NONE;
	TK_GROW(k->talk, k->captalk, k->ntalk + 1);
	t = &k->talk[k->ntalk];
	t->start = w.start;
	t->end = w.has_end ? w.end : t->start;
	t->rec = ri;
	t->dayless = dayless;
	room = value(rec, TK_ROOM);
	t->room = room.n ? tk_groups_intern(k->rooms, room.p, room.n) : NONE;
	return k->ntalk++;
}

/* ------------------------------------------------------------ overlaps */

static void
msg_room(struct tk_checker *k, const struct talk *t)
{
	struct tk_str name = tk_groups_name(k->rooms, t->room);

	msg_add(k, name.p, name.n);
}

static void
msg_person(struct tk_checker *k, size_t who)
{
	const struct person *p = &k->person[who];

	msg_add(k, "'", 1);
	msg_add(k, k->names.p + p->spell, p->spelllen);
	msg_add(k, "'", 1);
}

/* Talk b, "line N (ROOM, 10:00-10:45)", as seen from talk a. */
static void
msg_other(struct tk_checker *k, const struct talk *b, const struct talk *a,
    int room)
{
	msg_where(k, b->rec, a->rec);
	msg_adds(k, " (");
	if (room && b->room != NONE) {
		msg_room(k, b);
		msg_adds(k, ", ");
	}
	msg_span(k, b, a);
	msg_adds(k, ")");
}

/* Talk a, "'ROOM' 2016-08-20 10:30-11:00" or for a speaker "'NAME' ..." */
static void
msg_this(struct tk_checker *k, int rule, const struct slot *s)
{
	const struct talk *a = &k->talk[s->talk];

	if (rule == TK_RULE_ROOM_OVERLAP) {
		msg_add(k, "'", 1);
		msg_room(k, a);
		msg_adds(k, "' ");
		msg_span(k, a, NULL);
		return;
	}
	msg_person(k, s->key);
	msg_adds(k, " ");
	msg_span(k, a, NULL);
	if (a->room != NONE) {
		msg_adds(k, " (");
		msg_room(k, a);
		msg_adds(k, ")");
	}
}

static void
overlap(struct tk_checker *k, int rule, const struct slot *s,
    const struct slot *o)
{
	const struct talk *a = &k->talk[s->talk], *b = &k->talk[o->talk];

	msg_begin(k);
	msg_this(k, rule, s);
	msg_adds(k, " overlaps ");
	msg_other(k, b, a, rule == TK_RULE_SPEAKER_OVERLAP);
	problem(k, rule, a->rec, b->rec, -1);
}

/* Speaker s has too little time after talk o to change rooms. */
static void
too_close(struct tk_checker *k, const struct slot *s, const struct slot *o)
{
	const struct talk *a = &k->talk[s->talk], *b = &k->talk[o->talk];
	long long gap = a->start - b->end;

	if (a->room != NONE && a->room == b->room)
		return;
	msg_begin(k);
	msg_this(k, TK_RULE_SPEAKER_OVERLAP, s);
	msg_adds(k, " begins ");
	if (gap >= 60) {
		msg_num(k, (unsigned long long)gap / 60);
		msg_adds(k, gap / 60 == 1 ? " minute " : " minutes ");
	}
	if (gap % 60) {
		msg_num(k, (unsigned long long)gap % 60);
		msg_adds(k, " s ");
	}
	msg_adds(k, gap ? "after " : "as ");
	msg_other(k, b, a, 1);
	msg_adds(k, " ends, less than the gap of ");
	msg_num(k, (unsigned long long)k->o.gap / 60);
	msg_adds(k, " minutes");
	problem(k, TK_RULE_SPEAKER_OVERLAP, a->rec, b->rec, -1);
}

/*
 * Sorts the slots and reports, for each one, a talk of the same key
 * (room or speaker) that it overlaps: one that starts at the same time,
 * else the one of the earlier talks that ends last.  Talks that only
 * touch (one ends when the next starts) do not overlap.
 */
static void
sweep(struct tk_checker *k, struct slot *s, size_t n, int rule)
{
	/* By key, then start; talks of one start stay in input order. */
	sort_u64(s, n, sizeof(*s), offsetof(struct slot, start), 1);
	sort_u64(s, n, sizeof(*s), offsetof(struct slot, key), 0);
	for (size_t i = 0, j; i < n; i = j) {
		size_t last = i; /* the earlier slot that ends last */
		for (j = i + 1; j < n && s[j].key == s[i].key; j++) {
			if (s[j - 1].start == s[j].start)
				overlap(k, rule, &s[j], &s[j - 1]);
			else if (s[last].end > s[j].start)
				overlap(k, rule, &s[j], &s[last]);
			else if (rule == TK_RULE_SPEAKER_OVERLAP && k->o.gap &&
			    s[j].start - s[last].end < k->o.gap)
				too_close(k, &s[j], &s[last]);
			if (s[j].end > s[last].end)
				last = j;
		}
	}
}

/* Whether talk t is left out of the overlaps: a bare start among days. */
static int
left_out(const struct tk_checker *k, const struct talk *t)
{
	return t->dayless && k->dated;
}

void
check_overlaps(struct tk_checker *k)
{
	struct slot *rooms;
	size_t n = 0;

	for (size_t i = 0; i < k->ntalk; i++) {
		struct tk_time a;
		if (!left_out(k, &k->talk[i]))
			continue;
		tk_time_from_epoch(k->talk[i].start, &a);
		msg_begin(k);
		msg_adds(k, "start ");
		msg_clock(k, &a);
		msg_adds(k, " has no day, and other talks have one");
		time_problem(k, k->talk[i].rec);
	}
	if (rule_on(k, TK_RULE_ROOM_OVERLAP)) {
		rooms = tk_xcalloc(k->ntalk + 1, sizeof(*rooms));
		for (size_t i = 0; i < k->ntalk; i++) {
			const struct talk *t = &k->talk[i];
			if (t->room == NONE || left_out(k, t))
				continue;
			rooms[n].key = t->room;
			rooms[n].start = t->start;
			rooms[n].end = t->end;
			rooms[n++].talk = i;
		}
		sweep(k, rooms, n, TK_RULE_ROOM_OVERLAP);
		free(rooms);
	}
	n = k->nspk;
	if (k->dayless && k->dated)
		for (size_t i = n = 0; i < k->nspk; i++)
			if (!left_out(k, &k->talk[k->spk[i].talk]))
				k->spk[n++] = k->spk[i];
	sweep(k, k->spk, n, TK_RULE_SPEAKER_OVERLAP);
}
