/*
 * match.c - libFuzzer target for the grep matcher.
 *
 * The first byte holds the options; the bytes up to the first NUL are
 * the patterns, one a line; the rest is the subject.  Matches stepped
 * through must lie in the subject, be non-empty, in order and apart,
 * and there must be one exactly when tk_matcher_test says so.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "talks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXPATS 4

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_match_opts o;
	struct tk_str pats[MAXPATS];
	struct tk_matcher *m;
	struct tk_err e;
	const char *p, *end, *nul;
	size_t npats = 0, so, eo, last = 0, n;
	int t, rc, any = 0;

	if (size < 1)
		return 0;
	memset(&o, 0, sizeof(o));
	o.caseless = data[0] & 1;
	o.smart_case = data[0] & 2;
	o.fixed = data[0] & 4;
	o.word = data[0] & 8;
	o.whole = data[0] & 16;
	o.match_limit = 20000;
	p = (const char *)data + 1;
	end = (const char *)data + size;
	nul = memchr(p, '\0', (size_t)(end - p));
	if (nul == NULL)
		return 0;
	while (p < nul && npats < MAXPATS) {
		const char *nl = memchr(p, '\n', (size_t)(nul - p));
		const char *q = nl ? nl : nul;
		pats[npats].p = p;
		pats[npats].n = (size_t)(q - p);
		npats++;
		p = q + 1;
	}
	if ((m = tk_matcher_new(pats, npats, &o, &e)) == NULL) {
		if (e.file == NULL || e.line < 1 || e.line > npats)
			abort();
		return 0;
	}
	p = nul + 1;
	n = (size_t)(end - p);
	t = tk_matcher_test(m, p, n, &e);
	tk_matcher_start(m, p, n);
	while ((rc = tk_matcher_next(m, &so, &eo, &e)) == 1) {
		if (so >= eo || eo > n || so < last)
			abort();
		last = eo;
		any = 1;
	}
	/* An empty match counts for the test but is not stepped through. */
	if (t == 0 && any)
		abort();
	tk_matcher_free(m);
	return 0;
}
