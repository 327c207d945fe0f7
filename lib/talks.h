/*
 * talks.h - the talk record library.
 *
 * This is the one header that cmd/ includes.  The library reads talk
 * records from CSV and TSV files (through libcsv), resolves column names,
 * filters, sorts and writes records.  It never prints and never exits on
 * bad data: every failure comes back as a struct tk_err, and the caller
 * decides what to say.  Only running out of memory ends the program from
 * inside the library (see tk_xmalloc).
 */
#ifndef TALKS_H
#define TALKS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define TK_VERSION "0.1.0"

/* ---------------------------------------------------------------- fields */

/*
 * The canonical fields.  A reader's columns 0 .. TK_NCANON-1 are always
 * these, in this order, whether or not a file has them; columns from
 * TK_NCANON on are the other headers, in order of first appearance.
 */
enum tk_canon {
	TK_ID, TK_TITLE, TK_SPEAKER, TK_EMAIL, TK_AFFILIATION, TK_TRACK,
	TK_TYPE, TK_LEVEL, TK_STATE, TK_DESCRIPTION, TK_ABSTRACT, TK_BIO,
	TK_ROOM, TK_DAY, TK_START, TK_END, TK_DURATION, TK_URL, TK_TAGS,
	TK_NCANON
};

/* A byte string that is not NUL-terminated. */
struct tk_str {
	const char *p;
	size_t n;
};

/* The canonical name of field f (a static string). */
const char *tk_canon_name(int f);

/* The aliases of field f, ending with NULL (static strings). */
const char *const *tk_canon_aliases(int f);

/*
 * The canonical field that header name s (n bytes) stands for, or -1.
 * Case, surrounding space and the difference between space, '-' and '_'
 * do not matter.
 */
int tk_canon_find(const char *s, size_t n);

/*
 * Writes the folded form of s (n bytes) to out, which has room for n + 1
 * bytes, and returns its length: ASCII lower case, surrounding blanks
 * dropped, each run of space, '-' and '_' made one space.
 */
size_t tk_fold_name(const char *s, size_t n, char *out);

/* ---------------------------------------------------------------- errors */

/*
 * Where and what went wrong.  file is NULL for errors that belong to no
 * file; line and col are 0 when unknown.  file points into the reader
 * (valid until tk_close) or to a static string.
 */
#define TK_MSG_MAX 512

struct tk_err {
	const char *file;
	unsigned long line;
	unsigned long col;
	char msg[TK_MSG_MAX];
};

/*
 * Formats into out (size bytes, at most TK_MSG_MAX) as vsnprintf does,
 * but cuts a text too long where a character starts (see tk_cut).
 */
void tk_vformat(char *out, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/*
 * Fills e, its message as tk_vformat makes it; returns -1 so that callers
 * can write return tk_fail(...).
 */
int tk_fail(struct tk_err *e, const char *file, unsigned long line,
    unsigned long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* ------------------------------------------------------------ allocation */

/* Allocation that never returns NULL: out of memory ends the program. */
void *tk_xmalloc(size_t n);
void *tk_xcalloc(size_t n, size_t size);
void *tk_xrealloc(void *p, size_t n);
char *tk_xstrndup(const char *s, size_t n);

/* ---------------------------------------------------------------- reader */

enum tk_dialect { TK_AUTO, TK_CSV, TK_TSV };

/*
 * The two forms of TSV (see talks(5)), both with quoted fields as in CSV:
 * escaped, \t, \n, \r and \\ decoded, as talks writes it; or read as
 * written, as spreadsheets write it.  TK_ESC_AUTO decides per file from
 * its first TK_TSV_LOOK bytes.
 */
enum tk_tsv_escapes { TK_ESC_AUTO, TK_ESC_ON, TK_ESC_OFF };

#define TK_TSV_LOOK ((size_t)64 << 10)

/* How to read the input files. */
struct tk_inopts {
	enum tk_dialect dialect; /* TK_AUTO: from the file name, else header */
	int delim;               /* with TK_CSV: the delimiter, 0 for ',' */
	size_t max_record;       /* 0: TK_MAX_RECORD, or $TALKS_MAX_RECORD */
	enum tk_tsv_escapes tsv_escapes; /* the form of TSV files */
};

#define TK_MAX_RECORD ((size_t)256 << 20)

/*
 * The parsing path.  TK_PATH_PLAIN hands every byte to libcsv; the others
 * are faster and must give the same records.  The default comes from
 * $TALKS_PATH ("plain", "portable", "vector"), else the fastest one.
 */
enum tk_path { TK_PATH_DEFAULT, TK_PATH_PLAIN, TK_PATH_PORTABLE,
	TK_PATH_VECTOR };

/*
 * One record.  f[c] is the value of column c for c < nf (empty when the
 * record's file has no such column).  Everything here is valid until the
 * next tk_read or tk_close on the same reader.
 */
struct tk_record {
	const struct tk_str *f;
	size_t nf;
	const char *file;   /* the name to show for the record's file */
	unsigned long line; /* the line where the record starts, from 1 */
	size_t fileno;      /* index of the file among those opened */
	/*
	 * The file is TSV read in the escaped form because its first
	 * TK_TSV_LOOK bytes showed no sign of a spreadsheet's, and a column
	 * of this record that is decoded (tk_want_cols) shows one (see
	 * talks(5)): the caller may warn that the guess was wrong.  Records
	 * a prefilter refuses are not looked at.
	 */
	int tsv_sign;
};

struct tk_reader;

/*
 * Opens the files in paths (npaths of them; "-" is standard input) and
 * reads their header rows, so that the columns of every file are known
 * before the first record.  Never fails: a file that cannot be opened or
 * has a bad header is reported by tk_read when its turn comes.  The
 * strings in paths must outlive the reader.  Free with tk_close.
 */
struct tk_reader *tk_open(char *const *paths, size_t npaths,
    const struct tk_inopts *opts);
void tk_close(struct tk_reader *r);

/*
 * Chooses the parsing path; call before the first tk_read (later calls
 * do nothing).  TK_PATH_VECTOR on a CPU without AVX2 is the portable
 * path.  $TALKS_CHUNK (bytes, with k or m) sets the largest record the
 * fast paths read themselves (default 4m; larger ones go to the plain
 * path); tests set it small to move the chunk boundaries.
 */
void tk_set_path(struct tk_reader *r, enum tk_path path);

/*
 * The path that reads (or will read) r: TK_PATH_PLAIN, TK_PATH_PORTABLE
 * or TK_PATH_VECTOR.  Settles the choice, as the first tk_read does.
 */
enum tk_path tk_path_used(struct tk_reader *r);

/*
 * Says which columns the caller will look at (n of them in cols), so
 * that the fast paths need not decode the others ("" and TSV escapes):
 * in records read afterwards, the other columns may be empty.  Without
 * this call, every column is decoded.  Call before the first tk_read.
 */
void tk_want_cols(struct tk_reader *r, const size_t *cols, size_t n);

/*
 * A prefilter: called with the bytes of a record as its file has them
 * (p, n bytes: quotes, "" and TSV escapes as they are, no line break
 * after it) and the file's delimiter, before the record is decoded.  It
 * returns 0 when the caller wants nothing of the record, so that the
 * reader need not decode it.
 */
typedef int (*tk_prefilter_fn)(void *ctx, const char *p, size_t n,
    int delim);

/*
 * Sets r's prefilter (fn NULL: none); call before the first tk_read.  On
 * the fast paths, a record that fn refuses is skipped: tk_read does not
 * return it, but counts its lines.  A record that is in error, or that
 * the fast paths leave to the plain path, is read and checked as ever,
 * without fn; so is every record on the plain path.  fn must refuse only
 * records the caller would have dropped.  Where fn keeps most records,
 * asking costs more than it saves: the reader then rests, keeping
 * records without asking, for a while.
 */
void tk_set_prefilter(struct tk_reader *r, tk_prefilter_fn fn, void *ctx);

/*
 * Reads the next record into rec.  Returns 1 for a record, 0 at the end
 * of all files, -1 for an error described in e.  After an error, the rest
 * of that file is skipped and the next call goes on with the next file.
 */
int tk_read(struct tk_reader *r, struct tk_record *rec, struct tk_err *e);

/* The number of columns; it does not change after tk_open. */
size_t tk_ncols(const struct tk_reader *r);

/* The name of column c: canonical name or header text (valid until close). */
const char *tk_colname(const struct tk_reader *r, size_t c);

/* Whether some file has column c (always true for c >= TK_NCANON). */
int tk_col_present(const struct tk_reader *r, size_t c);

/*
 * The column that name (n bytes) stands for: a canonical name, an alias,
 * or another header's name, folded as tk_fold_name does; -1 if none.
 */
long tk_find_col(const struct tk_reader *r, const char *name, size_t n);

/* The display name of file i, as tk_record.file has it. */
const char *tk_filename(const struct tk_reader *r, size_t i);

/*
 * The number, counted from 1, of the column of file i that is reader
 * column c; 0 when that file has no such column.
 */
size_t tk_file_col(const struct tk_reader *r, size_t i, size_t c);

/* ----------------------------------------------------- field lists, sorting */

/*
 * Parses a comma-separated list of field names into column indexes.
 * On success returns 0 and sets *cols (caller frees) and *ncols.  An
 * unknown name is an error that lists the known ones.
 */
int tk_parse_fields(const struct tk_reader *r, const char *list,
    size_t **cols, size_t *ncols, struct tk_err *e);

/* The default columns of a full export: present canonical ones, then the rest. */
size_t *tk_all_fields(const struct tk_reader *r, size_t *ncols);

/*
 * Compares two values of column c for sorting: numbers in id, day, start,
 * end and duration compare as numbers, everything else byte by byte.
 */
int tk_compare(size_t c, const struct tk_str *a, const struct tk_str *b);

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

/* Item i (from 0) of v, as tk_next_item steps; empty when v has fewer. */
struct tk_str tk_item(const struct tk_str *v, size_t i);

/* Whether a and b are equal ignoring ASCII case. */
int tk_equal_fold(const char *a, size_t an, const char *b, size_t bn);

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

/* ---------------------------------------------------------------- output */

/*
 * A buffered writer on a file descriptor.  Write errors are sticky: after
 * one, writes are dropped and tk_out_flush returns -1 with errno set.
 */
struct tk_out {
	int fd;
	int err;      /* errno of the first write error, or 0 */
	size_t len;
	size_t cap;
	char *buf;
};

void tk_out_init(struct tk_out *o, int fd);
void tk_out_write(struct tk_out *o, const void *p, size_t n);
void tk_out_putc(struct tk_out *o, int c);
void tk_out_puts(struct tk_out *o, const char *s);
int tk_out_flush(struct tk_out *o);
void tk_out_free(struct tk_out *o);

/* Writes v on one line: each tab, LF, CR or CRLF becomes one space. */
void tk_put_flat(struct tk_out *o, const struct tk_str *v);

/* Writes v as a CSV field with delimiter delim, quoted only when it must be. */
void tk_put_csv(struct tk_out *o, const struct tk_str *v, int delim);

/*
 * Writes v as a TSV field: tab, LF, CR and backslash as \t, \n, \r, \\;
 * a value that starts with '"' is quoted so it is not read as a quote.
 */
void tk_put_tsv(struct tk_out *o, const struct tk_str *v);

/*
 * Writes one row of n values, in CSV form with delimiter delim when form
 * is TK_CSV, or in TSV form, and then eol.
 */
void tk_put_row(struct tk_out *o, const struct tk_str *const *v, size_t n,
    enum tk_dialect form, int delim, const char *eol);

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
 * Without tk_groups_next every call counts one member.  A record joins a group once: returns 1 when it
 * joined, 0 when it already was a member.  Sets *idx (unless NULL) to the
 * group's index; indexes count from 0 in order of first appearance.
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

/*
 * Writes the grouping key of s (n bytes) to out, which has room for n
 * bytes, and returns its length: ASCII lower case, white space dropped.
 */
size_t tk_group_fold(const char *s, size_t n, char *out);

/* Whether s (n bytes) has the grouping key key (keylen bytes). */
int tk_group_same(const char *key, size_t keylen, const char *s, size_t n);

/* ------------------------------------------------------------ talk pages */

/*
 * A page of talks as a conference publishes it in plain text: blocks
 * separated by lines of ten or more underscores, each talk a title, a
 * speaker, a "Track, Level" line and sections labelled Description:,
 * Abstract: and Bio:.  talks-import(1) gives the rules.  The page is read
 * one block at a time.
 */
struct tk_page;

/*
 * One talk of a page.  Everything here points into the page and is valid
 * until the next tk_page_next or tk_page_close.
 */
struct tk_talk {
	struct tk_str title, speaker, track, level;
	struct tk_str description, abstract, bio;
	unsigned long line; /* the line of the title */
};

/* What tk_page_next found. */
enum tk_page_event {
	TK_PAGE_END,   /* no more blocks */
	TK_PAGE_TALK,  /* a talk, in the struct tk_talk */
	TK_PAGE_SKIP,  /* text that is not a talk, passed over; e says which */
	TK_PAGE_BAD,   /* a block that looks like a talk but cannot be read:
			  e says why; the block is skipped */
	TK_PAGE_ERROR  /* the file cannot be read (e); then TK_PAGE_END */
};

/*
 * Prepares to read the page in path ("-" is standard input); the string
 * must outlive the page.  A block larger than max_block bytes is an error
 * (0: $TALKS_MAX_RECORD, else TK_MAX_RECORD).  Never fails: a file that cannot be opened is
 * reported by the first tk_page_next.  Free with tk_page_close.
 */
struct tk_page *tk_page_open(const char *path, size_t max_block);
void tk_page_close(struct tk_page *p);

/*
 * Reads on to the next event: talks and skipped text come in page order.
 * e is filled for TK_PAGE_SKIP, TK_PAGE_BAD and TK_PAGE_ERROR.
 */
enum tk_page_event tk_page_next(struct tk_page *p, struct tk_talk *t,
    struct tk_err *e);

/* --------------------------------------------------- UTF-8 and escaping */

/*
 * Decodes the sequence at p (n > 0 bytes left).  Returns its length and
 * sets *ok when it is valid UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF); otherwise returns the length of its longest
 * prefix that could start a valid sequence (at least 1), which is to be
 * replaced by one U+FFFD, and clears *ok.
 */
size_t tk_utf8_seq(const char *p, size_t n, int *ok);

/* Whether s (n bytes) is valid UTF-8. */
int tk_utf8_valid(const char *s, size_t n);

/*
 * How many bytes of s (n bytes) to quote in a message: all of them when
 * n <= max, else at most max, cut where a character starts (never
 * inside a UTF-8 sequence), for printf's "%.*s".
 */
int tk_cut(const char *s, size_t n, size_t max);

/*
 * The writers below replace what is not valid UTF-8 by U+FFFD, as
 * tk_utf8_seq splits it, and return the number of replacements made,
 * so that the caller can warn.
 */

/* Writes v as it is, but for the replacements. */
size_t tk_put_utf8(struct tk_out *o, const struct tk_str *v);

/*
 * Writes v as a JSON string with its quotes: '"' and '\' escaped, control
 * characters as \n, \r, \t, \b, \f or \u00XX.
 */
size_t tk_put_json(struct tk_out *o, const struct tk_str *v);

/*
 * Writes v for XML or HTML text or attribute values: & < > " ' as
 * entities.  Characters XML 1.0 does not allow (control characters but
 * tab, line feed and carriage return; U+FFFE, U+FFFF) are replaced by
 * U+FFFD too, and counted.
 */
size_t tk_put_xml(struct tk_out *o, const struct tk_str *v);

/* ------------------------------------------------------ pattern matching */

/* How patterns are compiled (talks grep's options). */
struct tk_match_opts {
	int caseless;             /* ignore case (Unicode case folding) */
	int smart_case;           /* the same unless a pattern has upper case */
	int fixed;                /* patterns are plain strings */
	int word;                 /* matches must be whole words */
	int whole;                /* matches must be the whole subject */
	unsigned long match_limit; /* PCRE2 match and depth limit; 0: default */
};

#define TK_MATCH_LIMIT 10000000UL

/*
 * A set of PCRE2 patterns, compiled once (with JIT when it is there) in
 * UTF-8 mode with Unicode properties.  Subjects need not be valid UTF-8:
 * invalid sequences match nothing but do not stop the search.
 */
struct tk_matcher;

/*
 * Compiles the npats patterns in pats (copied; may be 0 patterns, which
 * match nothing).  On a bad pattern returns NULL and fills e with file
 * "pattern", line the pattern's number from 1 and col the byte in it
 * from 1.  Free with tk_matcher_free.
 */
struct tk_matcher *tk_matcher_new(const struct tk_str *pats, size_t npats,
    const struct tk_match_opts *o, struct tk_err *e);
void tk_matcher_free(struct tk_matcher *m);

/*
 * Whether some pattern matches s (n bytes): 1 or 0, or -1 with e's
 * message set (e->file NULL) when matching failed, as when the match
 * limit was reached.
 */
int tk_matcher_test(struct tk_matcher *m, const char *s, size_t n,
    struct tk_err *e);

/*
 * Whether a match in a decoded field implies a match of the same
 * patterns in the bytes of the whole record as its file has them
 * (quotes, "" and TSV escapes included): only for non-empty literals
 * (-F, or no regular expression metacharacters) without '"', '\\', tab,
 * CR or LF, without -w, -x or a match limit.  See match.c for why.
 */
int tk_raw_exact(const struct tk_str *pats, size_t npats,
    const struct tk_match_opts *o);

/*
 * Whether m has a raw-record test: tk_raw_exact holds for its patterns
 * and $TALKS_PREFILTER is not "off".
 */
int tk_matcher_has_raw(const struct tk_matcher *m);

/*
 * The raw-record test: 0 when no pattern of m matches s (n bytes, a
 * record as its file has it, whose delimiter is delim), so that no
 * decoded field of the record can match; 1 when one may (also when m
 * has no raw test, or the match failed).
 */
int tk_matcher_raw(struct tk_matcher *m, const char *s, size_t n, int delim);

/*
 * Steps through the non-empty matches in s, left to right, without
 * overlap; at one place the longest match of any pattern wins.  s must
 * stay valid while stepping; one subject at a time per matcher.
 * tk_matcher_next returns 1 and the match's offsets [*so, *eo), 0 when
 * there are no more, or -1 as tk_matcher_test does.
 */
void tk_matcher_start(struct tk_matcher *m, const char *s, size_t n);
int tk_matcher_next(struct tk_matcher *m, size_t *so, size_t *eo,
    struct tk_err *e);

/* -------------------------------------------------------------- buffers */

/* A growable byte string, kept NUL-terminated; start it zeroed. */
struct tk_buf {
	char *p;
	size_t n;
	size_t cap;
};

void tk_buf_add(struct tk_buf *b, const void *p, size_t n);
void tk_buf_addc(struct tk_buf *b, int c);
void tk_buf_adds(struct tk_buf *b, const char *s);
/* Frees b->p and zeroes b, ready for reuse. */
void tk_buf_free(struct tk_buf *b);

/* ------------------------------------------------------------ templates */

/*
 * Text with {field} placeholders: any field name or alias that
 * tk_find_col knows, "{{" and "}}" for literal braces.
 */
struct tk_tmpl;

#define TK_TMPL_ALLOW_TITLES 1 /* tk_tmpl_parse: {titles} is known */
#define TK_TMPL_FLAT 2         /* tk_tmpl_expand: values on one line */
#define TK_TMPL_TITLES (-2L)   /* the column that stands for {titles} */

/*
 * Parses template s (n bytes).  name is the file to name in errors, whose
 * line and col give the place in s (col in characters).  Returns NULL
 * with e filled for an unknown field, an unclosed or single brace.
 * r must outlive the template; free with tk_tmpl_free.
 */
struct tk_tmpl *tk_tmpl_parse(const struct tk_reader *r, const char *s,
    size_t n, const char *name, int flags, struct tk_err *e);
void tk_tmpl_free(struct tk_tmpl *t);

/* Whether t has a placeholder for column col (or TK_TMPL_TITLES). */
int tk_tmpl_uses(const struct tk_tmpl *t, long col);

/*
 * The values a template is expanded with: rec's fields, except those
 * given here (NULL: rec's own).  titles is the value of {titles}.
 */
struct tk_tmpl_vals {
	const struct tk_record *rec;
	const struct tk_str *speaker, *email, *affiliation, *titles;
};

/*
 * Appends t expanded with v to out.  With TK_TMPL_FLAT each control
 * character in a value (a CRLF counts as one) becomes a space.
 */
void tk_tmpl_expand(const struct tk_tmpl *t, const struct tk_tmpl_vals *v,
    int flags, struct tk_buf *out);

/* ------------------------------------------------------------ clean text */

/*
 * Appends v to out with the replacements tk_put_xml makes (U+FFFD for
 * what is not UTF-8 and for the characters XML 1.0 forbids, which
 * iCalendar forbids too); returns their number.
 */
size_t tk_clean_text(const struct tk_str *v, struct tk_buf *out);

/* ------------------------------------------------------------ file names */

/*
 * A file name made from s (n bytes): '/', '\\', control characters and
 * invalid UTF-8 become '_', and so do a leading '.' or '-' and each '.'
 * after a '.'; long names are cut (the extension kept); never empty.
 * Caller frees.
 */
char *tk_safe_name(const char *s, size_t n);

/*
 * Creates file name in directory dirfd for writing, never overwriting
 * and never following a symbolic link: if name exists, tries name-2,
 * name-3, ... before its extension.  Returns the descriptor and sets
 * *used to the name created (caller frees), or returns -1 with e filled
 * and *used set to the name last tried (caller frees).
 */
int tk_create_new(int dirfd, const char *name, char **used,
    struct tk_err *e);

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

/* ---------------------------------------------------------------- slugs */

/*
 * Appends to b the slug of v, at most max bytes: the letters without
 * their accents (numérique: numerique, Straße: strasse) in lower case,
 * ASCII letters and digits, and one '-' for each run of anything else
 * between them.
 */
void tk_slug(struct tk_buf *b, const struct tk_str *v, size_t max);

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

#endif
