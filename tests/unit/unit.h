/* unit.h - a few lines of test harness for the unit tests of lib/. */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
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

static int
unit_done(void)
{
	printf("%d passed, %d failed\n", unit_pass, unit_fail);
	return unit_fail != 0;
}

#endif
