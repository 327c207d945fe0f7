/*
 * cmd.h - what the subcommands share: options, the environment, input,
 * output, messages.  common.c reads every environment variable that
 * changes what the library does, once, into the options it passes.
 */
#ifndef TALKS_CMD_H
#define TALKS_CMD_H

#include <getopt.h>

#include "talks.h"

/*
 * Long options that every subcommand takes; their short forms are in
 * COMMON_SHORT.  Subcommand-specific options use values from OPT_LOCAL on.
 */
enum {
	OPT_CSV = 256, OPT_TSV, OPT_TRACK, OPT_LEVEL, OPT_SPEAKER, OPT_HEADER,
	OPT_HELP, OPT_TSV_ESCAPES, OPT_SPEAKER_SEP, OPT_MAP, OPT_UNGUARD,
	OPT_ENCODING, OPT_SPEAKERS, OPT_LOCAL = 300
};

#define COMMON_SHORT "d:f:s:r0"

/* The long options of reading and selecting, which every subcommand
 * takes; COMMON_LONG adds those of printing fields (not check's). */
#define COMMON_INPUT_LONG \
	{ "csv", no_argument, NULL, OPT_CSV }, \
	{ "tsv", no_argument, NULL, OPT_TSV }, \
	{ "tsv-escapes", required_argument, NULL, OPT_TSV_ESCAPES }, \
	{ "delimiter", required_argument, NULL, 'd' }, \
	{ "map", required_argument, NULL, OPT_MAP }, \
	{ "unguard", no_argument, NULL, OPT_UNGUARD }, \
	{ "encoding", required_argument, NULL, OPT_ENCODING }, \
	{ "track", required_argument, NULL, OPT_TRACK }, \
	{ "level", required_argument, NULL, OPT_LEVEL }, \
	{ "speaker", required_argument, NULL, OPT_SPEAKER }, \
	{ "speaker-sep", required_argument, NULL, OPT_SPEAKER_SEP }, \
	{ "speakers", required_argument, NULL, OPT_SPEAKERS }, \
	{ "help", no_argument, NULL, OPT_HELP }
#define COMMON_LONG \
	COMMON_INPUT_LONG, \
	{ "fields", required_argument, NULL, 'f' }, \
	{ "sort", required_argument, NULL, 's' }, \
	{ "reverse", no_argument, NULL, 'r' }, \
	{ "null", no_argument, NULL, '0' }, \
	{ "header", no_argument, NULL, OPT_HEADER }

/* The state of one run of a subcommand. */
struct common {
	const char *cmd;          /* "list", "grep", ... */
	const char *usage;        /* the synopsis lines, for --help */
	/*
	 * The reader's options: the dialect from the options, the path,
	 * chunk and record limit from $TALKS_PATH, $TALKS_CHUNK and
	 * $TALKS_MAX_RECORD (tests set them).
	 */
	struct tk_inopts in;
	struct tk_map *maps;      /* --map, in c->in.maps */
	size_t nmaps, mapcap;
	int no_raw;               /* $TALKS_PREFILTER is "off" (tests) */
	struct tk_filter *filter;
	const char *fields;       /* -f, or NULL for the default */
	const char *sort;         /* -s, or NULL */
	int reverse, header, nul;
	struct tk_reader *r;      /* from common_open */
	size_t *cols, ncols;      /* the fields to print */
	size_t *keys, nkeys;      /* the sort keys */
	struct tk_out out;        /* standard output */
	int status;               /* 2 once an error was reported */
	int sign_later;           /* common_sign is called by the command */
	size_t signed_file;       /* 1 + the file warned about by common_sign */
	int watch;                /* filter values that match nothing are told */
	int no_watch;             /* grep: its prefilter skips records unseen */
	const char **seps;        /* --speaker-sep, in order */
	size_t nseps, sepcap;
	struct tk_str *pf;        /* common_person_record's fields */
	size_t pfcap;
	char **spk_paths;         /* --speakers, in order */
	size_t nspk, spkcap;
	struct join *join;        /* the speakers files read (join.c) */
};

/*
 * Starts a run of subcommand cmd: reads the environment into c->in and
 * c->no_raw, and opens standard output with the scan kernels of the
 * chosen path.
 */
void common_init(struct common *c, const char *cmd, const char *usage);

/*
 * Handles option opt if it is a common one: returns 1 when handled, 0
 * when it is not a common option.  Bad values end the program with 2.
 * Also handles --help and getopt's '?' and ':'.
 */
int common_option(struct common *c, int opt, const char *arg, char **argv);

/*
 * Chooses the files to read when *argc is 0: standard input, or
 * $TALKS_FILE when standard input is a terminal.  Returns -1 after saying
 * so when there is no input to wait for; ends the program with a usage
 * error when standard input is named twice.
 */
int common_input_files(struct common *c, int *argc, char ***argv);

/*
 * Opens the named files (argv[0 .. argc)), or standard input, or
 * $TALKS_FILE; resolves -f (default_fields when -f is not given; NULL
 * means every column) and -s.  Returns -1 after reporting an error.
 */
int common_open(struct common *c, int argc, char **argv,
    const char *default_fields);

/*
 * Resolves a list of field names as -f does, into *cols (caller frees)
 * and *n.  Returns -1 after reporting an unknown name.
 */
int common_fields(const struct common *c, const char *list, size_t **cols,
    size_t *n);

/*
 * Says, once for the run, that no input has a column for field, which
 * the command needs (why: "-t mbox needs to address mails"), listing
 * the columns found; returns -1 then, else 0.  Where no header could be
 * read, that was reported already: 0.
 */
int common_need(const struct common *c, int field, const char *why);

/* What common_want is told that a command looks at, besides extra. */
enum { WANT_PRINTED = 1, WANT_SORTED = 2 };

/*
 * Decides the columns that the command looks at and tells the reader,
 * so that the fast paths need not decode the others: the printed ones
 * (c->cols) with WANT_PRINTED, the sort keys with WANT_SORTED, always
 * the fields that the filters test, and the nextra columns in extra
 * (searched, grouped by).  Call after common_open, before the first
 * record is read.
 */
void common_want(struct common *c, int what, const size_t *extra,
    size_t nextra);

/*
 * Reads the next record that passes the filters: 1, or 0 at the end.
 * Errors are reported as they come and set c->status to 2.
 */
int common_next(struct common *c, struct tk_record *rec);

/*
 * Reads every remaining record that passes the filters and sorts them
 * by -s (and -r).  The rows keep the chosen fields, the sort keys and
 * the extra columns.  Free with tk_rows_free.
 */
struct tk_rows *common_sorted(struct common *c, const size_t *extra,
    size_t nextra);

/*
 * An empty store that keeps what common_sorted keeps, for callers that
 * choose the records themselves and then sort with tk_rows_sort.  Free
 * with tk_rows_free.
 */
struct tk_rows *common_rows(const struct common *c, const size_t *extra,
    size_t nextra);

/*
 * Warns, once a file, that rec's file looks like a spreadsheet's TSV
 * read as escaped (rec->tsv_sign).  common_next does it for every record
 * it returns, unless sign_later is set: then the command calls it for
 * the records it uses (grep: the selected ones, as the reader does not
 * look at the records its prefilter skips).
 */
void common_sign(struct common *c, const struct tk_record *rec);

/*
 * Says on standard error, once each, which filter values (--track,
 * --level, --speaker) matched no talk at all, with the values that the
 * talks have; returns how many.  Call after the last record is read.
 */
size_t common_missed(struct common *c);

/* Flushes standard output and frees; returns the exit status. */
int common_finish(struct common *c);

/*
 * Reads all of file path ("-": standard input) into b, which stays
 * NUL-terminated: a pattern file, a template.  A file larger than the
 * record limit is an error, so that /dev/zero cannot take all memory.
 * Returns -1 after reporting an error, b freed.
 */
int common_slurp(const struct common *c, const char *path, struct tk_buf *b);

/* Prints a library error as "talks: file:line:col: message". */
void report(const struct tk_err *e);

/* Prints "talks CMD: message (see 'talks CMD --help')" and exits 2. */
void misuse(const struct common *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/*
 * The index of ARG among NAMES (NULL-terminated); otherwise misuse, with
 * WHY, a format whose one conversion is ARG, naming what may be given.
 */
int common_choice(const struct common *c, const char *arg,
    const char *const *names, const char *why)
    __attribute__((format(printf, 4, 0)));

/*
 * The decimal value arg of option opt, from min to max; anything else
 * is a usage error.
 */
unsigned long long common_number(const struct common *c, const char *opt,
    const char *arg, unsigned long long min, unsigned long long max);

/*
 * Writes value v of column col on one line: tabs and line breaks as
 * spaces, and the items of a list (speaker, email, affiliation) joined
 * with "; ", so that they can be split again.
 */
void put_field(struct common *c, size_t col, const struct tk_str *v);

/* Writes rec's chosen fields (put_field) as one line of talks list. */
void put_line(struct common *c, const struct tk_record *rec);

/*
 * Warns, once for rec, that its emails or affiliations do not pair with
 * its speakers (tk_unpaired), so that none is given to a speaker.
 */
void common_warn_unpaired(const struct tk_record *rec);

/* The value of --each, which must be "speaker": misuse otherwise. */
void common_parse_each(const struct common *c, const char *arg);

/* The columns that --each speaker reads: title (for warnings), speaker,
 * email, affiliation. */
extern const size_t each_cols[4];

/* Warns that rec has no speaker and so is skipped. */
void common_no_speaker(const struct tk_record *rec);

/*
 * Calls fn(ctx, rec, p) for each named speaker p of rec (tk_person),
 * after common_warn_unpaired; a talk with no named speaker is warned of
 * with common_no_speaker.  Returns the first value of fn that is not 0,
 * else 0.
 */
int common_each_person(const struct tk_record *rec,
    int (*fn)(void *ctx, const struct tk_record *rec,
    const struct tk_person *p), void *ctx);

/*
 * rec with its speaker, email and affiliation those of p alone, in
 * *out; valid until the next call or common_finish.
 */
void common_person_record(struct common *c, const struct tk_record *rec,
    const struct tk_person *p, struct tk_record *out);

/* ------------------------------------------------------ join.c */

/*
 * Reads the --speakers files, before the talks are opened: their
 * records are held in memory, and their columns are added to c->in
 * so that the talks' reader has them.  Returns -1 after reporting an
 * error (a file that cannot be read, no name column).
 */
int join_load(struct common *c);

/* After the talks are opened: which talk column each speaker column fills. */
void join_open(struct common *c);

/* The columns of the talks that the join reads, for common_want. */
size_t join_cols(const struct common *c, size_t *cols, size_t max);

/*
 * Replaces *rec with the talk joined to its speakers' records, warning
 * of speakers without a record, ambiguous names and values that differ.
 */
void join_record(struct common *c, struct tk_record *rec);

/* The values of speaker p's record for the columns it fills, in out. */
void join_person(struct common *c, const struct tk_record *rec,
    const struct tk_person *p, struct tk_str *out);

/*
 * Warns of the records that matched no talk; with every talk read
 * only (all, 1).  Call after the last record.
 */
void join_end(struct common *c, int all);
void join_free(struct common *c);

/*
 * The warnings of the join that check reports as problems of rule
 * speaker-record instead: join_collect(c) makes them be kept, and
 * join_problem gives problem i (0 when there is none).
 */
void join_collect(struct common *c);
int join_problem(const struct common *c, size_t i, const char **file,
    unsigned long *line, const char **msg);

/* Writes the header line of talks list (--header). */
void put_header_line(struct common *c);

/*
 * "(no FIELD)", the label of the group of talks without a value of
 * column col (caller frees).
 */
char *none_label(const struct tk_reader *r, size_t col);

/*
 * Keeps the none group's label apart from the groups' own names: while a
 * group is named as the label is (a track literally "(no track)"), the
 * label takes another pair of parentheses, "((no track))".
 */
void unclash(char **label, const struct tk_groups *g);

/* A subcommand: what runs it, what talks --help says of it, its options. */
struct command {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
	const char *shortopts;
	const struct option *longopts;
};

/*
 * What --help writes after the usage: the option lines of command cmd
 * (main.c sets it; NULL, as in the fuzz targets that link common.c
 * alone, writes the usage only).
 */
extern void (*common_help_options)(const char *cmd);

/* The subcommand of that name (main.c), or NULL. */
const struct command *command_named(const char *name);

/* talks __complete N WORD...: the words for shell completion (complete.c). */
int cmd_complete(int argc, char **argv, const struct command *cmds,
    size_t ncmds);

/* The subcommands' options, beside each subcommand. */
extern const char by_track_shortopts[], check_shortopts[],
    export_shortopts[], grep_shortopts[], import_shortopts[],
    list_shortopts[];
extern const struct option by_track_longopts[], check_longopts[],
    export_longopts[], grep_longopts[], import_longopts[], list_longopts[];

/* --markup: what the texts (description, abstract, bio) are written in. */
enum markup {
	MARKUP_TEXT,
	MARKUP_MARKDOWN,
	MARKUP_HTML
};

/* The --markup named arg; anything else is a usage error (textmarkup.c). */
enum markup markup_parse(const struct common *c, const char *arg);

/* Writes Markdown v as HTML with how: cmark's safe rendering (raw HTML
 * and javascript: links left out), then the allowlist. */
void markdown_put_html(struct tk_out *o, const struct tk_str *v,
    enum tk_safe how, struct tk_repl *r);

/* Text v of markup m as plain text, its markup taken out and its blocks
 * parted by blank lines, in buf (a memory tk_out); v itself for text. */
struct tk_str markup_text(enum markup m, const struct tk_str *v,
    struct tk_out *buf);

/*
 * rec with its description, abstract and bio as plain text (markup_text),
 * in *out: its values are copied to fv (rec->nf of them), and the texts
 * kept in bufs[0..2].  For MARKUP_TEXT, *out is rec.
 */
void markup_record(enum markup m, const struct tk_record *rec,
    struct tk_str *fv, struct tk_out *bufs, struct tk_record *out);

/* The subcommands: each takes argc and argv from its own name on. */
int cmd_by_track(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_grep(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_list(int argc, char **argv);

#endif
