/*
 * test_tsvform.c - the two forms of TSV (talks(5)): which one a file is
 * read in, --tsv-escapes, and the records that show the spreadsheet form
 * in a file read as escaped because its first part did not.  Every file
 * is read on every path, whole and in small chunks, and all must agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "talks.h"
#include "unit.h"
#include "files.h"
#include "gen.h"

static const size_t cols2[] = { TK_TITLE, TK_ABSTRACT };

/*
 * Reads path into out, "title|abstract" a record, with " S" after a
 * record that shows a sign; want: only title and abstract are decoded.
 */
static void
read_one(const char *path, enum tk_tsv_escapes esc, enum tk_path how,
    size_t chunk, int want, struct tk_buf *out)
{
	char *paths[] = { (char *)path };
	struct tk_inopts o = { .dialect = TK_AUTO, .tsv_escapes = esc,
	    .path = how, .chunk = chunk };
	struct tk_reader *r = tk_open(paths, 1, &o);
	struct tk_record rec;
	struct tk_err e;
	int rc;

	if (want)
		tk_want_cols(r, cols2, 2);
	out->n = 0;
	tk_buf_add(out, "", 0);
	while ((rc = tk_read(r, &rec, &e)) != 0) {
		if (rc < 0) {
			putf(out, "E %lu: %s\n", e.line, e.msg);
			continue;
		}
		tk_buf_add(out, rec.f[TK_TITLE].p, rec.f[TK_TITLE].n);
		tk_buf_add(out, "|", 1);
		tk_buf_add(out, rec.f[TK_ABSTRACT].p, rec.f[TK_ABSTRACT].n);
		if (rec.tsv_sign)
			putf(out, " S %lu", rec.line);
		tk_buf_add(out, "\n", 1);
	}
	tk_close(r);
}

/*
 * Reads data as a file name on the plain path into out; every other
 * path and chunk size must give the same.
 */
static void
read_tsv(const char *name, const char *data, size_t n,
    enum tk_tsv_escapes esc, int want, struct tk_buf *out)
{
	static const size_t chunks[] = { 0, 5, 64 };
	char *path = file(name, data, n);
	struct tk_buf got = { 0 };

	read_one(path, esc, TK_PATH_PLAIN, 0, want, out);
	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		for (int p = TK_PATH_PORTABLE; p <= TK_PATH_VECTOR; p++) {
			read_one(path, esc, (enum tk_path)p, chunks[c], want,
			    &got);
			check(got.n == out->n && memcmp(got.p, out->p,
			    got.n) == 0);
		}
	}
	free(got.p);
}

#define ADD(b, s) tk_buf_add(b, s, sizeof(s) - 1)

/* Small files, read whole before their first record. */
static const struct {
	const char *in;
	enum tk_tsv_escapes esc;
	const char *want;   /* title|abstract of each record */
} cases[] = {
	/* As talks writes it: escapes, and quotes only before a '"'. */
	{ "title\tabstract\nTab\\there\t\"\"\"Quoted\"\" start\"\n"
	    "back\\\\slash\tline\\none\\r\n", TK_ESC_AUTO,
	    "Tab\there|\"Quoted\" start\nback\\slash|line\none\r\n" },
	/* A record of one empty field is written "": no sign either. */
	{ "title\n\"\"\nTab\\there\n", TK_ESC_AUTO, "|\nTab\there|\n" },
	/* Off: as written. */
	{ "title\tabstract\nTab\\there\tC:\\\\x\n", TK_ESC_OFF,
	    "Tab\\there|C:\\\\x\n" },
	/* \f starts no escape: every backslash is kept. */
	{ "title\tabstract\nSpin\t$\\nu \\rangle$\n"
	    "Paths\tC:\\new\\temp and \\frac{a}{b}\n", TK_ESC_AUTO,
	    "Spin|$\\nu \\rangle$\nPaths|C:\\new\\temp and \\frac{a}{b}\n" },
	/* The same with on: escapes decoded all the same. */
	{ "title\tabstract\nSpin\t$\\nu$ \\frac\n", TK_ESC_ON,
	    "Spin|$\nu$ \\frac\n" },
	/* Where the guess is wrong, off says so. */
	{ "title\tabstract\nSpin\t$\\nu$\n", TK_ESC_AUTO, "Spin|$\nu$\n" },
	{ "title\tabstract\nSpin\t$\\nu$\n", TK_ESC_OFF, "Spin|$\\nu$\n" },
	/* A backslash at the end of a field, and before a quote. */
	{ "title\tabstract\nC:\\\tx\\n\n", TK_ESC_AUTO, "C:\\|x\\n\n" },
	{ "title\tabstract\n\"\"\"q\\\"\"\"\tx\\n\n", TK_ESC_AUTO,
	    "\"q\\\"|x\\n\n" },
	/* Quoted fields that talks does not write. */
	{ "title\tabstract\n\"Two\nlines\"\tC:\\new\n", TK_ESC_AUTO,
	    "Two\nlines|C:\\new\n" },
	{ "title\tabstract\n\"He said \"\"hi\"\"\"\tC:\\new\n", TK_ESC_AUTO,
	    "He said \"hi\"|C:\\new\n" },
	{ "title\tabstract\n\"\"\"a\"\"\tb\"\tC:\\new\n", TK_ESC_AUTO,
	    "\"a\"\tb|C:\\new\n" },
};

static void
test_small(void)
{
	struct tk_buf out = { 0 };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char name[32];
		snprintf(name, sizeof(name), "small%zu.tsv", i);
		read_tsv(name, cases[i].in, strlen(cases[i].in), cases[i].esc,
		    0, &out);
		check_str(out.p, out.n, cases[i].want);
		if (out.n != strlen(cases[i].want) || memcmp(out.p,
		    cases[i].want, out.n) != 0)
			printf("case %zu: %.*s\n", i, (int)out.n, out.p);
	}
	free(out.p);
}

/*
 * A header and filler records up to byte at, where the next record
 * starts; *line is its line.
 */
static void
filler(struct tk_buf *b, const char *header, size_t at, unsigned long *line)
{
	b->n = 0;
	tk_buf_add(b, header, strlen(header));
	*line = 2;
	while (b->n + 100 < at) {
		putf(b, "filler\tsome text with an escape\\tin it\n");
		++*line;
	}
	/* One more record that ends right before at. */
	tk_buf_add(b, "pad\t", 4);
	while (b->n + 1 < at)
		tk_buf_add(b, "x", 1);
	tk_buf_add(b, "\n", 1);
	++*line;
}

static void
test_look(void)
{
	struct tk_buf in = { 0 }, out = { 0 };
	unsigned long line;
	char want[96];

	/* A sign in a field that ends at the last byte looked at. */
	filler(&in, "title\tabstract\n", TK_TSV_LOOK - 11, &line);
	ADD(&in, "last\t\\frac\n");
	check(in.n == TK_TSV_LOOK);
	ADD(&in, "then\tTab\\there\n");
	read_tsv("look1.tsv", in.p, in.n, TK_ESC_AUTO, 0, &out);
	check(strstr(out.p, "then|Tab\\there\n") != NULL);
	check(strstr(out.p, " S ") == NULL);

	/* One byte later: the escaped form, and a warning at its line. */
	filler(&in, "title\tabstract\n", TK_TSV_LOOK - 10, &line);
	ADD(&in, "last\t\\frac\n");
	ADD(&in, "then\tTab\\there\n");
	ADD(&in, "\"again\"\tx\n");
	read_tsv("look2.tsv", in.p, in.n, TK_ESC_AUTO, 0, &out);
	snprintf(want, sizeof(want), "last|\\frac S %lu\nthen|Tab\there\n"
	    "again|x S %lu\n", line, line + 2);
	check(strstr(out.p, want) != NULL);

	/* Only the columns decoded count. */
	filler(&in, "title\tabstract\tbio\n", TK_TSV_LOOK + 100, &line);
	ADD(&in, "t\tx\tlate\\frac\n");
	ADD(&in, "\"quoted\"\tx\n");
	read_tsv("look3.tsv", in.p, in.n, TK_ESC_AUTO, 1, &out);
	snprintf(want, sizeof(want), "\nt|x\nquoted|x S %lu\n", line + 1);
	check(strstr(out.p, want) != NULL);
	read_tsv("look3.tsv", in.p, in.n, TK_ESC_AUTO, 0, &out);
	snprintf(want, sizeof(want), "\nt|x S %lu\nquoted|x S %lu\n", line,
	    line + 1);
	check(strstr(out.p, want) != NULL);

	/* With --tsv-escapes on, nothing is a sign. */
	read_tsv("look3.tsv", in.p, in.n, TK_ESC_ON, 0, &out);
	check(strstr(out.p, " S ") == NULL);

	/* The first line is looked at whole, however long. */
	in.n = 0;
	ADD(&in, "title\tabstract\t");
	while (in.n < TK_TSV_LOOK + 10)
		ADD(&in, "y");
	ADD(&in, "\\q\nt\tTab\\there\n");
	read_tsv("look4.tsv", in.p, in.n, TK_ESC_AUTO, 0, &out);
	check_str(out.p, out.n, "t|Tab\\there\n");
	free(in.p);
	free(out.p);
}

int
main(void)
{
	if (files_begin() < 0)
		return 2;
	test_small();
	test_look();
	if (files_end() < 0)
		return 2;
	return unit_done();
}
