/*
 * prefilter.c - libFuzzer target for grep's raw-record test.
 *
 * The first byte holds the options (bits 0-2: -i, -S, -F; bits 3-4: the
 * dialect, comma, TSV or semicolon); the bytes up to the first NUL are
 * the patterns, one a line; the rest is the file.  The file is read on
 * the fast paths, in whole and in 64-byte chunks, with the matcher's raw
 * test as the reader's prefilter and without it, and grep's view must
 * be the same: the same selected records at the same lines, marked the
 * same (tsv_sign), the same error at the same line and column.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "talks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXPATS 4

static int
raw_test(void *ctx, const char *p, size_t n, int delim)
{
	return tk_matcher_raw(ctx, p, n, delim);
}

/* A digest of what grep sees: selected records and errors. */
struct view {
	unsigned long long sum;
	size_t nsel, nerr;
};

static void
mix(struct view *v, unsigned long long x)
{
	v->sum = (v->sum ^ x) * 1099511628211ULL;
}

/* Reads path on a path, in chunks of chunk bytes (0: the default). */
static void
read_view(const char *path, const struct tk_inopts *opts, enum tk_path how,
    size_t chunk, struct tk_matcher *m, int pre, struct view *v)
{
	char *paths[1] = { (char *)path };
	struct tk_inopts o = *opts;
	struct tk_reader *r;
	struct tk_record rec;
	struct tk_err e;
	int rc;

	o.path = how;
	o.chunk = chunk;
	r = tk_open(paths, 1, &o);
	memset(v, 0, sizeof(*v));
	if (pre)
		tk_set_prefilter(r, raw_test, m);
	while ((rc = tk_read(r, &rec, &e)) != 0) {
		if (rc < 0) {
			v->nerr++;
			mix(v, e.line);
			mix(v, e.col);
			for (const char *s = e.msg; *s; s++)
				mix(v, (unsigned char)*s);
			continue;
		}
		int sel = 0;
		for (size_t c = 0; c < rec.nf && !sel; c++)
			sel = tk_matcher_test(m, rec.f[c].p, rec.f[c].n, &e);
		if (sel == 0)
			continue;
		v->nsel++;
		mix(v, rec.line);
		mix(v, (unsigned long long)sel);
		mix(v, (unsigned long long)rec.tsv_sign);
	}
	tk_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum tk_path fast[] = { TK_PATH_PORTABLE,
		TK_PATH_VECTOR };
	struct tk_match_opts mo;
	struct tk_inopts io;
	struct tk_str pats[MAXPATS];
	struct tk_matcher *m;
	struct tk_err e;
	const char *p, *end, *nul;
	size_t npats = 0;
	char path[64];
	int fd;

	if (size < 1)
		return 0;
	memset(&mo, 0, sizeof(mo));
	mo.caseless = data[0] & 1;
	mo.smart_case = data[0] & 2;
	mo.fixed = data[0] & 4;
	memset(&io, 0, sizeof(io));
	io.dialect = (data[0] >> 3 & 3) == 1 ? TK_TSV : TK_CSV;
	io.delim = (data[0] >> 3 & 3) == 2 ? ';' : ',';
	p = (const char *)data + 1;
	end = (const char *)data + size;
	if ((nul = memchr(p, '\0', (size_t)(end - p))) == NULL)
		return 0;
	while (p <= nul && npats < MAXPATS) {
		const char *nl = memchr(p, '\n', (size_t)(nul - p));
		const char *stop = nl ? nl : nul;
		pats[npats].p = p;
		pats[npats].n = (size_t)(stop - p);
		npats++;
		p = stop + 1;
	}
	if ((m = tk_matcher_new(pats, npats, &mo, &e)) == NULL)
		return 0;
	if (!tk_matcher_has_raw(m)) {
		tk_matcher_free(m);
		return 0;
	}
	if ((fd = memfd_create("fuzz", 0)) < 0 || (end - nul - 1 > 0 &&
	    write(fd, nul + 1, (size_t)(end - nul - 1)) != end - nul - 1))
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	for (size_t chunk = 0; chunk <= 64; chunk += 64) {
		for (size_t i = 0; i < sizeof(fast) / sizeof(fast[0]); i++) {
			struct view a, b;
			read_view(path, &io, fast[i], chunk, m, 0, &a);
			read_view(path, &io, fast[i], chunk, m, 1, &b);
			if (a.sum != b.sum || a.nsel != b.nsel ||
			    a.nerr != b.nerr)
				abort();
		}
	}
	close(fd);
	tk_matcher_free(m);
	return 0;
}
