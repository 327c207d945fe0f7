/*
 * select.h - the second stage: choosing, ordering and gathering the
 * records read.
 *
 * Field lists and the order of values (select.c), the items of
 * multi-valued fields (items.c), the filters every command shares
 * (filter.c), records kept for sorting (rows.c) and in groups
 * (group.c), the speakers of talks (speakers.c), and the days and times
 * of scheduled talks (when.c).  What only these files share is in
 * internal.h.
 */
#ifndef TALKS_SELECT_H
#define TALKS_SELECT_H

#include <stddef.h>

#include "read/read.h"
#include "util/util.h"

/* ------------------------------------------------------------ field lists */

/*
 * Parses a comma-separated list of field names into column indexes.
 * On success returns 0 and sets *cols (caller frees) and *ncols.  An
 * unknown name is an error that lists the known ones.
 */
int tk_parse_fields(const struct tk_reader *r, const char *list,
    size_t **cols, size_t *ncols, struct tk_err *e);

/* The default columns of a full export: present canonical ones, then the rest. */
size_t *tk_all_fields(const struct tk_reader *r, size_t *ncols);

/* ------------------------------------------------------------- item lists */

/*
 * Steps through the items of a multi-valued field (speaker, email,
 * affiliation): items are separated by ';' or line breaks, and blanks
 * around each are dropped.  *pos starts at 0; returns 1 and sets item
 * while there is one more, 0 at the end.  Empty items are returned too,
 * so that positions line up across fields.  A value that is empty or
 * only blank has no items.
 */
int tk_next_item(const struct tk_str *v, size_t *pos, struct tk_str *item);

/* --------------------------------------------------------------- filters */

struct tk_filter;

/* A filter that selects every record.  Free with tk_filter_free. */
struct tk_filter *tk_filter_new(void);
void tk_filter_free(struct tk_filter *f);

/*
 * Adds a condition: field (TK_TRACK, TK_LEVEL or TK_SPEAKER) equals value,
 * ignoring ASCII case; for TK_SPEAKER any one speaker must equal it.
 * Values for the same field are alternatives; different fields must all
 * hold.  value is copied.
 */
void tk_filter_add(struct tk_filter *f, int field, const char *value);

/* Whether rec passes f. */
int tk_filter_match(const struct tk_filter *f, const struct tk_record *rec);

/*
 * The fields that f tests, so that the reader decodes them: stored in
 * fields, which has room for 3, and counted.
 */
size_t tk_filter_fields(const struct tk_filter *f, size_t *fields);

/* ------------------------------------------------------------ stored rows */

/*
 * Records kept for sorting or grouping: only the columns named when the
 * store is made are copied.  Free with tk_rows_free.
 */
struct tk_rows;

struct tk_rows *tk_rows_new(const struct tk_reader *r, const size_t *cols,
    size_t ncols);
void tk_rows_free(struct tk_rows *rows);
void tk_rows_add(struct tk_rows *rows, const struct tk_record *rec);
size_t tk_rows_count(const struct tk_rows *rows);

/*
 * Fills rec with row i: the kept columns hold their values, the others
 * are empty.  Valid until the next tk_rows_get, tk_rows_add or free.
 */
void tk_rows_get(struct tk_rows *rows, size_t i, struct tk_record *rec);

/*
 * Sorts the rows by the columns in keys (each must be kept), with
 * tk_compare; reverse turns the order around.  Equal rows keep their order.
 */
void tk_rows_sort(struct tk_rows *rows, const size_t *keys, size_t nkeys,
    int reverse);

/* -------------------------------------------------------------- grouping */

/*
 * Records in groups named by the value of a field.  Two names are the
 * same group when they differ only in ASCII case and in white space
 * (space, tab, line breaks), wherever it is: "Scalable Python",
 * " scalable  python" and "ScalablePython" are one group.  A group shows
 * the first spelling added, without surrounding white space.  A name that
 * is empty or only white space belongs to the "none" group, whose name
 * is empty and which comes last in every order.
 */
struct tk_groups;

enum tk_group_order {
	TK_ORDER_INPUT,  /* by first appearance */
	TK_ORDER_NAME,   /* by name, ignoring ASCII case */
	TK_ORDER_COUNT   /* by number of members, most first, then by name */
};

/*
 * A table with no groups.  With r not NULL, the columns cols (ncols of
 * them; copied) of each record given to tk_groups_next are kept for
 * tk_groups_member; with r NULL, only counts are kept and memory does
 * not grow with the number of records.  Free with tk_groups_free.
 */
struct tk_groups *tk_groups_new(const struct tk_reader *r,
    const size_t *cols, size_t ncols);
void tk_groups_free(struct tk_groups *g);

/*
 * Starts the next record: the following tk_groups_add calls put it in
 * their groups.  With columns kept, rec's are copied; otherwise rec may
 * be NULL.
 */
void tk_groups_next(struct tk_groups *g, const struct tk_record *rec);

/*
 * Puts the current record in the group named name (n bytes), adding the
 * group if it is new; call tk_groups_next first when columns are kept.
 * Without tk_groups_next every call counts one member.  A record joins a
 * group once: returns 1 when it joined, 0 when it already was a member.
 * Sets *idx (unless NULL) to the group's index; indexes count from 0 in
 * order of first appearance.
 */
int tk_groups_add(struct tk_groups *g, const char *name, size_t n,
    size_t *idx);

/* The index of the group named name (n bytes), added empty if it is new. */
size_t tk_groups_intern(struct tk_groups *g, const char *name, size_t n);

/* The number of groups. */
size_t tk_groups_count(const struct tk_groups *g);

/*
 * The name of group i, as first spelt; empty for the none group.  Valid
 * until a group is added or the table is freed.
 */
struct tk_str tk_groups_name(const struct tk_groups *g, size_t i);

/* The number of records in group i. */
size_t tk_groups_size(const struct tk_groups *g, size_t i);

/*
 * The indexes of all the groups in order how (caller frees).  Names are
 * compared as tk_compare compares values of column col, after ASCII
 * lower-casing; equal names by their spelling, then by first appearance.
 */
size_t *tk_groups_order(const struct tk_groups *g, enum tk_group_order how,
    size_t col);

/*
 * Sorts the members of every group by the columns in keys (each must be
 * kept), with tk_compare; reverse turns the order around.  Members that
 * compare equal keep their input order, as they have without sorting.
 * Call it after the last record: a record added later undoes the sort.
 */
void tk_groups_sort(struct tk_groups *g, const size_t *keys, size_t nkeys,
    int reverse);

/*
 * Fills rec with member j of group i (j < tk_groups_size(g, i)): the kept
 * columns hold their values, the others are empty.  Needs kept columns.
 * Valid until the next tk_groups_member, tk_groups_next or free.
 */
void tk_groups_member(struct tk_groups *g, size_t i, size_t j,
    struct tk_record *rec);

/* -------------------------------------------------------------- speakers */

/* One speaker of a talk: items at the same place in the three lists. */
struct tk_person {
	struct tk_str name, email, affiliation;
};

/*
 * Fills p with speaker i (from 0) of rec, the email and affiliation
 * items at the same position (empty when the list is shorter).  Returns
 * 1, or 0 when rec has no speaker i.  p points into rec.
 */
int tk_person(const struct tk_record *rec, size_t i, struct tk_person *p);

/*
 * The distinct speakers of many talks, by name ignoring ASCII case, in
 * the order they first appear.  Each keeps the first email and
 * affiliation given for it and the numbers of its talks.
 */
struct tk_speaker {
	struct tk_str name, email, affiliation; /* p is NULL when never given */
	size_t *recs, nrecs;
};

struct tk_speakers;

/* Free with tk_speakers_free. */
struct tk_speakers *tk_speakers_new(void);
void tk_speakers_free(struct tk_speakers *ss);

/* Adds the named speakers of rec, whose number is recno (values copied). */
size_t tk_speakers_add(struct tk_speakers *ss, const struct tk_record *rec,
    size_t recno);
size_t tk_speakers_count(const struct tk_speakers *ss);

/* Speaker i (valid until the next add or free). */
const struct tk_speaker *tk_speakers_get(const struct tk_speakers *ss,
    size_t i);

/* ------------------------------------------------------- days and times */

/* A local date and time, without a zone. */
struct tk_time {
	int year, mon, mday;
	int hour, min, sec;
};

/* Reads a day, YYYY-MM-DD (blanks around allowed); 0, or -1 if bad. */
int tk_parse_day(const struct tk_str *v, struct tk_time *t);

/*
 * Reads HH:MM, HH:MM:SS, or an ISO 8601 date-time YYYY-MM-DDTHH:MM[:SS]
 * (a space may stand for the T) into t; *has_day tells which.  The day
 * fields are left alone for a bare time.  0, or -1 if bad.
 */
int tk_parse_clock(const struct tk_str *v, struct tk_time *t, int *has_day);

/* A duration in seconds: minutes as a bare number, or H:MM; -1 if bad. */
long tk_parse_duration(const struct tk_str *v);

/* Seconds from 1970-01-01 00:00 to t, both read as UTC, and back. */
long long tk_time_epoch(const struct tk_time *t);
void tk_time_from_epoch(long long s, struct tk_time *t);

/* When a talk is: its start, and its end as from tk_time_epoch. */
struct tk_when {
	struct tk_time start;
	long long end; /* -1 when the record has neither end nor duration */
};

/*
 * The time of rec from its day, start, end and duration fields.  start
 * may be a date-time, then day may be empty.  The end comes from end (a
 * time, on the start's day or the next when earlier, or a date-time),
 * else from start plus duration.  Returns 1, 0 when rec has no day or no
 * start, -1 with e naming rec's file and line for a value that cannot be
 * read or an end before the start.
 */
int tk_when(const struct tk_record *rec, struct tk_when *w, struct tk_err *e);

/*
 * The time to stamp output with: $SOURCE_DATE_EPOCH when set (so that
 * output can be reproduced), else now.  -1 with e if it is not a number.
 */
int tk_source_date(long long *t, struct tk_err *e);

/* ------------------------------------------------------------ time zones */

/* Whether zone names a zone of the system's zoneinfo; -1 with e if not. */
int tk_zone_check(const char *zone, struct tk_err *e);

/* The offset from UTC, in seconds east, of local time t in zone. */
long tk_zone_offset(const char *zone, const struct tk_time *local);

/* A change of offset: at (UTC seconds) the zone goes from one to another. */
struct tk_zone_rule {
	long long at;
	long from, to;
	int isdst;
	char abbr[16];
};

/* The offsets of a zone over a span of time. */
struct tk_zone {
	struct tk_zone_rule *rule; /* rule[0] is the offset at the start */
	size_t n;
};

/*
 * Fills z with the offset of zone at from and its changes until to
 * (seconds since 1970, UTC).  Free with tk_zone_free.
 */
void tk_zone_rules(const char *zone, long long from, long long to,
    struct tk_zone *z);
void tk_zone_free(struct tk_zone *z);

#endif
