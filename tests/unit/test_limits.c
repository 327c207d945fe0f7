/* test_limits.c - the record limit, and columns of hostile headers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "talks.h"
#include "unit.h"

static char dir[] = "/tmp/talks-limits-XXXXXX";
static char path[256];

/* Writes head, then n bytes of c, then tail, to the test file. */
static char *
make(const char *head, int c, size_t n, const char *tail)
{
	FILE *fp;

	snprintf(path, sizeof(path), "%s/t.csv", dir);
	fp = fopen(path, "wb");
	fputs(head, fp);
	for (size_t i = 0; i < n; i++)
		fputc(c, fp);
	fputs(tail, fp);
	fclose(fp);
	return path;
}

/* Reads every record with limit max: records read, first error in e. */
static int
count(char *p, size_t max, struct tk_err *e, int *errors)
{
	struct tk_inopts o = { .dialect = TK_CSV, .delim = ',',
	    .max_record = max };
	struct tk_reader *r = tk_open(&p, 1, &o);
	struct tk_record rec;
	struct tk_err e1;
	int rc, n = 0;

	*errors = 0;
	memset(e, 0, sizeof(*e));
	while ((rc = tk_read(r, &rec, &e1)) != 0) {
		if (rc > 0) {
			n++;
		} else if ((*errors)++ == 0) {
			*e = e1;
			e->file = NULL; /* it points into the reader */
		}
	}
	tk_close(r);
	return n;
}

int
main(void)
{
	struct tk_err e;
	int n, errs;

	if (mkdtemp(dir) == NULL)
		return 1;

	/* A field of exactly the limit passes; one byte more does not. */
	n = count(make("title\nA\n", 'x', 1000 - 1, "\nB\n"), 1000, &e, &errs);
	check(n == 3 && errs == 0);
	n = count(make("title\nA\n", 'x', 1001, "\nB\n"), 1000, &e, &errs);
	check(n == 1 && errs == 1 && e.line == 3);
	check(strstr(e.msg, "larger than 1000 bytes or 62 fields") != NULL);

	/* Quoted, and running to the end: the line where it starts. */
	n = count(make("title\nA\n\"", 'x', 5000, "\n"), 1000, &e, &errs);
	check(n == 1 && errs == 1 && e.line == 3);

	/* Many empty fields count against the limit too. */
	n = count(make("title\nA", ',', 61, "\n"), 1000, &e, &errs);
	check(n == 1 && errs == 0);
	n = count(make("title\nA", ',', 62, "\n"), 1000, &e, &errs);
	check(n == 0 && errs == 1 && e.line == 2);

	/* A first line with no end is not read whole before the limit. */
	n = count(make("", 'x', 300000, ""), 1000, &e, &errs);
	check(n == 0 && errs == 1 && e.line == 1);
	check(strstr(e.msg, "larger than") != NULL);

	/* A header that is only delimiters: no title, and no crash. */
	n = count(make("", ',', 3, "\nA,b,c,d\n"), 0, &e, &errs);
	check(n == 0 && errs == 1 && strstr(e.msg, "no title") != NULL);

	/* A NUL in a header name. */
	n = count(make("title,sp", '\0', 1, "eaker\nA,b\n"), 0, &e, &errs);
	check(n == 0 && errs == 1 && strstr(e.msg, "NUL byte in column "
	    "name 2") != NULL);

	/* A field's own name takes the field before an alias of it does. */
	{
		char *p = make("title,speaker bio,bio\nA,long,short\n", 0, 0, "");
		struct tk_inopts o = { .dialect = TK_AUTO };
		struct tk_reader *r = tk_open(&p, 1, &o);
		struct tk_record rec;
		long c = tk_find_col(r, "speaker bio", 11);

		check(tk_read(r, &rec, &e) == 1);
		check_str(rec.f[TK_BIO].p, rec.f[TK_BIO].n, "short");
		check(c >= TK_NCANON);
		if (c >= TK_NCANON)
			check_str(rec.f[c].p, rec.f[c].n, "long");
		check(strcmp(tk_colname(r, (size_t)c), "speaker bio") == 0);
		tk_close(r);
	}

	unlink(path);
	rmdir(dir);
	return unit_done();
}
