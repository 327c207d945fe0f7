/*
 * util.h - what every stage of the library builds on: byte strings,
 * error values, allocation that never fails, growable arrays and byte
 * strings, and case folding (ASCII, and Unicode through utf8proc).
 * Nothing here knows about records.
 */
#ifndef TALKS_UTIL_H
#define TALKS_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* A byte string that is not NUL-terminated. */
struct tk_str {
	const char *p;
	size_t n;
};

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
 * How many bytes of s (n bytes) to quote in a message: all of them when
 * n <= max, else at most max, cut where a character starts (never
 * inside a UTF-8 sequence), for printf's "%.*s".
 */
int tk_cut(const char *s, size_t n, size_t max);

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

/* Says that memory ran out and ends the program, as tk_xmalloc does. */
void tk_oom(void) __attribute__((noreturn));

/* Allocation that never returns NULL: out of memory ends the program. */
void *tk_xmalloc(size_t n);
void *tk_xcalloc(size_t n, size_t size);
void *tk_xrealloc(void *p, size_t n);
char *tk_xstrndup(const char *s, size_t n);

/*
 * Growable arrays.  TK_GROW(p, cap, n) makes room for n elements in the
 * array p, which has room for cap (both lvalues, updated): when cap is
 * below n, the room becomes twice cap, or n when that is more, and at
 * least TK_GROW_MIN elements.  The elements already there are kept;
 * the new ones are not initialized.  The test is inline, so that a call
 * on a hot path costs a comparison when there is room.
 */
#define TK_GROW(p, cap, n) do { \
	if ((n) > (cap)) \
		(p) = tk_grow((p), &(cap), (n), sizeof(*(p))); \
} while (0)

#define TK_GROW_MIN 16

/* TK_GROW's slow path: returns the moved array and sets *cap. */
void *tk_grow(void *p, size_t *cap, size_t n, size_t size);

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

/* --------------------------------------------------------- case folding */

/* c in ASCII lower case: 'A' to 'Z' become 'a' to 'z', nothing else changes. */
static inline unsigned char
tk_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Whether a and b are equal ignoring ASCII case. */
int tk_equal_fold(const char *a, size_t an, const char *b, size_t bn);

/* Whether s (n bytes) is all ASCII, the fast path of the folds below. */
int tk_is_ascii(const char *s, size_t n);

/* What tk_ufold sets aside besides case. */
enum {
	TK_FOLD_MARKS = 1,  /* accents and other combining marks */
	TK_FOLD_SPACES = 2  /* kinds of space (as U+0020), and characters
			       that are ignorable by default (U+200B) */
};

/*
 * Appends s (n bytes) to out folded by utf8proc: case folded and in
 * composed form (NFC), so that the decomposed and the composed spelling
 * of a letter fold alike, and how (TK_FOLD_*) sets aside more.  Returns
 * 0, or -1 when s is not UTF-8 (out unchanged).
 */
int tk_ufold(const char *s, size_t n, int how, struct tk_buf *out);

/*
 * The order of text values: a and b compare first folded (case folded,
 * accents stripped, composed and decomposed alike), then as bytes, so
 * that "apfel" and an "Apfel" with an umlaut sort together and the order is total.
 * ASCII values take a path without utf8proc.
 */
int tk_collate(const char *a, size_t an, const char *b, size_t bn);

#endif
