/* unit.h - a few lines of test harness for the unit tests of lib/. */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_pass, unit_fail;

/* Records one check; prints the failing ones with their place. */
#define check(cond) do { \
	if (cond) { \
		unit_pass++; \
	} else { \
		unit_fail++; \
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

/* Compares a byte string with a C string. */
#define check_str(s, n, want) check((n) == strlen(want) && \
	memcmp((s), (want), (n)) == 0)

/* A xorshift generator: the same numbers on every run, for a given seed. */
static unsigned long long unit_seed = 88172645463325252ULL;

static inline unsigned
rnd(unsigned n)
{
	unit_seed ^= unit_seed << 13;
	unit_seed ^= unit_seed >> 7;
	unit_seed ^= unit_seed << 17;
	return (unsigned)(unit_seed % n);
}

/*
 * How many rounds a randomized test runs: an eighth of N in make check, which
 * stays quick; N with TALKS_DEEP set (make check-deep, which CI runs);
 * a tenth of N under a wrapper such as valgrind (TALKS_WRAPPER set by
 * tests/run.sh), where every round costs fifty times more and the same
 * code is reached by fewer of them.
 */
static inline int
unit_rounds(int n)
{
	const char *w = getenv("TALKS_WRAPPER");
	const char *d = getenv("TALKS_DEEP");

	if (w && *w)
		return n / 10;
	return d && *d ? n : n / 8;
}

static int
unit_done(void)
{
	printf("%d passed, %d failed\n", unit_pass, unit_fail);
	return unit_fail != 0;
}

#endif
