/*
 * check.h - the rules of talks check: the problems of a schedule, found
 * in its records.
 *
 * A checker is given the records one by one and keeps only what its
 * rules need (times, rooms and speakers as numbers, the keys of names);
 * when the last record is in, the rules that compare talks run and the
 * problems come out in the order of the records.  Like the rest of the
 * library it never prints: problems are values that the caller writes.
 */
#ifndef TALKS_CHECK_H
#define TALKS_CHECK_H

#include "read/read.h"
#include "util/util.h"

/* The rules, in the order in which problems of one record come out. */
enum tk_rule {
	TK_RULE_ROOM_OVERLAP, TK_RULE_SPEAKER_OVERLAP, TK_RULE_TIME,
	TK_RULE_MISSING, TK_RULE_DUPLICATE, TK_RULE_NAME_VARIANT,
	TK_RULE_EMAIL, TK_RULE_LENGTH, TK_RULE_UNKNOWN_VALUE,
	TK_RULE_SPEAKER_RECORD,   /* the join of --speakers: cmd/ finds these */
	TK_NRULES
};

#define TK_RULES_ALL ((1u << TK_NRULES) - 1)

/* The short name of rule (a static string): "room-overlap", ... */
const char *tk_rule_name(int rule);

/* The rule named s (n bytes), or -1. */
int tk_rule_find(const char *s, size_t n);

/* --max FIELD=N: values of column col longer than n characters. */
struct tk_check_max {
	size_t col;
	unsigned long n;
};

/* --allow FIELD=A,B: the values that column col may have. */
struct tk_check_allow {
	size_t col;
	const struct tk_str *v; /* nv values, without surrounding blanks */
	size_t nv;
};

/* What to check; the arrays must outlive the checker. */
struct tk_check_opts {
	unsigned rules;           /* 1u << rule for each rule to apply */
	long long gap;            /* seconds a speaker needs between talks */
	const size_t *require;    /* the columns that must not be empty */
	size_t nrequire;
	const struct tk_check_max *max;
	size_t nmax;
	const struct tk_check_allow *allow;
	size_t nallow;
};

/*
 * One problem.  It belongs to the record at fileno and line; a problem
 * between two records (an overlap, a duplicate, a variant) names the
 * other one too.  msg is one line of text, without control characters;
 * it is valid until tk_check_free.
 */
struct tk_problem {
	int rule;
	size_t fileno;
	unsigned long line;
	int has_other;
	size_t other_fileno;
	unsigned long other_line;
	long field;               /* the column the problem is about, or -1 */
	struct tk_str msg;
};

struct tk_checker;

/*
 * A checker for the records of r (which must outlive it).  Returns NULL
 * with e filled when the rules cannot be set up.  Free with
 * tk_check_free.
 */
struct tk_checker *tk_check_new(const struct tk_reader *r,
    const struct tk_check_opts *o, struct tk_err *e);
void tk_check_free(struct tk_checker *k);

/*
 * The columns the rules look at (caller frees), for tk_want_cols: the
 * other columns of the records given to tk_check_add may be empty.
 */
size_t *tk_check_cols(const struct tk_checker *k, size_t *n);

/*
 * Checks one record.  Records must come in the order they are read:
 * file after file, and line after line within a file.
 */
void tk_check_add(struct tk_checker *k, const struct tk_record *rec);

/*
 * Runs the rules that compare talks and puts the problems in order: by
 * record, then by rule, then as found.  Call once, after the last
 * tk_check_add.
 */
void tk_check_end(struct tk_checker *k);

/* The number of problems, and problem i of them (after tk_check_end). */
size_t tk_check_count(const struct tk_checker *k);
void tk_check_get(const struct tk_checker *k, size_t i, struct tk_problem *p);

/* ------------------------------------------------- parts, for testing */

/*
 * Why s (n bytes) is not an RFC 5322 addr-spec (a static string), or
 * NULL when it is one.
 */
const char *tk_email_problem(const char *s, size_t n);

/*
 * Writes the folded form of a name or title s (n bytes) to out, which
 * has room for TK_FOLD_ROOM(n) bytes, and returns its length: case,
 * accents and white space set aside, so that two spellings of one name
 * fold the same (see fold.c).
 */
size_t tk_fold_text(const char *s, size_t n, char *out);

/* Room for the fold of n bytes: a folded character may be longer. */
#define TK_FOLD_ROOM(n) (3 * (n))

/*
 * Counts characters as a reader sees them (extended grapheme clusters:
 * a letter and its accents are one, so is CR LF); what is not UTF-8
 * counts one for each replacement character it would print as.
 */
struct tk_chars;
struct tk_chars *tk_chars_new(struct tk_err *e);
void tk_chars_free(struct tk_chars *c);
size_t tk_chars_count(struct tk_chars *c, const char *s, size_t n);

#endif
