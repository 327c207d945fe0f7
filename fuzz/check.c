/*
 * check.c - libFuzzer target for the rules of talks check.
 *
 * The input is a CSV file, read with every rule on (a gap, a --max and
 * an --allow too).  Whatever it holds, each problem must be one line of
 * text without control characters, name a line of the file, and come in
 * order; a problem between two talks must name the other.  The parts the
 * rules are made of get the bytes too: the email check, the folding of
 * names (never longer than its input) and the count of characters
 * (never more than the bytes).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
parts(const char *s, size_t n, struct tk_chars *chars)
{
	char *out = malloc(n + 1);

	if (out == NULL)
		abort();
	if (tk_fold_text(s, n, out) > n)
		abort();
	if (tk_chars_count(chars, s, n) > n)
		abort();
	(void)tk_email_problem(s, n);
	free(out);
}

static void
check_problems(const struct tk_checker *k, unsigned long lines)
{
	struct tk_problem p, q;

	for (size_t i = 0; i < tk_check_count(k); i++) {
		tk_check_get(k, i, &p);
		if (p.line < 2 || p.line > lines || p.rule < 0 ||
		    p.rule >= TK_NRULES || p.msg.n == 0)
			abort();
		for (size_t j = 0; j < p.msg.n; j++)
			if ((unsigned char)p.msg.p[j] < 0x20 ||
			    p.msg.p[j] == 0x7f)
				abort();
		if ((p.rule == TK_RULE_ROOM_OVERLAP ||
		    p.rule == TK_RULE_SPEAKER_OVERLAP ||
		    p.rule == TK_RULE_DUPLICATE) && (!p.has_other ||
		    p.other_line < 2 || p.other_line > lines))
			abort();
		if (i > 0) {
			tk_check_get(k, i - 1, &q);
			if (q.line > p.line || (q.line == p.line &&
			    q.rule > p.rule))
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct tk_str allowed[] = { { "Web", 3 }, { "Data", 4 } };
	static const size_t require[] = { TK_TITLE, TK_SPEAKER, TK_ABSTRACT };
	struct tk_check_max max = { TK_TITLE, 10 };
	struct tk_check_allow allow = { TK_TRACK, allowed, 2 };
	struct tk_check_opts o = { TK_RULES_ALL, 600, require, 3, &max, 1,
		&allow, 1 };
	struct tk_inopts in = { .dialect = TK_CSV, .delim = ',',
	    .max_record = 1 << 20 };
	struct tk_checker *k;
	struct tk_reader *r;
	struct tk_record rec;
	struct tk_chars *chars;
	struct tk_err e;
	char path[64], *paths[1] = { path };
	unsigned long lines = 1;
	int fd = memfd_create("fuzz", 0), rc;

	if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size))
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((chars = tk_chars_new(&e)) == NULL)
		abort();
	parts((const char *)data, size, chars);
	tk_chars_free(chars);
	/* A line ends at CR LF, LF or CR: the last line a record may start. */
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size ||
		    data[i + 1] != '\n')))
			lines++;
	r = tk_open(paths, 1, &in);
	if ((k = tk_check_new(r, &o, &e)) == NULL)
		abort();
	while ((rc = tk_read(r, &rec, &e)) != 0)
		if (rc > 0)
			tk_check_add(k, &rec);
	tk_check_end(k);
	check_problems(k, lines);
	tk_check_free(k);
	tk_close(r);
	close(fd);
	return 0;
}
