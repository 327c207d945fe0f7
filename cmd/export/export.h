/*
 * export.h - talks export: the driver and the formats.
 *
 * The driver (export.c) parses the options and reads the records; it
 * gathers them as the format's table entry says (gather.c): each record
 * as it is read, all of them at once, or the scheduled talks, one
 * output per speaker when asked.  It hands each output to the format's
 * render, which only writes it; the output goes to standard output or,
 * with --output-dir, to a file of its own (outdir.c).
 *
 * Adding a format: a file fmt_NAME.c that defines the struct format
 * fmt_NAME, and its row in EXPORT_FORMATS below; the build lists the
 * file in EXPORT_SRC, and the options it reads are rows of the option
 * table in export.c.  Then its words in talks-export(1) and its tests in
 * testdata/golden/export-NAME/.
 */
#ifndef TALKS_EXPORT_H
#define TALKS_EXPORT_H

#include "cmd.h"

/* --layout: html's timetable or its list of talks. */
enum layout {
	LAYOUT_AUTO,              /* grid when some talk has a time */
	LAYOUT_GRID,
	LAYOUT_LIST
};

/* The options of talks export; each format reads the ones it uses. */
struct export_opts {
	int excel;                /* --excel (csv) */
	int long_form;            /* --long (markdown) */
	int split_speakers;       /* --split-speakers (json, jsonl) */
	int verbose;              /* -v */
	const char *tz;           /* --tz ZONE (ics, frab) */
	enum tk_date_order order; /* --date-order (ics, frab) */
	long day_change;          /* --day-change, seconds (frab) */
	const char *tzdir;        /* $TZDIR: where zones are, NULL: default */
	const char *source_date;  /* $SOURCE_DATE_EPOCH, or NULL */
	const char *conference;   /* --conference NAME (frab) */
	const char *acronym;      /* --acronym ID (frab) */
	const char *template_arg; /* --template TEXT or @FILE */
	const char *each;         /* --each speaker */
	int unique;               /* --unique */
	int page;                 /* --page: outputs end with a form feed */
	const char *output_dir;   /* --output-dir DIR */
	const char *name;         /* --name TEMPLATE */
	const char *escape;       /* --escape NAME (template) */
	int quoted;               /* --quoted (tsv) */
	const char *format;       /* -t: the name of the format */
	const char *by;           /* --by FIELD (markdown, html) */
	enum layout layout;       /* --layout (html) */
	const char *rooms;        /* --rooms A,B,... (html) */
	const char *lang;         /* --lang TAG (html) */
	const char *css;          /* --css FILE (html) */
	const char *logo;         /* --logo FILE (html) */
	enum markup markup;       /* --markup */
	int markup_given;         /* --markup was given */
};

/* How the driver gathers the records of a format's outputs. */
enum gather {
	/*
	 * Each record is an output, as it is read (so that large inputs
	 * stream), or all sorted with -s.  Per speaker: each speaker of
	 * each record, or with --unique each distinct speaker with all
	 * its records.
	 */
	GATHER_EACH,
	/*
	 * The talks with a day and a start, with their times, are one
	 * output; per speaker, each distinct speaker's talks are one.
	 */
	GATHER_SCHEDULED,
	/*
	 * Every record is one output (markdown, html), which groups them
	 * itself; with times (b->when, b->timed) when the format asks for
	 * them through export_wants_times.
	 */
	GATHER_ALL
};

/* Whether a format's outputs are per speaker. */
enum speakers {
	SPEAKERS_NO,              /* --each does not apply */
	SPEAKERS_OPTION,          /* with --each speaker */
	SPEAKERS_ALWAYS
};

/* Whether a format's outputs may go to files of --output-dir. */
enum files {
	FILES_NO,                 /* always to standard output */
	FILES_OPTION,             /* with --output-dir */
	FILES_PER_SPEAKER         /* with --each speaker, which needs it */
};

struct exporter;

/*
 * The records of one output, as the driver gathered them.  rec and
 * vals, and the records from batch_record, are valid during render.
 */
struct batch {
	size_t n;                 /* the number of records */
	size_t index;             /* the output's number, from 0 */
	struct tk_record *rec;    /* the first record (NULL when n is 0) */
	/*
	 * rec, with the speaker's name, email and affiliation (and with
	 * --unique, {titles}) when the outputs are per speaker: the values
	 * of templates and of --name.
	 */
	const struct tk_tmpl_vals *vals;
	/* Where the records are, for batch_record and batch_when. */
	struct tk_rows *rows;
	const size_t *idx;        /* rows: the records' rows; NULL: 0 .. n-1 */
	const struct tk_when *when; /* GATHER_SCHEDULED: by row */
	const struct tk_zone *zone; /* GATHER_SCHEDULED: --tz, or NULL */
	/* GATHER_ALL with times: the rows that have one, in input order. */
	const size_t *timed;
	size_t ntimed;
};

/* Record i of b (i < b->n), valid until the next call. */
void batch_record(const struct batch *b, size_t i, struct tk_record *rec);

/* The time of record i of b (GATHER_SCHEDULED). */
const struct tk_when *batch_when(const struct batch *b, size_t i);

/*
 * schedule.c: writes the local date and time of instant t of record i
 * of b, as shown (in --tz, else as written), into buf:
 * "2024-09-12T14:30:00", with "+02:00" after it when zoned is set and
 * the time is not floating.  Returns the local time (seconds since 1970,
 * read as UTC).
 */
long long batch_local(const struct batch *b, size_t i, long long t,
    int zoned, char *buf, size_t size);

/*
 * schedule.c: the records of b whose value of column c (an identifier:
 * uid, guid, slug) is that of an earlier one, as one flag per record
 * (caller frees), each said in a warning that names what; none when c
 * is -1.
 */
unsigned char *batch_repeats(const struct batch *b, long c,
    const char *what);

struct format {
	const char *name;
	const char *summary;
	enum gather gather;
	enum speakers speakers;
	enum files files;
	const char *ext;          /* of files in --output-dir: ".txt" */
	/*
	 * The default of -f: a comma-separated list whose fields absent
	 * from every input are dropped; NULL means every column.
	 */
	const char *fields;
	/*
	 * Each may be NULL.  check rejects options that do not go together
	 * (misuse), before the driver checks --each, --unique and
	 * --output-dir.  begin sets up the format (x->state) and writes
	 * what comes before the outputs; end writes what comes after and
	 * frees.  Each returns 0, or -1 after reporting an error (exit
	 * status 2).
	 */
	void (*check)(struct exporter *x);
	int (*begin)(struct exporter *x);
	/* Writes the output b to x->out; 0, or -1 after reporting. */
	int (*render)(struct exporter *x, const struct batch *b);
	int (*end)(struct exporter *x);
	/* GATHER_ALL: whether to read the talks' times (NULL: never). */
	int (*wants_times)(struct exporter *x);
};

/*
 * When begin succeeds, end is always called, even after render failed;
 * no output is rendered after a failure.  With -s, the records hold
 * every column too.
 */

/* The formats, in the order --help and the messages list them. */
#define EXPORT_FORMATS(X) \
	X(csv) X(tsv) X(json) X(jsonl) X(markdown) X(html) X(ics) X(frab) \
	X(template) X(mbox)

#define EXPORT_DECLARE(name) extern const struct format fmt_##name;
EXPORT_FORMATS(EXPORT_DECLARE)

struct outdir;

struct exporter {
	struct common *c;         /* input, fields (c->cols) */
	struct export_opts *o;
	const struct format *f;
	struct tk_out *out;       /* where render writes */
	void *state;              /* the format's own */
	int per_speaker;          /* outputs per speaker (--each speaker) */
	int unique;               /* per distinct speaker (--unique) */
	int to_files;             /* outputs go to --output-dir */
	struct tk_str *names;     /* the names of c->cols */
	const struct tk_str **row; /* see export_values */
	/* --markup markdown|html: the texts as plain text, by field. */
	struct tk_out *plain;
	struct tk_str *plain_v;
	struct outdir *dir;       /* the driver's: --output-dir */
	struct tk_out file;       /* the driver's: an output to a file */
};

/* The names of the chosen fields, as values (valid until the next call). */
const struct tk_str *const *export_names(struct exporter *x);

/* The values of the chosen fields of rec (valid until the next call). */
const struct tk_str *const *export_values(struct exporter *x,
    const struct tk_record *rec);

/*
 * The time to stamp output with: $SOURCE_DATE_EPOCH when set (so that
 * output can be reproduced), else now.  -1 after reporting a bad value.
 */
int export_stamp(struct exporter *x, long long *t);

/* Warns that rec had bytes that are not UTF-8, replaced by U+FFFD. */
void export_warn_utf8(struct exporter *x, const struct tk_record *rec);

/*
 * Warns of the replacements r counts in the values of rec: bytes that
 * are not UTF-8, characters the document cannot hold.
 */
void export_warn_repl(const struct tk_record *rec, const struct tk_repl *r);

/* Whether v is empty or only spaces, tabs and line breaks. */
int export_blank(const struct tk_str *v);

/*
 * Whether field col, whose value is v, is a text to write as paragraphs:
 * description, abstract, bio, or a value with a line break.
 */
int export_is_text(size_t col, const struct tk_str *v);

/*
 * Adds v to h, a 64-bit FNV-1a hash, and then a separator, so that "ab",
 * "c" and "a", "bc" differ: for ids that stay the same from run to run.
 */
unsigned long long export_hash(unsigned long long h, const struct tk_str *v);

/*
 * Steps through the lines of v, split at LF, CR or CRLF: *pos starts at
 * 0; returns 1 and sets line while there is one more, else 0.  A value
 * with n line breaks has n + 1 lines; an empty one has one empty line.
 */
int export_next_line(const struct tk_str *v, size_t *pos,
    struct tk_str *line);

/*
 * Reads the text of --template (TEXT, or the file after '@' without its
 * last line break) into b, and the name to give in errors; -1 after
 * reporting (fmt_template.c).
 */
int template_text(struct exporter *x, struct tk_buf *b, const char **name);

/* Reads and parses --template into t; -1 after reporting. */
int template_load(struct exporter *x, int flags, struct tk_tmpl **t);

/* gather.c: reads the records and renders the outputs; -1 on failure. */
int gather(struct exporter *x, unsigned long long *nrec);

/* gather.c: checks --each and --unique, and sets x->per_speaker. */
void gather_speakers(struct exporter *x);

/*
 * schedule.c: the records kept as they come, and the times of the talks
 * with a day and a start read at the end, when the dates of every
 * column are known (see tk_dates_new).
 */
struct schedule {
	struct tk_rows *rows;     /* every column of every record */
	size_t *row;              /* the scheduled talks: their rows */
	size_t n;                 /* how many */
	struct tk_when *when;     /* their times, by row */
	unsigned long skipped;    /* talks without day or start */
	struct tk_zone *zone;     /* --tz, or NULL */
	struct tk_time_opts topts;
	struct tk_dates *dates;   /* with no --date-order */
	/*
	 * The talks without day or start are kept and shown (GATHER_ALL):
	 * neither they nor floating times are warned of.
	 */
	int keep_all;
};

/* Opens --tz; -1 after reporting an unknown zone. */
int schedule_init(struct exporter *x, struct schedule *s,
    struct tk_rows *rows);
/* Keeps rec, to be read at the end. */
void schedule_add(struct schedule *s, const struct tk_record *rec);
/*
 * Reads the times of the records kept; reports every value that cannot
 * be read, the talks without day or start (counted, named with -v) and
 * times that are floating.  -1 when a time could not be read: then
 * there is nothing to write.
 */
int schedule_end(struct exporter *x, struct schedule *s);
void schedule_free(struct schedule *s);

/*
 * outdir.c: stops with a usage error when --output-dir and --each
 * speaker do not go together for a format of FILES_PER_SPEAKER.
 */
void outdir_check(struct exporter *x);

/*
 * outdir.c: opens --output-dir when given to a format that takes it,
 * and sets x->to_files; -1 after reporting.
 */
int outdir_open(struct exporter *x);
void outdir_close(struct exporter *x);

/*
 * outdir.c: renders b, to standard output or to a new file of
 * --output-dir named by --name with b->vals, whose path is then
 * printed; 0, or -1 after reporting.
 */
int outdir_emit(struct exporter *x, const struct batch *b);

/*
 * timetable.c: html's grid of each day of the timed talks of b (GATHER_ALL
 * with times), then the list of those without a time.
 */
void timetable_put(struct exporter *x, const struct batch *b);

/* groupby.c: the column of --by (the track by default), or a usage error. */
size_t export_by_col(struct exporter *x);

/* A group of talks: the rows of the batch (indexes for batch_record). */
struct bygroup {
	size_t *rows;
	size_t n, cap;
};

/*
 * The talks of a batch grouped by the value of a column, the groups in
 * the order they first appear and the talks without a value last; a
 * talk with several speakers (emails, affiliations) is in the group of
 * each.
 */
struct bygroups {
	size_t n;                 /* the number of groups */
	struct bygroup *g;
	size_t cap;
	size_t *order;
	char *none;               /* the name of the last: "(no track)" */
	struct tk_groups *t;
};

void bygroups_make(struct exporter *x, const struct batch *b, size_t col,
    struct bygroups *gs);
/* The name and the talks of the k-th group, in order. */
struct tk_str bygroups_name(const struct bygroups *gs, size_t k);
const struct bygroup *bygroups_get(const struct bygroups *gs, size_t k);
void bygroups_free(struct bygroups *gs);

/* The label people read for column col: "Speaker", or its name. */
struct tk_str export_label(struct exporter *x, size_t col);

/*
 * markup.c: writes v, a text (description, abstract, bio), to an HTML
 * page as --markup says: paragraphs of text, Markdown rendered, or HTML
 * kept for the allowlist of tk_put_safe_html.
 */
void markup_put_html(struct exporter *x, struct tk_out *o,
    const struct tk_str *v, struct tk_repl *r);

/*
 * markup.c: writes Markdown v as Markdown again (cmark's CommonMark
 * writer), its raw HTML made text and its links to other schemes than
 * http, https and mailto emptied; characters a document cannot hold are
 * replaced and counted in r.
 */
void markup_put_markdown(struct exporter *x, struct tk_out *o,
    const struct tk_str *v, struct tk_repl *r);

/*
 * markup.c: v as plain text when --markup markdown or html was given:
 * its markup taken out, the blocks parted by blank lines; else v itself.
 * The value is valid until the next call with the same out.
 */
struct tk_str markup_plain(struct exporter *x, const struct tk_str *v,
    struct tk_out *out);

#endif
