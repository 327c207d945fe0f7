/*
 * select.h - the second stage: choosing, ordering and gathering the
 * records read.
 *
 * Field lists and the order of values (select.c), the items of
 * multi-valued fields (items.c), the filters every command shares
 * (filter.c), records kept for sorting (rows.c) and in groups
 * (group.c), the speakers of talks (speakers.c), and the days and times
 * of scheduled talks: the calendar (civil.c), the forms of values
 * (timeparse.c), time zones (zone.c) and a talk's times (when.c).  What
 * only these files share is in internal.h.
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

/*
 * Adds separators of speaker and email items (--speaker-sep: ", ",
 * " & "), besides ';' and line breaks; affiliations are not split at
 * them, as company names hold commas and ampersands.  The array (n
 * strings) is the caller's and must last while items are read; n 0
 * takes the added ones away.  The setting is the program's.
 */
void tk_speaker_seps(const char *const *seps, size_t n);

/* Whether the values of column c are lists (speaker, email, affiliation);
 * inline, as it is asked of every value written. */
static inline int
tk_is_list(size_t c)
{
	return c == TK_SPEAKER || c == TK_EMAIL || c == TK_AFFILIATION;
}

/* tk_next_item for a value of column c, with the added separators. */
int tk_next_of(size_t c, const struct tk_str *v, size_t *pos,
    struct tk_str *item);

/* The number of items of v, a value of column c, empty ones counted. */
size_t tk_count_of(size_t c, const struct tk_str *v);

/* Item i (from 0) of v, a value of column c; empty when v has fewer. */
struct tk_str tk_item_of(size_t c, const struct tk_str *v, size_t i);

/* --------------------------------------------------------------- filters */

struct tk_filter;

/* A filter that selects every record.  Free with tk_filter_free. */
struct tk_filter *tk_filter_new(void);
void tk_filter_free(struct tk_filter *f);

/*
 * Adds a condition: field (TK_TRACK, TK_LEVEL or TK_SPEAKER) equals value
 * as by-track's groups compare (tk_groups: case of every script, composed
 * and decomposed letters, white space set aside); for TK_SPEAKER any one
 * speaker must equal it.
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

/*
 * Starts noting, for each condition of f, whether some record has it
 * (tk_filter_see), so that a value that matches no talk at all can be
 * told (a misspelt track).  Call after the last tk_filter_add.
 */
void tk_filter_watch(struct tk_filter *f);

/*
 * Notes which conditions rec has, each on its own, and while one has
 * not been seen, the values of its field.  Costs nothing once every
 * condition has been seen.  Call it for every record read, selected or
 * not.
 */
void tk_filter_see(struct tk_filter *f, const struct tk_record *rec);

/* The number of conditions of f. */
size_t tk_filter_count(const struct tk_filter *f);

/*
 * Whether condition i (from 0, in the order added) held for no record
 * seen: then sets *field, *value (as given) and *seen, the distinct
 * values of the field seen (as groups; valid until tk_filter_free).
 */
struct tk_groups;
int tk_filter_missed(const struct tk_filter *f, size_t i, int *field,
    const char **value, const struct tk_groups **seen);

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
 * same group when they differ only in case (of every script, as
 * Unicode folds it), in composed or decomposed accents, and in white
 * space (space, tab, line breaks), wherever it is: "Scalable Python",
 * " scalable  python" and "ScalablePython" are one group.  A group shows
 * the first spelling added, without surrounding white space.  A name that
 * is empty or only white space belongs to the "none" group, whose name
 * is empty and which comes last in every order.
 */
struct tk_groups;

enum tk_group_order {
	TK_ORDER_INPUT,  /* by first appearance */
	TK_ORDER_NAME,   /* by name, as tk_collate orders */
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
 * compared as tk_compare compares values of column col (folded first,
 * then by their bytes), then by first appearance.
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
	size_t i;                 /* the speaker's place in the talk's list */
};

/*
 * Which lists of rec do not pair with its speakers, item by item: a
 * list of emails (TK_UNPAIRED_EMAIL) or affiliations
 * (TK_UNPAIRED_AFFILIATION) that is not empty and has another number of
 * items than the speakers, empty items counted.  Sets *nspeakers and
 * nitems[0] and [1] (emails, affiliations) unless NULL.
 */
enum { TK_UNPAIRED_EMAIL = 1, TK_UNPAIRED_AFFILIATION = 2 };
int tk_unpaired(const struct tk_record *rec, size_t *nspeakers,
    size_t *nitems);

/*
 * Fills p with speaker i (from 0) of rec, the email and affiliation
 * items at the same position: empty when the list is shorter, and for
 * every speaker when the list does not pair (tk_unpaired), since a
 * position would be a guess.  Returns 1, or 0 when rec has no speaker
 * i.  p points into rec.
 */
int tk_person(const struct tk_record *rec, size_t i, struct tk_person *p);

/*
 * The distinct speakers of many talks, by name compared as tk_groups
 * compares names (case of every script, composed and decomposed
 * letters, white space set aside), in
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

/* --------------------------------------------------------- speaker records */

/*
 * The records of speakers files (--speakers), held in memory: each a
 * person with a name (TK_SPEAKER), perhaps an id (TK_ID) and the other
 * columns of the speakers reader, ncol in all.  Free with
 * tk_people_free.
 */
struct tk_people;
struct tk_people *tk_people_new(size_t ncol);
void tk_people_free(struct tk_people *pp);

/* Adds a record (its values, file and line are copied). */
void tk_people_add(struct tk_people *pp, const struct tk_record *rec);

/* Makes the keys to find records by; call after the last add. */
void tk_people_index(struct tk_people *pp);

/*
 * The records of the speaker with id (blanks around it aside) when id
 * is not NULL, else of the speaker named name.  Returns how many records match (an empty key
 * matches none) and puts the first two of them, in input order, in
 * found.  Names compare as tk_groups compares them, and accents and
 * other marks set aside too.
 */
size_t tk_people_find(const struct tk_people *pp, const struct tk_str *id,
    const struct tk_str *name, size_t *found);

size_t tk_people_count(const struct tk_people *pp);

/* The value of column col of record i. */
const struct tk_str *tk_people_value(const struct tk_people *pp, size_t i,
    size_t col);

/* The file of record i, and its line in *line. */
const char *tk_people_file(const struct tk_people *pp, size_t i,
    unsigned long *line);

/* ------------------------------------------------------- days and times */

/* A date and a time of day, without a zone. */
struct tk_time {
	int year, mon, mday;
	int hour, min, sec;
};

/* Seconds from 1970-01-01 00:00 to t, both read as UTC, and back. */
long long tk_time_epoch(const struct tk_time *t);
void tk_time_from_epoch(long long s, struct tk_time *t);

/*
 * Which number of a date written with the year last is the day: the
 * order --date-order gives, or TK_DATES_AUTO to tell it from the values
 * (see tk_dates_new).  TK_DATES_YMD refuses dates with the year last.
 */
enum tk_date_order { TK_DATES_AUTO, TK_DATES_DMY, TK_DATES_MDY,
	TK_DATES_YMD };

/* What one value says: a date, a time of day, or both, and a zone. */
struct tk_stamp {
	int has_date, has_time, has_zone;
	int year, mon, mday;
	int hour, min, sec;   /* hour is 24 only for 24:00 */
	long off;             /* with has_zone: seconds east of UTC */
	char ampm;            /* the time had AM ('a') or PM ('p') */
	char bare;            /* a bare hour, allowed before "-3pm" only */
};

/* Why a value was refused: the negative of these. */
enum { TK_BAD_FORM = 1, TK_BAD_YEAR2, TK_BAD_DATE, TK_BAD_TIME,
	TK_BAD_ORDER, TK_BAD_ZONE };

/*
 * Reads v (blanks around allowed) as one of the forms of talks(5): a
 * date, a time, or a date and a time with an optional zone (then the
 * date comes first).  A date with the year last is read in order; with
 * TK_DATES_AUTO only when its numbers tell (a dot, or a number over 12),
 * else it is -TK_BAD_ORDER.  Returns 0, or -TK_BAD_* and s is not to
 * be used.
 */
int tk_parse_stamp(const struct tk_str *v, enum tk_date_order order,
    struct tk_stamp *s);

/*
 * Reads v (blanks around allowed) as an ISO 8601 date, YYYY-MM-DD, into
 * the date of t, as machine-written schedules have it; 0, or -1.
 */
int tk_parse_day(const struct tk_str *v, struct tk_time *t);

/*
 * As tk_parse_stamp, but v may also be a range of two of them
 * ("09:00 - 10:00", "9:00-10:30 Uhr", "14h30\u201315h15", "2-3pm"):
 * then *range is 1 and b holds the second.
 */
int tk_parse_span(const struct tk_str *v, enum tk_date_order order,
    struct tk_stamp *a, struct tk_stamp *b, int *range);

/*
 * A duration in seconds: minutes as a bare number, H:MM, H:MM:SS,
 * numbers with units (25 min, 1h30, 1h), or ISO 8601 (PT1H30M); -1 if bad.
 */
long long tk_parse_duration(const struct tk_str *v);

/*
 * Whether v starts with a date written with the year last and '/' or
 * '-', such as 07/10/2018: then *a and *b are its first two numbers.
 */
int tk_date_clue(const struct tk_str *v, int *a, int *b);

/* The reason for code (a -TK_BAD_* value), for messages. */
const char *tk_bad_reason(int code);

/* ------------------------------------------------------------ time zones */

/* The system's zone data, where zones are looked up by default. */
#define TK_ZONEINFO "/usr/share/zoneinfo"

/* A zone of the tz database, read from its file (RFC 8536). */
struct tk_zone;

/*
 * Reads zone name (such as "Europe/Brussels") from directory dir (NULL:
 * TK_ZONEINFO).  NULL with e filled for a zone that does not exist or a
 * name that is not a relative path.  Free with tk_zone_close.
 */
struct tk_zone *tk_zone_open(const char *dir, const char *name,
    struct tk_err *e);
void tk_zone_close(struct tk_zone *z);
const char *tk_zone_name(const struct tk_zone *z);

/*
 * The offset from UTC (seconds east) in force at instant t (seconds
 * since 1970, UTC); *isdst and abbr (16 bytes: "CEST") unless NULL.
 */
long tk_zone_offset(const struct tk_zone *z, long long t, int *isdst,
    char *abbr);

/*
 * The instant at which the clocks of z show wall (seconds since 1970 of
 * the local date and time, read as UTC).  As RFC 5545 says: a time that
 * comes twice (clocks turned back) is the first; one that never comes
 * (clocks turned forward) is read with the offset before the change.
 */
long long tk_zone_instant(const struct tk_zone *z, long long wall);

/* A change of offset: at (UTC seconds) the zone goes from one to another. */
struct tk_zone_rule {
	long long at;
	long from, to;
	int isdst;
	char abbr[16];
};

/* The offsets of a zone over a span of time. */
struct tk_zone_span {
	struct tk_zone_rule *rule; /* rule[0] is the offset at the start */
	size_t n;
};

/*
 * Fills s with the offset of z at from and its changes until to (UTC
 * seconds).  Free with tk_zone_span_free.
 */
void tk_zone_span(const struct tk_zone *z, long long from, long long to,
    struct tk_zone_span *s);
void tk_zone_span_free(struct tk_zone_span *s);

/* ------------------------------------------------------------ talk times */

/* How the times of the talks are read. */
struct tk_time_opts {
	enum tk_date_order order;     /* --date-order, or TK_DATES_AUTO */
	const struct tk_dates *dates; /* with TK_DATES_AUTO: the decisions */
	const struct tk_zone *zone;   /* of values without one; NULL: none */
	const struct tk_reader *r;    /* to number columns in messages */
	long end_day;                 /* the column of the end's day, or -1 */
};

/*
 * The column of the end's day: a header "end (date)" (as pretalx writes
 * it), "end date" or "end day"; -1 when r has none.
 */
long tk_end_day_col(const struct tk_reader *r);

/*
 * The columns that hold dates (day, start, end, opts' end_day) decide,
 * each in each file, whether dates with the year last are day-first or
 * month-first: a first number over 12 means day-first, a second number
 * over 12 month-first.  tk_dates_see looks at one record, and
 * tk_dates_decide decides after the last: -1 with e naming the column
 * when its values are of both kinds, or when every value could be
 * either and there is one that reads differently (07/10/2018 but not
 * 05/05/2018).  Free with tk_dates_free.
 */
struct tk_dates;
struct tk_dates *tk_dates_new(const struct tk_time_opts *o);
void tk_dates_see(struct tk_dates *d, const struct tk_record *rec);
int tk_dates_decide(struct tk_dates *d, struct tk_err *e);
void tk_dates_free(struct tk_dates *d);

/* How the times of a talk relate to UTC. */
enum tk_zoning {
	TK_FLOATING,   /* no zone: a clock time, the same in every zone */
	TK_OFFSET,     /* written with an offset from UTC (off) */
	TK_IN_ZONE     /* written without, in opts' zone */
};

/* When a talk is. */
struct tk_when {
	long long start, end;  /* instants, or clock times when floating */
	int has_end;           /* the record has an end or a duration */
	enum tk_zoning how;
	long off;              /* with TK_OFFSET: the start's offset */
};

/*
 * The time of rec from its day, start, end and duration fields (and the
 * end's day, see tk_time_opts).  The day comes from day, or from a date
 * in start; a zone from start, else day, else opts.  The end comes from a
 * range in start, or end (a time on the start's day, or on the next when
 * earlier; or a date and time), else from start plus duration.  Returns
 * 1, 0 when rec has no day or no start, -1 with e naming rec's file,
 * line and the column for a value that cannot be read (saying which
 * forms are) or an end before the start.
 */
int tk_when(const struct tk_record *rec, const struct tk_time_opts *o,
    struct tk_when *w, struct tk_err *e);

/*
 * The clock time (seconds since 1970, read as UTC) that instant t of
 * talk w shows: in zone z when not NULL, else as written.  Sets *off to
 * the offset from UTC, 0 for floating times.
 */
long long tk_when_local(const struct tk_when *w, const struct tk_zone *z,
    long long t, long *off);

/*
 * Reads s, seconds since 1970 such as $SOURCE_DATE_EPOCH holds, into
 * *t; -1 with e (naming name) if it is not a number of seconds.
 */
int tk_parse_epoch(const char *name, const char *s, long long *t,
    struct tk_err *e);

#endif
