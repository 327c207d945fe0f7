/* internal.h - what the files of lib/select/ share and nothing else sees. */
#ifndef TALKS_SELECT_INTERNAL_H
#define TALKS_SELECT_INTERNAL_H

#include "select/select.h"

/*
 * Compares two values of column c for sorting: numbers in id, day, start,
 * end and duration compare as numbers, everything else with tk_collate
 * (folded first, then byte by byte).
 */
int tk_compare(size_t c, const struct tk_str *a, const struct tk_str *b);

/*
 * Appends the grouping key of s (n bytes) to out: case folded for every
 * script, composed and decomposed letters alike (tk_ufold), white space
 * dropped.  ASCII values are folded byte by byte.
 */
void tk_group_fold(const char *s, size_t n, struct tk_buf *out);

/* Whether s (n bytes) has the grouping key key (keylen bytes). */
int tk_group_same(const char *key, size_t keylen, const char *s, size_t n);

/* The number of days of month m (1-12) of year y. */
int tk_days_in_month(int y, int m);

/* Whether c (a byte, or -1 past the end) is an ASCII digit or letter. */
static inline int
tk_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
tk_is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

#endif
