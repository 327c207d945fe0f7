/* test_match.c - the PCRE2 wrapper: options, errors, stepping, limits. */
#include <stdlib.h>
#include <string.h>

#include "talks.h"
#include "unit.h"

static struct tk_matcher *
make(const char *pat, const struct tk_match_opts *o)
{
	struct tk_str s = { pat, strlen(pat) };
	struct tk_err e;

	return tk_matcher_new(&s, 1, o, &e);
}

/* Whether pat with options o matches subj (a C string). */
static int
test(const char *pat, const struct tk_match_opts *o, const char *subj)
{
	struct tk_matcher *m = make(pat, o);
	struct tk_err e;
	int r;

	if (m == NULL)
		return -2;
	r = tk_matcher_test(m, subj, strlen(subj), &e);
	tk_matcher_free(m);
	return r;
}

static void
test_options(void)
{
	struct tk_match_opts o = { 0 };

	check(test("trac", &o, "Distributed Tracing") == 0);
	o.caseless = 1;
	check(test("trac", &o, "Distributed Tracing") == 1);
	/* Case folding beyond ASCII. */
	check(test("élan", &o, "ÉLAN") == 1);
	check(test("straße", &o, "STRASSE") == 0);
	o.caseless = 0;
	o.smart_case = 1;
	check(test("tracing", &o, "TRACING") == 1);
	check(test("Tracing", &o, "TRACING") == 0);
	check(test("Élan", &o, "élan") == 0);
	/* Upper case in escapes and group names does not count. */
	check(test("\\Stracing", &o, "xTRACING") == 1);
	check(test("(?<Word>tracing)\\k<Word>", &o, "TRACINGtracing") == 1);
	check(test("\\p{Lu}racing", &o, "TRACING") == 1);
	check(test("(?P<W>t)(?P=W)", &o, "TT") == 1);
	check(test("(?'W't)\\k'W'", &o, "TT") == 1);
	/* Upper case in a lookahead is subject text. */
	check(test("(?=Tr)tracing", &o, "Tracing") == 0);
	check(test("(?<=A)b", &o, "ab") == 0);
	o.smart_case = 0;
	o.fixed = 1;
	check(test("a.b(", &o, "xa.b(y") == 1);
	check(test("a.b(", &o, "axb(") == 0);
	check(test("\\E*", &o, "x\\E*y") == 1);
	o.fixed = 0;
	o.word = 1;
	check(test("trac", &o, "tracing") == 0);
	check(test("tracing", &o, "a tracing tool") == 1);
	check(test("tracing", &o, "multi_tracing") == 0);
	check(test("café", &o, "un café noir") == 1);
	check(test("caf", &o, "un café noir") == 0);
	/* A later occurrence may be a word where the first is not. */
	check(test("tracing", &o, "tracings and tracing") == 1);
	o.word = 0;
	o.whole = 1;
	check(test("Alex Martelli", &o, "Alex Martelli") == 1);
	check(test("Alex Martelli", &o, "Alex Martelli\n") == 0);
	check(test("Alex", &o, "Alex Martelli") == 0);
	check(test("a|Alex Martelli", &o, "Alex Martelli") == 1);
	/* Start-of-pattern items stay in front when wrapping. */
	check(test("(*NO_JIT)(*UCP)a+", &o, "aaa") == 1);
}

static void
check_error(const char *pat, const struct tk_match_opts *o,
    unsigned long col, const char *msg)
{
	struct tk_str s[2] = { { "ok", 2 }, { pat, strlen(pat) } };
	struct tk_err e;
	struct tk_matcher *m = tk_matcher_new(s, 2, o, &e);

	check(m == NULL);
	tk_matcher_free(m);
	check(e.file != NULL && strcmp(e.file, "pattern") == 0);
	check(e.line == 2);
	check(e.col == col);
	check(strcmp(e.msg, msg) == 0);
	if (e.col != col || strcmp(e.msg, msg) != 0)
		printf("  got col %lu: %s\n", e.col, e.msg);
}

static void
test_errors(void)
{
	struct tk_match_opts o = { 0 };

	check_error("(abc", &o, 5, "missing closing parenthesis");
	check_error("ab)c", &o, 3, "unmatched closing parenthesis");
	check_error("*a", &o, 1,
	    "quantifier does not follow a repeatable item");
	/* Wrapping must not move the column or hide the error. */
	o.word = 1;
	check_error("(abc", &o, 5, "missing closing parenthesis");
	check_error("ab)c", &o, 3, "unmatched closing parenthesis");
	o.word = 0;
	o.whole = 1;
	check_error("a)|(b", &o, 2, "unmatched closing parenthesis");
	/* The pattern itself must be UTF-8. */
	check_error("a\xff", &o, 2, "UTF-8 error: illegal byte (0xfe or 0xff)");
}

/* Collects every match of m in subj as "so-eo," into out. */
static int
steps(struct tk_matcher *m, const char *subj, char *out, size_t size)
{
	struct tk_err e;
	size_t so, eo, len = 0;
	int rc;

	*out = '\0';
	tk_matcher_start(m, subj, strlen(subj));
	while ((rc = tk_matcher_next(m, &so, &eo, &e)) == 1)
		len += (size_t)snprintf(out + len, size - len, "%zu-%zu,", so,
		    eo);
	return rc;
}

static void
test_steps(void)
{
	struct tk_match_opts o = { 0 };
	struct tk_str pats[] = { { "ab", 2 }, { "b+c", 3 }, { "x*", 2 },
		{ "abcd", 4 } };
	struct tk_err e;
	struct tk_matcher *m = tk_matcher_new(pats, 4, &o, &e);
	char out[128];

	check(m != NULL);
	/* Leftmost first, longest at one place, never empty, no overlap. */
	check(steps(m, "abcd ab bbc xx", out, sizeof(out)) == 0);
	check(strcmp(out, "0-4,5-7,8-11,12-14,") == 0);
	check(steps(m, "", out, sizeof(out)) == 0 && *out == '\0');
	tk_matcher_free(m);

	m = tk_matcher_new(pats, 0, &o, &e);
	check(m != NULL);
	check(tk_matcher_test(m, "abc", 3, &e) == 0);
	check(steps(m, "abc", out, sizeof(out)) == 0 && *out == '\0');
	tk_matcher_free(m);
}

static void
test_invalid_utf8(void)
{
	struct tk_match_opts o = { 0 };
	struct tk_matcher *m = make("caf.", &o);
	static const char subj[] = "caf\xe9 caf\xc3\xa9 \xff\xfe caf";
	char out[128];

	check(m != NULL);
	check(tk_matcher_test(m, "caf\xe9", 4, NULL) == 0);
	check(steps(m, subj, out, sizeof(out)) == 0);
	check(strcmp(out, "5-10,") == 0);
	tk_matcher_free(m);
	o.word = 1;
	m = make("caf", &o);
	check(steps(m, subj, out, sizeof(out)) == 0);
	check(strcmp(out, "0-3,14-17,") == 0);
	tk_matcher_free(m);
}

static void
test_limit(void)
{
	struct tk_match_opts o = { 0 };
	struct tk_matcher *m;
	struct tk_err e;
	char subj[64];

	memset(subj, 'a', sizeof(subj) - 2);
	subj[sizeof(subj) - 2] = 'b';
	subj[sizeof(subj) - 1] = '\0';
	o.match_limit = 1000;
	m = make("(a+)+$", &o);
	check(tk_matcher_test(m, subj, strlen(subj), &e) == -1);
	check(e.file == NULL && strcmp(e.msg, "match limit exceeded") == 0);
	check(tk_matcher_test(m, "aaa", 3, &e) == 1);
	tk_matcher_free(m);
	/* The same without JIT. */
	m = make("(*NO_JIT)(a+)+$", &o);
	check(tk_matcher_test(m, subj, strlen(subj), &e) == -1);
	check(strcmp(e.msg, "match limit exceeded") == 0);
	tk_matcher_free(m);
}

int
main(void)
{
	test_options();
	test_errors();
	test_steps();
	test_invalid_utf8();
	test_limit();
	return unit_done();
}
