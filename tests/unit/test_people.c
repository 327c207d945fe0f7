/* test_people.c - the records of speakers files, found by id or name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "talks.h"
#include "unit.h"

#define NCOL (TK_NCANON + 1)

static const struct tk_str none = { "", 0 };

static void
add(struct tk_people *pp, const char *id, const char *name,
    const char *email, unsigned long line)
{
	struct tk_str f[NCOL];
	struct tk_record rec = { f, NCOL, "s.csv", line, 0, 0, 0 };

	for (size_t c = 0; c < NCOL; c++)
		f[c] = none;
	f[TK_ID].p = id;
	f[TK_ID].n = strlen(id);
	f[TK_SPEAKER].p = name;
	f[TK_SPEAKER].n = strlen(name);
	f[TK_EMAIL].p = email;
	f[TK_EMAIL].n = strlen(email);
	tk_people_add(pp, &rec);
}

static size_t
by_name(const struct tk_people *pp, const char *name, size_t *found)
{
	struct tk_str n = { name, strlen(name) };

	return tk_people_find(pp, NULL, &n, found);
}

static size_t
by_id(const struct tk_people *pp, const char *id, size_t *found)
{
	struct tk_str v = { id, strlen(id) };

	return tk_people_find(pp, &v, &none, found);
}

int
main(void)
{
	struct tk_people *pp = tk_people_new(NCOL);
	size_t found[2] = { 99, 99 };
	unsigned long line = 0;

	add(pp, "K3PWRV", "Ines Varga", "ines@example.org", 2);
	add(pp, "", "José Núñez", "jose@example.org", 3);
	add(pp, "M4QJDS", "Sam Park", "sam@example.org", 4);
	add(pp, "P0DFAX", "SAM  PARK", "sam2@example.org", 5);
	add(pp, "", "", "nobody@example.org", 6);
	tk_people_index(pp);
	check(tk_people_count(pp) == 5);

	/* Names fold: case, accents, white space. */
	check(by_name(pp, "ines varga", found) == 1 && found[0] == 0);
	check(by_name(pp, "JOSE NUNEZ", found) == 1 && found[0] == 1);
	check(by_name(pp, "Jose\xcc\x81 Nu\xcc\x83nez", found) == 1);
	check(by_name(pp, " InesVarga ", found) == 1);
	/* Two records of one name: both counted, in input order. */
	check(by_name(pp, "Sam Park", found) == 2 && found[0] == 2 &&
	    found[1] == 3);
	check(by_name(pp, "Samuel Park", found) == 0);
	/* An empty name matches no record, not the record without one. */
	check(by_name(pp, "  ", found) == 0);

	/* Ids compare as written, blanks around aside. */
	check(by_id(pp, " K3PWRV ", found) == 1 && found[0] == 0);
	check(by_id(pp, "k3pwrv", found) == 0);
	check(by_id(pp, "P0DFAX", found) == 1 && found[0] == 3);
	check(by_id(pp, "", found) == 0);

	check_str(tk_people_value(pp, 1, TK_EMAIL)->p,
	    tk_people_value(pp, 1, TK_EMAIL)->n, "jose@example.org");
	check(tk_people_value(pp, 1, NCOL + 5)->n == 0);
	check(strcmp(tk_people_file(pp, 3, &line), "s.csv") == 0 &&
	    line == 5);
	tk_people_free(pp);
	return unit_done();
}
