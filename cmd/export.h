/*
 * export.h - the formats of talks export.
 *
 * Each format is a struct format in a file of its own (cmd/fmt_NAME.c),
 * listed in the table in cmd/export.c.  export.c parses the options,
 * opens the input and calls begin, then record for each selected record
 * (in input order, or sorted with --sort), then end.  A format that
 * groups records (by track, by speaker) keeps what it needs itself.
 */
#ifndef TALKS_EXPORT_H
#define TALKS_EXPORT_H

#include "cmd.h"

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
	const char *format;       /* -t: the name of the format */
};

struct exporter {
	struct common *c;         /* input, fields (c->cols), output (c->out) */
	struct export_opts *o;
	void *state;              /* the format's own */
	struct tk_str *names;     /* export.c's: the names of c->cols */
	const struct tk_str **row; /* export.c's: see export_values */
};

struct format {
	const char *name;
	const char *summary;
	/* Each returns 0, or -1 after reporting an error (exit status 2). */
	int (*begin)(struct exporter *x);
	int (*record)(struct exporter *x, const struct tk_record *rec);
	int (*end)(struct exporter *x);
	/*
	 * The default of -f: a comma-separated list whose fields absent
	 * from every input are dropped; NULL means every column.
	 */
	const char *fields;
};

/*
 * begin is called once; when it succeeds, end is always called (so that
 * the format can free its state), even after record failed; no record is
 * passed after a failure.  With -s, the records passed hold every column
 * too.
 */

/* The formats: each is defined in its cmd/fmt_NAME.c. */
extern const struct format fmt_csv, fmt_tsv, fmt_json, fmt_jsonl,
    fmt_markdown, fmt_html;
extern const struct format fmt_ics, fmt_frab, fmt_template, fmt_mbox;

/* The names of the chosen fields, as values (valid until the next call). */
const struct tk_str *const *export_names(struct exporter *x);

/* The values of the chosen fields of rec (valid until the next call). */
const struct tk_str *const *export_values(struct exporter *x,
    const struct tk_record *rec);

/* Warns that rec had bytes that are not UTF-8, replaced by U+FFFD. */
void export_warn_utf8(struct exporter *x, const struct tk_record *rec);

/*
 * Steps through the lines of v, split at LF, CR or CRLF: *pos starts at
 * 0; returns 1 and sets line while there is one more, else 0.  A value
 * with n line breaks has n + 1 lines; an empty one has one empty line.
 */
int export_next_line(const struct tk_str *v, size_t *pos,
    struct tk_str *line);

/*
 * A grouping table (see tk_groups_new) for the formats that group talks
 * by track; it keeps every canonical field and every chosen field.
 * Free with tk_groups_free.
 */
struct tk_groups *export_groups_new(struct exporter *x);

/* A store of records that keeps every column (tk_rows_new). */
struct tk_rows *export_rows_all(struct exporter *x);

/* Adds rec to the group of its track. */
void export_groups_add(struct tk_groups *g, const struct tk_record *rec);

/*
 * The time to stamp output with: $SOURCE_DATE_EPOCH when set (so that
 * output can be reproduced), else now.  -1 after reporting a bad value.
 */
int export_stamp(struct exporter *x, long long *t);

/*
 * The talks with a day and a start, kept whole with their times, for the
 * formats that schedule (ics, frab).  Records are kept as they come and
 * read at the end, when the dates of every column are known (see
 * tk_dates_new).
 */
struct scheduled {
	struct tk_rows *rows;     /* every column of every record */
	size_t *row;              /* the scheduled talks: their rows */
	struct tk_when *when;     /* and their times */
	size_t n;
	unsigned long skipped;    /* talks without day or start */
	struct tk_zone *zone;     /* --tz, or NULL */
	struct tk_time_opts topts;
	struct tk_dates *dates;   /* with no --date-order */
};

/* Opens --tz; -1 after reporting an unknown zone. */
int scheduled_init(struct exporter *x, struct scheduled *s);
/* Keeps rec, to be read at the end. */
void scheduled_add(struct exporter *x, struct scheduled *s,
    const struct tk_record *rec);
/*
 * Reads the times of the records kept; reports every value that cannot
 * be read, the talks without day or start (counted, named with -v) and
 * times that are floating.  -1 when a
 * time could not be read: then there is nothing to write.
 */
int scheduled_end(struct exporter *x, struct scheduled *s);
/* Talk i, as scheduled_end kept it. */
void scheduled_get(struct scheduled *s, size_t i, struct tk_record *rec);
/*
 * Writes the local date and time of instant t of talk i, as shown (in
 * --tz, else as written), into buf: "2024-09-12T14:30:00", with
 * "+02:00" after it when zoned is set and the time is not floating.
 * Returns the local time (seconds since 1970, read as UTC).
 */
long long scheduled_local(const struct scheduled *s, size_t i, long long t,
    int zoned, char *buf, size_t size);
/*
 * The talks whose value of column c (an identifier: uid, guid, slug) is
 * that of an earlier talk, as one flag per talk (caller frees), each said
 * in a warning that names what; none when c is -1.
 */
unsigned char *scheduled_repeats(struct scheduled *s, long c,
    const char *what);
void scheduled_free(struct scheduled *s);

/*
 * Outputs made from templates (cmd/fmt_template.c), shared by the
 * template, mbox and ics formats: one output per record, or per speaker
 * with --each speaker, or per distinct speaker with --unique; each goes
 * to emit, to standard output or to a file of --output-dir.
 */
struct each {
	int per_speaker, unique;
	/* Makes one output from v; 0, or -1 after reporting. */
	int (*emit)(struct exporter *x, const struct tk_tmpl_vals *v);
	struct tk_rows *rows;       /* --unique: the records, kept */
	struct tk_speakers *speakers;
	size_t nrec;
};

/*
 * Reads the text of --template (TEXT, or the file after '@' without its
 * last line break) into b, and the name to give in errors; -1 after
 * reporting.
 */
int template_text(struct exporter *x, struct tk_buf *b, const char **name);

/* Reads and parses --template into t; -1 after reporting. */
int template_load(struct exporter *x, int flags, struct tk_tmpl **t);

/* Checks --each and --unique; speaker makes --each speaker the default. */
void each_begin(struct exporter *x, struct each *e, int speaker);
int each_record(struct exporter *x, struct each *e,
    const struct tk_record *rec);
/* Emits the --unique outputs and frees e's records. */
int each_end(struct exporter *x, struct each *e);

/* Files written to --output-dir, named by --name. */
struct outdir;

/* Opens --output-dir, if given (else sets *d to NULL); -1 after reporting. */
int outdir_open(struct exporter *x, const char *default_name,
    struct outdir **d);

/*
 * Writes p (n bytes) to a new file named by expanding --name with v,
 * made safe, and prints its path; -1 after reporting.
 */
int outdir_write(struct exporter *x, struct outdir *d,
    const struct tk_tmpl_vals *v, const char *p, size_t n);
void outdir_close(struct outdir *d);

#endif
