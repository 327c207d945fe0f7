/*
 * match.h - pattern matching with PCRE2, the one place that uses it:
 * grep's patterns, compiled once, tested against fields, and the
 * raw-record test that lets the reader skip records undecoded.
 */
#ifndef TALKS_MATCH_H
#define TALKS_MATCH_H

#include <stddef.h>

#include "util/util.h"

/* ------------------------------------------------------ pattern matching */

/* How patterns are compiled (talks grep's options). */
struct tk_match_opts {
	int caseless;             /* ignore case (Unicode case folding) */
	int smart_case;           /* the same unless a pattern has upper case */
	int fixed;                /* patterns are plain strings */
	int word;                 /* matches must be whole words */
	int whole;                /* matches must be the whole subject */
	unsigned long match_limit; /* PCRE2 match and depth limit; 0: default */
	int no_raw;               /* no raw-record test, to test without it */
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
 * and no_raw was not set.
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

#endif
