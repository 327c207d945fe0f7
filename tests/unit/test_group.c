/* test_group.c - grouping: folded names, counts, order, stored members. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "talks.h"
#include "select/internal.h"
#include "unit.h"

static size_t
add(struct tk_groups *g, const char *name)
{
	size_t i = 0;

	tk_groups_next(g, NULL);
	tk_groups_add(g, name, strlen(name), &i);
	return i;
}

/* The grouping key of s, as a string to compare. */
static void
check_fold(const char *s, const char *want)
{
	struct tk_buf b = { 0 };

	tk_group_fold(s, strlen(s), &b);
	check_str(b.n ? b.p : "", b.n, want);
	tk_buf_free(&b);
}

static void
test_fold(void)
{
	check_fold(" Scalable \t Python\r\n", "scalablepython");
	check_fold("", "");
	check_fold("/ETC", "/etc");
	/* Every script folds case; decomposed letters fold as composed. */
	check_fold("Michał Żygowski", "michałżygowski");
	check_fold("ZOË", "zoë");
	check_fold("Zoe\xcc\x88", "zoë");
	check_fold("ΣΟΦΊΑ", "σοφία");
	check_fold("Straße", "strasse");
	/* Accents are kept: they tell names apart. */
	check_fold("Zoe", "zoe");
	/* Bytes that are not UTF-8 stay as they are. */
	check_fold("A\xff", "a\xff");
}

/* The order of text: folded without accents first, then bytes. */
static void
test_collate(void)
{
	static const char *const order[] = { "Apfel", "apfel", "Äpfel",
		"äpfel", "Apple", "Zeta", "zeta", "Zoe\xcc\x88", "Zoë",
		"\xff" };
	size_t n = sizeof(order) / sizeof(order[0]);

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int c = tk_collate(order[i], strlen(order[i]),
			    order[j], strlen(order[j]));
			check(i < j ? c < 0 : i > j ? c > 0 : c == 0);
		}
}

static void
test_same(void)
{
	struct tk_groups *g = tk_groups_new(NULL, NULL, 0);
	struct tk_str v;
	size_t a = add(g, "  Scalable Python ");

	check(a == 0);
	check(add(g, "scalable python") == a);
	check(add(g, "SCALABLE\n  PYTHON") == a);
	check(add(g, "ScalablePython") == a);
	check(add(g, "Scalable-Python") != a);
	check(add(g, "Scalable Pythons") != a);
	check(add(g, "Scalable Pytho") != a);
	check(add(g, "SCALABLE PYTHON") == a);
	check(tk_groups_count(g) == 4);
	check(tk_groups_size(g, a) == 5);
	/* Case of every script, and decomposed accents, group together. */
	size_t z = add(g, "Zoë Über");
	check(add(g, "ZOE\xcc\x88 über") == z);
	check(add(g, "zoe uber") != z);
	/* A letter and a mark after it are one letter: never cut apart. */
	size_t e = add(g, "é");
	check(add(g, "e\xcc\x81") == e);
	check(add(g, "xe\xcc\x81") != e);
	v = tk_groups_name(g, a);
	check_str(v.p, v.n, "Scalable Python");
	tk_groups_free(g);
}

static void
test_none(void)
{
	struct tk_groups *g = tk_groups_new(NULL, NULL, 0);
	size_t none = add(g, "");
	size_t *ix;
	struct tk_str v;

	check(add(g, " \t ") == none);
	check(add(g, "b") != none);
	check(add(g, "a") != none);
	check(tk_groups_size(g, none) == 2);
	v = tk_groups_name(g, none);
	check(v.n == 0);
	ix = tk_groups_order(g, TK_ORDER_INPUT, TK_TRACK);
	check(ix[0] == 1 && ix[1] == 2 && ix[2] == none);
	free(ix);
	ix = tk_groups_order(g, TK_ORDER_NAME, TK_TRACK);
	check(ix[0] == 2 && ix[1] == 1 && ix[2] == none);
	free(ix);
	tk_groups_free(g);
}

/* A record joins a group once however often it is named. */
static void
test_once(void)
{
	struct tk_groups *g = tk_groups_new(NULL, NULL, 0);
	size_t i;

	tk_groups_next(g, NULL);
	check(tk_groups_add(g, "Ann", 3, &i) == 1);
	check(tk_groups_add(g, "ann", 3, NULL) == 0);
	check(tk_groups_add(g, "Bob", 3, NULL) == 1);
	tk_groups_next(g, NULL);
	check(tk_groups_add(g, "ANN", 3, NULL) == 1);
	check(tk_groups_size(g, i) == 2);
	check(tk_groups_intern(g, "Cid", 3) == 2);
	check(tk_groups_size(g, 2) == 0);
	tk_groups_free(g);
}

static void
test_order(void)
{
	static const char *const names[] = { "web", "Data", "web", "b10",
		"Web", "b9", "data", "Zed" };
	struct tk_groups *g = tk_groups_new(NULL, NULL, 0);
	size_t *ix;
	struct tk_str v;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		add(g, names[i]);
	/* web 3, Data 2, b10 1, b9 1, Zed 1 */
	ix = tk_groups_order(g, TK_ORDER_COUNT, TK_TRACK);
	v = tk_groups_name(g, ix[0]);
	check_str(v.p, v.n, "web");
	v = tk_groups_name(g, ix[1]);
	check_str(v.p, v.n, "Data");
	v = tk_groups_name(g, ix[2]);
	check_str(v.p, v.n, "b10");
	v = tk_groups_name(g, ix[4]);
	check_str(v.p, v.n, "Zed");
	free(ix);
	ix = tk_groups_order(g, TK_ORDER_NAME, TK_TRACK);
	v = tk_groups_name(g, ix[0]);
	check_str(v.p, v.n, "b10");
	v = tk_groups_name(g, ix[2]);
	check_str(v.p, v.n, "Data");
	v = tk_groups_name(g, ix[4]);
	check_str(v.p, v.n, "Zed");
	free(ix);
	/* Numbers in a day compare as numbers. */
	ix = tk_groups_order(g, TK_ORDER_NAME, TK_DAY);
	v = tk_groups_name(g, ix[0]);
	check_str(v.p, v.n, "b9");
	free(ix);
	tk_groups_free(g);
}

/* Many groups: each name is found again, none is lost in the table. */
static void
test_many(void)
{
	struct tk_groups *g = tk_groups_new(NULL, NULL, 0);
	char name[32];
	int ok = 1;

	for (int round = 0; round < 2; round++)
		for (int k = 0; k < 50000; k++) {
			int n = snprintf(name, sizeof(name), "Track %d", k);
			tk_groups_next(g, NULL);
			size_t i;
			tk_groups_add(g, name, (size_t)n, &i);
			ok &= i == (size_t)k;
		}
	check(ok);
	check(tk_groups_count(g) == 50000);
	check(tk_groups_size(g, 49999) == 2);
	tk_groups_free(g);
}

/* Stored members: grouped in input order, then sorted within groups. */
static void
test_members(void)
{
	char *paths[] = { "testdata/pybay2016.csv" };
	struct tk_inopts in = { .dialect = TK_AUTO };
	struct tk_reader *r = tk_open(paths, 1, &in);
	size_t cols[] = { TK_TITLE, TK_LEVEL }, keys[] = { TK_TITLE };
	struct tk_groups *g = tk_groups_new(r, cols, 2);
	struct tk_record rec;
	struct tk_err e;
	size_t *ix, n = 0;

	while (tk_read(r, &rec, &e) == 1) {
		tk_groups_next(g, &rec);
		tk_groups_add(g, rec.f[TK_TRACK].p, rec.f[TK_TRACK].n, NULL);
		n++;
	}
	check(n == 16);
	ix = tk_groups_order(g, TK_ORDER_COUNT, TK_TRACK);
	struct tk_str v = tk_groups_name(g, ix[0]);
	check_str(v.p, v.n, "Fundamentals");
	check(tk_groups_size(g, ix[0]) == 5);
	tk_groups_member(g, ix[0], 0, &rec);
	check_str(rec.f[TK_TITLE].p, rec.f[TK_TITLE].n,
	    "\"Good Enough\" IS Good Enough!");
	check(rec.f[TK_TRACK].n == 0);
	check(rec.line == 3);
	tk_groups_member(g, ix[0], 4, &rec);
	check_str(rec.f[TK_TITLE].p, rec.f[TK_TITLE].n,
	    "Beautiful Documentation Oriented Programming");
	tk_groups_sort(g, keys, 1, 0);
	tk_groups_member(g, ix[0], 0, &rec);
	check_str(rec.f[TK_TITLE].p, rec.f[TK_TITLE].n,
	    "\"Good Enough\" IS Good Enough!");
	tk_groups_member(g, ix[0], 1, &rec);
	check_str(rec.f[TK_TITLE].p, rec.f[TK_TITLE].n,
	    "Beautiful Documentation Oriented Programming");
	tk_groups_member(g, ix[0], 4, &rec);
	check_str(rec.f[TK_TITLE].p, rec.f[TK_TITLE].n,
	    "The Tower of Abstraction");
	check_str(rec.f[TK_LEVEL].p, rec.f[TK_LEVEL].n, "Intermediate");
	tk_groups_sort(g, keys, 1, 1);
	tk_groups_member(g, ix[0], 0, &rec);
	check_str(rec.f[TK_TITLE].p, rec.f[TK_TITLE].n,
	    "The Tower of Abstraction");
	free(ix);
	tk_groups_free(g);
	tk_close(r);
}

int
main(void)
{
	test_fold();
	test_collate();
	test_same();
	test_none();
	test_once();
	test_order();
	test_many();
	test_members();
	return unit_done();
}
