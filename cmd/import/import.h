/*
 * import.h - talks import: what the driver and the reader of each input
 * form share.
 *
 * The driver (import.c) reads every file twice.  The first pass, the
 * scan, learns the columns that each file gives and the people it
 * names; then the header row is written; the second pass, the emit,
 * writes the records.  A reader is called once in each pass with the
 * same file and makes the same calls in both: in the scan they only name
 * columns, in the emit they fill them.  So the header holds every field
 * of every file, and a file that cannot be parsed is known to be bad
 * before any of its records is written.
 */
#ifndef TALKS_IMPORT_H
#define TALKS_IMPORT_H

#include <sys/types.h>

#include <jansson.h>

#include "../cmd.h"

/* ------------------------------------------------------------ columns */

/*
 * The fields written first, in this order: the canonical fields in the
 * order of talks(5), each followed by the fields that go with it.
 */
enum lead {
	L_ID, L_GUID, L_TITLE, L_SUBTITLE, L_SPEAKER, L_SPEAKER_IDS, L_EMAIL,
	L_AFFILIATION, L_TRACK, L_TYPE, L_LANGUAGE, L_LEVEL, L_STATE,
	L_DESCRIPTION, L_ABSTRACT, L_BIO, L_ROOM, L_DAY, L_START, L_END,
	L_DURATION, L_URL, L_SLUG, L_LINKS, L_TAGS, NLEAD
};

/* The header name of leading field f (a static string). */
const char *lead_name(enum lead f);

/* The leading field that canonical field c of talks.h is. */
enum lead lead_of_canon(int c);

/* A map from byte strings to indexes; start it zeroed. */
struct strmap {
	struct strmap_slot *slot;
	size_t nslot, n;
};

/* The index stored for key (n bytes), or -1. */
long strmap_get(const struct strmap *m, const char *key, size_t n);
/* Stores v for key (copied); the key must not be there yet. */
void strmap_put(struct strmap *m, const char *key, size_t n, size_t v);
void strmap_free(struct strmap *m);

/*
 * Named columns in the order they are written: the leading fields first,
 * then the others in the order they were first named.
 */
struct cols {
	char **name;
	size_t *rank;
	size_t n, cap;
	struct strmap map;
};

/* The column named name (n bytes), added if new. */
size_t cols_add(struct cols *c, const char *name, size_t n);
/* The column named name (n bytes), or -1. */
long cols_find(const struct cols *c, const char *name, size_t n);
/* Forgets the columns from the nth on. */
void cols_truncate(struct cols *c, size_t n);

/* The columns in the order they are written (caller frees). */
size_t *cols_order(const struct cols *c);
void cols_free(struct cols *c);

/* ------------------------------------------------------------- people */

/*
 * The fields of a speaker record (--speakers-out), in this order; email
 * only when someone has one.
 */
enum { P_NAME, P_ID, P_BIO, P_COMPANY, P_LINKS, P_EMAIL, NPF };

/* One person named by a file, with what the file says of them. */
struct person {
	size_t file;
	struct tk_buf f[NPF];
	size_t *xcol;             /* other fields: columns of people.extra */
	struct tk_buf *xval;
	size_t nx;
};

/* The people of every file, each once. */
struct people {
	struct person *v;
	size_t n, cap;
	struct strmap map;        /* file number and id (or name) -> index */
	struct cols extra;        /* the names of the other fields */
};

/*
 * The person of file file with the id given (idn bytes), or, when it is
 * empty, with that name ignoring ASCII case; added if new, with the id
 * and the name set.
 */
struct person *people_add(struct people *pp, size_t file, const char *id,
    size_t idn, const char *name, size_t nn);

/* The person of file file with that id, or NULL. */
struct person *people_find(const struct people *pp, size_t file,
    const char *id, size_t idn);

/* Sets field f of p to s (n bytes) unless it has a value. */
void person_set(struct person *p, int f, const char *s, size_t n);

/* Sets p's field named name to s unless it has a value. */
void person_extra(struct people *pp, struct person *p, const char *name,
    size_t nn, const char *s, size_t n);

/* Forgets the people from the nth on, and the fields from nextra on. */
void people_truncate(struct people *pp, size_t n, size_t nextra);

/* Writes the people as records with a header row; -1 with e filled. */
int people_write(const struct people *pp, const char *path,
    enum tk_dialect form, struct tk_err *e);

void people_free(struct people *pp);

/* ------------------------------------------------------------- inputs */

enum form {
	FORM_PAGE, FORM_FRAB, FORM_FRAB_JSON, FORM_PRETALX, FORM_SESSIONIZE,
	NFORMS,
	FORM_XML,                 /* XML whose root is not a schedule */
	FORM_JSON                 /* JSON of no form above */
};

/* The name --from takes for form f, and the name messages give it. */
const char *form_option(int f);
const char *form_title(int f);

/* The form that --from calls name, or -1. */
int form_find(const char *name);

/* One file named on the command line. */
struct input {
	const char *path;         /* as named; "-" is standard input */
	const char *name;         /* for messages */
	size_t index;             /* its number among the files, from 0 */
	int fd;                   /* while it is read */
	int form;
	int failed;               /* the scan found it bad: not emitted */
};

enum pass { PASS_SCAN, PASS_EMIT };

struct import {
	struct common c;
	enum tk_dialect form;     /* -t */
	int verbose, lenient;
	int from;                 /* --from, or -1 to sniff */
	const char *speakers_out;
	size_t max;               /* the largest event or document */
	enum pass pass;
	struct input *in;         /* the file being read */
	struct cols cols;
	long lead[NLEAD];         /* the column of each leading field, or -1 */
	unsigned fills;           /* bit f: the form fills leading field f */
	unsigned leads_set;       /* bit f: the record has leading field f */
	const char *record;       /* what the form calls a record */
	struct tk_buf *val;       /* the current record, by column */
	unsigned char *has;
	size_t nval;
	size_t *order;            /* the order of the columns written */
	struct tk_str *row;       /* a row to write, in that order */
	const struct tk_str **rowp;
	unsigned long line;       /* the line of the current record, or 0 */
	char what[80];            /* the current record, "event 42" */
	unsigned long records;    /* records of the current file */
	int changed;              /* the emit met a field the scan did not */
	struct people people;
	enum { SPOOL_NONE, SPOOL_READY, SPOOL_FAILED } spool; /* stdin */
	off_t stdin_at;           /* where standard input starts */
};

/*
 * Opens in for reading from its start (standard input is copied to a
 * temporary file first when it is not a regular file); the descriptor,
 * or -1 after reporting.  Close with input_close.
 */
int input_open(struct import *im, struct input *in);
void input_close(int fd);

/* Adds the rest of fd (im->max bytes at most) to b; 0, or -1 if not. */
int input_read_all(struct import *im, int fd, struct tk_buf *b);

/*
 * Parses the JSON document in b, after a byte order mark if it has one;
 * NULL, after reporting the parser's message with its line and column
 * unless quiet.  Free with json_decref.
 */
json_t *input_json(struct import *im, const struct tk_buf *b, int quiet);

/*
 * Chooses the form of the file open on fd from its first bytes and
 * --from; a JSON document is loaded into *doc (else it is NULL).
 * Returns the form, or -1 after reporting.
 */
int input_form(struct import *im, int fd, json_t **doc);

/* ------------------------------------------------------------ records */

/*
 * Declares the leading fields of a form: its columns even when no record
 * has them.  fills is a mask of 1u << f; extra fields of the source with
 * one of these names are written as "record.name".
 */
void rec_form(struct import *im, unsigned fills, const char *record);

/* Adds s (n bytes) to leading field f; a second value is a new line. */
void rec_lead(struct import *im, enum lead f, const char *s, size_t n);
void rec_leads(struct import *im, enum lead f, const char *s);

/* The same for a field under its source name (nn bytes). */
void rec_field(struct import *im, const char *name, size_t nn,
    const char *s, size_t n);

/* Whether leading field f of the current record has a value. */
int rec_has(const struct import *im, enum lead f);

/*
 * The value of leading field f of the current record (sets *n), or NULL
 * in the scan, where values are not kept, and when it has none.
 */
const char *rec_value(const struct import *im, enum lead f, size_t *n);

/* Sets leading field f to s (n bytes), replacing what it had. */
void rec_replace(struct import *im, enum lead f, const char *s, size_t n);

/* Ends the current record: written in the emit, counted in the scan. */
void rec_end(struct import *im);

/* Ends the current record without writing it. */
void rec_drop(struct import *im);

/*
 * Reports a problem of the current record (at im->line, if known, and
 * named by im->what): an error that makes the exit status 2, or with
 * --lenient a warning.  Only in the emit.
 */
void rec_bad(struct import *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Warns about the current record, in the emit. */
void rec_warn(struct import *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reports an error about the file (line and col 0 if unknown). */
void im_error(struct import *im, unsigned long line, unsigned long col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Ends the program as the allocation of lib/ does when memory runs out:
 * for expat and jansson, which return NULL.
 */
void no_memory(void) __attribute__((noreturn));

/* Reports a warning about the file. */
void im_warn(struct import *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---------------------------------------------------------- the forms */

/* Each returns 0, or -1 after reporting that the file cannot be read. */
int read_page(struct import *im, struct input *in);
int read_frab_xml(struct import *im, struct input *in);
int read_frab_json(struct import *im, struct input *in, json_t *doc);
int read_pretalx(struct import *im, struct input *in, json_t *doc);
int read_sessionize(struct import *im, struct input *in, json_t *doc);

/* The root element of the XML at p (n bytes) is a frab schedule. */
int frab_xml_root(const char *p, size_t n);

/*
 * Fields that a source names itself (Sessionize's categories, the
 * questions of Sessionize and pretalx): a name that talks(5) knows as a
 * canonical field which the form does not fill goes to that field, the
 * first such name of a file only; other names are written as they are.
 * Start it zeroed, one per file.
 */
struct claims {
	struct strmap map;        /* name -> leading field, or NLEAD */
	unsigned taken;
};

/* The leading field for name (n bytes), or -1 for its own column. */
int claim(struct import *im, struct claims *c, const char *name, size_t n);
void claims_free(struct claims *c);

/* Writes s as the field that name is, as claim() decides. */
void rec_named(struct import *im, struct claims *c, const char *name,
    size_t nn, const char *s, size_t n);

/* --------------------------------------------------- days and times */

/* A date and time as a schedule writes it, with its offset if any. */
struct stamp {
	struct tk_time t;
	int has_off;              /* an offset was given */
	long off;                 /* seconds east of UTC */
};

/*
 * Reads an ISO 8601 date-time, YYYY-MM-DDTHH:MM[:SS[.frac]] with 'T' or
 * a space, then Z, +HH:MM, +HHMM or +HH, or nothing; 0 or -1.
 */
int stamp_parse(const char *s, size_t n, struct stamp *st);

/* Reads HH:MM or HH:MM:SS into the time of t; 0 or -1. */
int clock_parse(const char *s, size_t n, struct tk_time *t);

/* A duration in seconds: H:MM, H:MM:SS, or minutes; -1 if bad. */
long duration_parse(const char *s, size_t n);

/* Moves st by secs seconds, keeping its offset. */
void stamp_add(struct stamp *st, long long secs);

/* Seconds from st to en (both as instants when both have offsets). */
long long stamp_diff(const struct stamp *st, const struct stamp *en);

/* Appends YYYY-MM-DDTHH:MM:SS and the offset (+HH:MM), if any. */
void stamp_put(struct tk_buf *b, const struct stamp *st);

/* Appends the date of t, YYYY-MM-DD. */
void date_put(struct tk_buf *b, const struct tk_time *t);

/* Appends a duration of secs seconds: minutes, or H:MM:SS if not whole. */
void duration_put(struct tk_buf *b, long long secs);

/*
 * Writes the day, start, end and duration of the current record from a
 * start and an end (either may be NULL).  The day is day when it is not
 * NULL, else the start's date, or the day before when the start is
 * earlier than day_change seconds after midnight.
 */
void rec_times(struct import *im, const struct tk_time *day,
    const struct stamp *st, const struct stamp *en, long day_change);

/* ----------------------------------------------------------------- JSON */

/*
 * Appends the text of a JSON scalar: a string as it is, a number as
 * JSON writes it, true or false; null adds nothing.  An object or array
 * is added as compact JSON.  Returns 0, or 1 for null or NULL (a
 * member that is not there).
 */
int json_put(struct tk_buf *b, const json_t *v);

/*
 * The text of a name that may be given in several languages: a string,
 * or an object of strings by language ("en" first, else the first), or
 * an object whose "name" is one of these.  NULL if there is none.
 */
const char *json_i18n(const json_t *v);

/*
 * Writes value v of key (kn bytes) as fields of the current record
 * under its source name: an object as its members, named key.member; an
 * array of scalars as one line per item; anything else as json_put does.
 */
void json_field(struct import *im, const char *key, size_t kn,
    const json_t *v);

/* The same for a person's field. */
void json_person_field(struct import *im, struct person *p,
    const char *key, const json_t *v);

/*
 * The date-time in member k of o, read into st: NULL when there is none,
 * and for one that cannot be read, which is reported and written to
 * field f as it is.
 */
const struct stamp *json_stamp(struct import *im, const json_t *o,
    const char *k, enum lead f, struct stamp *st);

/* Appends items to b joined by "; ", as the speaker field holds them. */
void list_add(struct tk_buf *b, size_t *k, const char *s, size_t n);

/*
 * The speakers of a record: names joined by "; " (';' and line breaks in
 * a name would split it: they become ',' and ' ', with a warning), their
 * ids, and from the people given their bios (joined by a blank line),
 * companies and emails, one item a speaker.  Start it zeroed.
 */
struct speakers {
	struct tk_buf names, ids, bios, companies, emails;
	size_t n, nid, nbio, ncompany, nemail;
};

/* Adds a speaker; p may be NULL. */
void speakers_add(struct import *im, struct speakers *s, const char *id,
    size_t idn, const char *name, size_t nn, const struct person *p);
/* Writes the fields that some speaker has, and empties s. */
void speakers_put(struct import *im, struct speakers *s);
void speakers_free(struct speakers *s);

#endif
