/*
 * read.h - the first stage: reading records.
 *
 * The reader opens CSV and TSV files (through libcsv, the one place that
 * uses it; decode.c converts other encodings to UTF-8 below it),
 * resolves their header names to columns (the canonical fields and
 * their aliases, fields.c; each file's header, header.c) and hands out
 * one record at a time, on the plain path (plain.c) or the fast paths
 * (fast.c, with the kernels of lib/scan/).  page.c reads the other input form, a page of talks as
 * conferences publish it.  A new input form goes here, beside them.
 * What the files of this folder share and nothing else sees is in
 * internal.h.
 */
#ifndef TALKS_READ_H
#define TALKS_READ_H

#include <stddef.h>

#include "util/util.h"

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

/* The canonical name of field f (a static string). */
const char *tk_canon_name(int f);

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

/*
 * The parsing path.  TK_PATH_PLAIN hands every byte to libcsv; the others
 * are faster and must give the same records: TK_PATH_PORTABLE scans with
 * the portable kernels, TK_PATH_VECTOR with the vector ones (the portable
 * ones on a CPU without AVX2).  TK_PATH_DEFAULT is the fastest.
 */
enum tk_path { TK_PATH_DEFAULT, TK_PATH_PLAIN, TK_PATH_PORTABLE,
	TK_PATH_VECTOR };

/* --map FIELD=HEADER: the column named header holds canonical field. */
struct tk_map {
	int field;
	const char *header;
};

/* How to read the input files. */
struct tk_inopts {
	enum tk_dialect dialect; /* TK_AUTO: from the file name, else header */
	int delim;               /* with TK_CSV: the delimiter, 0 for ',' */
	size_t max_record;       /* largest record, bytes; 0: TK_MAX_RECORD */
	enum tk_path path;       /* the parsing path */
	/*
	 * How many bytes the fast paths hold for the records (a larger
	 * record makes the buffer grow, up to the record limit); 0:
	 * TK_CHUNK.  Tests make it small to move the chunk boundaries.
	 */
	size_t chunk;
	enum tk_tsv_escapes tsv_escapes; /* the form of TSV files */
	/*
	 * Which column is which field, before the aliases (nmaps of them;
	 * the first map that names a column wins).  The array must outlive
	 * the reader.
	 */
	const struct tk_map *maps;
	size_t nmaps;
	/*
	 * Drop the ' that CfP tools and spreadsheets put before a value
	 * starting with one of TK_GUARDED, so that no formula runs.
	 */
	int unguard;
	/*
	 * The encoding of the input files, as iconv(3) names it, or NULL:
	 * UTF-8, or UTF-16 where a byte order mark says so.
	 */
	const char *encoding;
	/*
	 * The files are speakers files (--speakers): each record is a
	 * person, and its key column is the speaker's name (a name, full
	 * name, speaker or first and last name column) instead of a title;
	 * a "speaker id" column is the id.
	 */
	int people;
	/*
	 * Names of columns that the caller fills in itself (nadded of them):
	 * each is a column of the reader even when no file has it, and a
	 * canonical one counts as present.  Records leave them empty.  The
	 * strings must outlive the reader.
	 */
	const char *const *added;
	size_t nadded;
};

/* The first characters of a value that a spreadsheet would run. */
#define TK_GUARDED "=+-@|%"


#define TK_MAX_RECORD ((size_t)256 << 20)
#define TK_CHUNK ((size_t)4 << 20)

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
	/* A notice is waiting: take it with tk_notice. */
	int notice;
};

struct tk_reader;

/*
 * Opens the files in paths (npaths of them; "-" is standard input) and
 * reads their header rows, so that the columns of every file are known
 * before the first record.  Never fails: a file that cannot be opened or
 * has a bad header is reported by tk_read when its turn comes.  Regular
 * files after the first are closed after their header and opened again
 * in turn, so that their number is bounded by neither descriptors nor
 * memory.  The strings in paths must outlive the reader.  Free with
 * tk_close.
 */
struct tk_reader *tk_open(char *const *paths, size_t npaths,
    const struct tk_inopts *opts);
void tk_close(struct tk_reader *r);

/*
 * The path that reads (or will read) r, as opts.path asked: TK_PATH_PLAIN,
 * TK_PATH_PORTABLE or TK_PATH_VECTOR.  Settles the choice, as the first
 * tk_read does.
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

/*
 * Takes the oldest notice waiting into e: 1, or 0 when none waits.  A
 * notice is a warning, after which the reader goes on: a file's header
 * had duplicate names or two columns for one field (known after
 * tk_open), its bytes are not valid UTF-8, its values look guarded by a
 * ' that --unguard would drop (known with the record that shows it:
 * tk_record.notice).
 */
int tk_notice(struct tk_reader *r, struct tk_err *e);

/* Whether map m of the options found a column in some file. */
int tk_map_used(const struct tk_reader *r, size_t m);

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
 * (0: TK_MAX_RECORD).  Never fails: a file that cannot be opened is
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

#endif
