/*
 * scan.h - the scan kernels: loops that find bytes in a buffer, shared
 * by the fast reader (lib/read/fast.c) and the text writers
 * (lib/write/utf8.c).  The portable kernels use memchr and eight bytes
 * at a time; the vector kernels (scan_avx2.c) compare 32 bytes at a
 * time with AVX2, where the CPU has it.  Which set runs is chosen by the
 * caller, so that tests can run both on the same input.
 */
#ifndef TALKS_SCAN_H
#define TALKS_SCAN_H

#include <stddef.h>

struct scan_ops {
	/* The index of the first delim, CR or LF in p[0 .. n), or n. */
	size_t (*unquoted)(const char *p, size_t n, int delim);
	/*
	 * In a quoted field's text p[0 .. n): the index of the first '"'
	 * not followed by another (one at p[n - 1] counts), or n.  Sets
	 * *pairs when "" came before it, and adds to *lines the line ends
	 * before it (CR, LF, CRLF each one; p[-1] is no CR).
	 */
	size_t (*quoted)(const char *p, size_t n, unsigned long *lines,
	    int *pairs);
	/*
	 * Writes v (n bytes of a quoted field's text) to dst with each ""
	 * made one '"'; returns the length.  It may write UNDOUBLE_SLACK
	 * bytes past the end.
	 */
	size_t (*undouble)(char *dst, const char *v, size_t n);
	/*
	 * The length of the longest prefix of p[0 .. n) made of printable
	 * ASCII (0x20 to 0x7f) other than '"' and '\\': text that the
	 * writers of JSON and UTF-8 copy as it is.
	 */
	size_t (*ascii_run)(const char *p, size_t n);
	/*
	 * The index of the first byte from 0x80 on in p[0 .. n), or n: where
	 * the reader's UTF-8 check must look closer.
	 */
	size_t (*ascii)(const char *p, size_t n);
};

#define UNDOUBLE_SLACK 64

extern const struct scan_ops scan_portable;

/* The vector kernels, or NULL when the CPU or the build lacks them. */
const struct scan_ops *scan_vector(void);

/* The vector kernels when vector is set and the CPU has them, else portable. */
const struct scan_ops *scan_ops(int vector);

#endif
