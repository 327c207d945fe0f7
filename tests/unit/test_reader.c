/* test_reader.c - the record reader: dialects, columns, errors and positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "talks.h"
#include "read/internal.h"
#include "select/internal.h"
#include "unit.h"
#include "files.h"

struct result {
	int n;              /* records read */
	int errors;
	struct tk_err err;  /* the first error */
	char vals[8][4][64];
	unsigned long line[8];
};

/* Reads every record of paths; keeps the first four columns given. */
static void
read_all(char **paths, size_t np, const struct tk_inopts *o,
    const size_t *cols, struct result *res)
{
	struct tk_reader *r = tk_open(paths, np, o);
	struct tk_record rec;
	struct tk_err e;
	int rc;

	memset(res, 0, sizeof(*res));
	while ((rc = tk_read(r, &rec, &e)) != 0) {
		if (rc < 0) {
			if (res->errors++ == 0)
				res->err = e;
			if (e.file == NULL || strncmp(e.file, dir,
			    strlen(dir)) != 0)
				res->err.file = NULL;
			continue;
		}
		if (res->n < 8) {
			for (int k = 0; k < 4; k++) {
				const struct tk_str *v = &rec.f[cols[k]];
				snprintf(res->vals[res->n][k], 64, "%.*s",
				    (int)v->n, v->p);
			}
			res->line[res->n] = rec.line;
		}
		res->n++;
	}
	tk_close(r);
}

static const size_t basic[] = { TK_TITLE, TK_SPEAKER, TK_TRACK, TK_LEVEL };
static const struct tk_inopts dflt;

static void
test_csv_rules(void)
{
	struct result res;
	char *p = FILE_S("a.csv",
	    "\xef\xbb\xbfTitle,Speaker,Track\r\n"
	    "\"A, b\",\"say \"\"hi\"\"\", x \r\n"
	    "\r\n"
	    "\"two\nlines\",,\n"
	    "short\n");

	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 3 && res.errors == 0);
	check(strcmp(res.vals[0][0], "A, b") == 0);
	check(strcmp(res.vals[0][1], "say \"hi\"") == 0);
	check(strcmp(res.vals[0][2], " x ") == 0);   /* spaces are data */
	check(strcmp(res.vals[1][0], "two\nlines") == 0);
	check(strcmp(res.vals[2][0], "short") == 0 && res.vals[2][1][0] == 0);
	check(res.line[0] == 2 && res.line[1] == 4 && res.line[2] == 6);
}

static void
test_quote_in_unquoted(void)
{
	struct result res;
	char *p = FILE_S("q.csv", "title,speaker\na\"b,c\"\n");

	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 1 && res.errors == 0);
	check(strcmp(res.vals[0][0], "a\"b") == 0);
	check(strcmp(res.vals[0][1], "c\"") == 0);
}

static void
test_errors(void)
{
	struct result res;
	char *p;

	p = FILE_S("e1.csv", "title,speaker\nok,x\n\"bad\"x,y\nlater,z\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 1 && res.errors == 1);
	check(res.err.line == 3 && res.err.col == 6);
	check(strstr(res.err.msg, "after closing quote") != NULL);

	p = FILE_S("e2.csv", "title\nok\n\"open\nstill\nopen\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 1 && res.errors == 1 && res.err.line == 3);
	check(strstr(res.err.msg, "unterminated") != NULL);

	p = FILE_S("e3.csv", "title,speaker\na,b,c\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 0 && res.errors == 1 && res.err.line == 2);
	check(strstr(res.err.msg, "3 fields") != NULL);

	/* Empty extra fields lose nothing, so they are accepted. */
	p = FILE_S("e4.csv", "title,speaker\na,b,,\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 1 && res.errors == 0);

	p = FILE_S("e5.csv", "name,speaker\na,b\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 0 && res.errors == 1 && res.err.line == 1);
	check(strstr(res.err.msg, "no title column (found 'name', "
	    "'speaker')") != NULL);

	p = FILE_S("e6.csv", "Title,speaker,TITLE\na,b,c\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.errors == 0 && res.n == 1);
}

static void
test_error_then_next_file(void)
{
	struct result res;
	char *paths[3];

	paths[0] = FILE_S("n1.csv", "title\n\"x\"y\n");
	paths[1] = "/nonexistent/file.csv";
	paths[2] = FILE_S("n2.csv", "title\nfine\n");
	read_all(paths, 3, &dflt, basic, &res);
	check(res.n == 1 && res.errors == 2);
	check(strcmp(res.vals[0][0], "fine") == 0);
}

static void
test_dialects(void)
{
	struct result res;
	struct tk_inopts o = dflt;
	char *p;

	p = FILE_S("s.txt", "title;speaker;track\na,1;b;c\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 1 && strcmp(res.vals[0][0], "a,1") == 0 &&
	    strcmp(res.vals[0][2], "c") == 0);

	/* TSV as talks writes it: a value that starts with '"' is quoted. */
	p = FILE_S("t.txt", "title\tspeaker\na\\tb\\\\n\\n\t\"\"\"q\"\"\"\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 1 && strcmp(res.vals[0][0], "a\tb\\n\n") == 0);
	check(strcmp(res.vals[0][1], "\"q\"") == 0);

	/* The name decides before the header does. */
	p = FILE_S("t.tsv", "title\tspeaker,x,y\na,b\tc\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 1 && strcmp(res.vals[0][0], "a,b") == 0);

	/* Options decide before the name does. */
	o.dialect = TK_CSV;
	o.delim = '|';
	p = FILE_S("p.tsv", "title|speaker\na\tb|c\n");
	read_all(&p, 1, &o, basic, &res);
	check(res.n == 1 && strcmp(res.vals[0][0], "a\tb") == 0);

	/* A lone backslash at the end of a TSV field stays. */
	p = FILE_S("b.tsv", "title\tspeaker\nend\\\tx\\q\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 1 && strcmp(res.vals[0][0], "end\\") == 0 &&
	    strcmp(res.vals[0][1], "x\\q") == 0);
}

static void
test_line_ends(void)
{
	struct result res;
	char *p;

	p = FILE_S("cr.csv", "title,speaker\ra,b\r\"c\rd\",e\rf,g");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 3 && res.line[0] == 2 && res.line[1] == 3 &&
	    res.line[2] == 5);
	check(strcmp(res.vals[1][0], "c\rd") == 0);

	p = FILE_S("mix.csv", "title\r\na\nb\r\n\nc\n");
	read_all(&p, 1, &dflt, basic, &res);
	check(res.n == 3 && res.line[2] == 5);
}

static void
test_columns(void)
{
	struct tk_inopts o = dflt;
	char *paths[2];
	struct tk_reader *r;
	struct tk_record rec;
	struct tk_err e;

	paths[0] = FILE_S("c1.csv", "Session Title,Presenters,Room Size\n"
	    "t1,p1,10\n");
	paths[1] = FILE_S("c2.csv", "room_size,TITLE,Speaker Bio,extra\n"
	    "20,t2,b2,x2\n");
	r = tk_open(paths, 2, &o);
	check(tk_ncols(r) == TK_NCANON + 2);
	check(tk_find_col(r, "room-size", 9) == TK_NCANON);
	check(tk_find_col(r, "  EXTRA ", 8) == TK_NCANON + 1);
	check(tk_find_col(r, "biography", 9) == TK_BIO);
	check(tk_find_col(r, "nope", 4) == -1);
	check(strcmp(tk_colname(r, TK_NCANON), "Room Size") == 0);
	check(tk_col_present(r, TK_BIO) && !tk_col_present(r, TK_ABSTRACT));
	check(tk_read(r, &rec, &e) == 1);
	check_str(rec.f[TK_TITLE].p, rec.f[TK_TITLE].n, "t1");
	check_str(rec.f[TK_SPEAKER].p, rec.f[TK_SPEAKER].n, "p1");
	check(rec.f[TK_NCANON + 1].n == 0);
	check(tk_read(r, &rec, &e) == 1);
	check_str(rec.f[TK_NCANON].p, rec.f[TK_NCANON].n, "20");
	check_str(rec.f[TK_BIO].p, rec.f[TK_BIO].n, "b2");
	check(rec.fileno == 1 && rec.line == 2);
	check(tk_read(r, &rec, &e) == 0);
	tk_close(r);
}

static void
test_aliases(void)
{
	struct { const char *h; int f; } t[] = {
		{ "Proposal title", TK_TITLE }, { "speaker names", TK_SPEAKER },
		{ "E-Mail", TK_EMAIL }, { "Presenters (email)", TK_EMAIL },
		{ "session_id", TK_ID }, { "Category", TK_TRACK },
		{ "Session format", TK_TYPE }, { "audience-level", TK_LEVEL },
		{ "Proposal State", TK_STATE }, { "summary", TK_DESCRIPTION },
		{ "speaker bio", TK_BIO }, { "location", TK_ROOM },
		{ "Start (date)", TK_DAY }, { "scheduled at", TK_START },
		{ "End (time)", TK_END }, { "length", TK_DURATION },
		{ "organisation", TK_AFFILIATION }, { " tags ", TK_TAGS },
		{ "owner", TK_SPEAKER }, { "owner email", TK_EMAIL },
		{ "Code", TK_ID }, { "status", TK_STATE },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		check(tk_canon_find(t[i].h, strlen(t[i].h)) == t[i].f);
	check(tk_canon_find("titles", 6) == -1);
}

static void
test_items(void)
{
	struct tk_str v = { "Ann ; Bob\r\nCy;", 14 }, it;
	size_t pos = 0;

	check(tk_next_item(&v, &pos, &it) && it.n == 3 &&
	    memcmp(it.p, "Ann", 3) == 0);
	check(tk_next_item(&v, &pos, &it) && it.n == 3 &&
	    memcmp(it.p, "Bob", 3) == 0);
	check(tk_next_item(&v, &pos, &it) && it.n == 2);
	check(tk_next_item(&v, &pos, &it) && it.n == 0);
	check(!tk_next_item(&v, &pos, &it));
	v.p = "  ";
	v.n = 2;
	pos = 0;
	check(!tk_next_item(&v, &pos, &it));
}

/* The items of v for column c joined with '|', for comparing. */
static void
check_items(size_t c, const char *v, const char *want)
{
	struct tk_str s = { v, strlen(v) }, it;
	struct tk_buf b = { 0 };
	size_t pos = 0;

	tk_buf_add(&b, "", 0);
	for (int first = 1; tk_next_of(c, &s, &pos, &it); first = 0) {
		if (!first)
			tk_buf_addc(&b, '|');
		tk_buf_add(&b, it.p, it.n);
	}
	check_str(b.p, b.n, want);
	tk_buf_free(&b);
}

/* --speaker-sep: added separators split speakers and emails only. */
static void
test_speaker_seps(void)
{
	static const char *const seps[] = { ", ", " & " };

	check_items(TK_SPEAKER, "Ana Ruiz, Ben Okafor", "Ana Ruiz, Ben Okafor");
	tk_speaker_seps(seps, 2);
	check_items(TK_SPEAKER, "Ana Ruiz, Ben Okafor & Cy;Dee",
	    "Ana Ruiz|Ben Okafor|Cy|Dee");
	check_items(TK_EMAIL, "a@x, b@x", "a@x|b@x");
	check_items(TK_AFFILIATION, "Acme, Inc.;Globex", "Acme, Inc.|Globex");
	check_items(TK_SPEAKER, "Ann & ", "Ann|");
	check_items(TK_SPEAKER, "Ann &Bob", "Ann &Bob");
	check(tk_count_of(TK_SPEAKER, &(struct tk_str){ ";A, B", 5 }) == 3);
	tk_speaker_seps(NULL, 0);
	check_items(TK_SPEAKER, "Ann & Bob", "Ann & Bob");
}

/* Emails and affiliations pair with speakers only when counts agree. */
static void
test_pairing(void)
{
	struct tk_str f[TK_NCANON];
	struct tk_record rec = { .f = f, .nf = TK_NCANON };
	struct tk_person p;
	size_t ns, n[2];

	memset(f, 0, sizeof(f));
	f[TK_SPEAKER] = (struct tk_str){ "Ann;Bob", 7 };
	f[TK_EMAIL] = (struct tk_str){ "ann@x;bob@x", 11 };
	f[TK_AFFILIATION] = (struct tk_str){ "Acme", 4 };
	check(tk_unpaired(&rec, &ns, n) == TK_UNPAIRED_AFFILIATION);
	check(ns == 2 && n[0] == 2 && n[1] == 1);
	check(tk_person(&rec, 1, &p));
	check_str(p.email.p, p.email.n, "bob@x");
	check(p.affiliation.n == 0);
	/* The empty first item counts: no email is given by a guess. */
	f[TK_SPEAKER] = (struct tk_str){ ";Ann;Bob", 8 };
	f[TK_AFFILIATION] = (struct tk_str){ "", 0 };
	check(tk_unpaired(&rec, NULL, NULL) == TK_UNPAIRED_EMAIL);
	check(tk_person(&rec, 1, &p));
	check_str(p.name.p, p.name.n, "Ann");
	check(p.email.n == 0);
	/* No emails at all is no mismatch. */
	f[TK_EMAIL] = (struct tk_str){ "", 0 };
	check(tk_unpaired(&rec, NULL, NULL) == 0);
	check(!tk_person(&rec, 3, &p));
}

static void
test_compare(void)
{
	struct tk_str a = { "9:00", 4 }, b = { "10:00", 5 };
	struct tk_str i1 = { "12", 2 }, i2 = { "3", 1 };

	check(tk_compare(TK_START, &a, &b) < 0);
	check(tk_compare(TK_ID, &i1, &i2) > 0);
	check(tk_compare(TK_TITLE, &i1, &i2) < 0);
	check(tk_compare(TK_TITLE, &a, &a) == 0);
}

/* talks(5) must list every alias. */
static void
test_man_lists_aliases(void)
{
	FILE *fp = fopen("man/talks.5", "r");
	static char page[65536];
	size_t n;

	check(fp != NULL);
	if (fp == NULL)
		return;
	n = fread(page, 1, sizeof(page) - 1, fp);
	page[n] = '\0';
	fclose(fp);
	for (int f = 0; f < TK_NCANON; f++)
		for (const char *const *a = tk_canon_aliases(f); *a; a++)
			check(strstr(page, *a) != NULL);
}

/*
 * Runs the UTF-8 check over text as reads of k bytes would bring it,
 * with kernels ops; returns the line of the notice, or 0 for none.
 */
static unsigned long
check_from(const char *text, size_t n, size_t k, const struct scan_ops *ops,
    size_t seen)
{
	struct src s;
	unsigned long line;

	memset(&s, 0, sizeof(s));
	s.u8seen = seen;
	s.name = "t";
	s.line = 1;
	s.ops = ops;
	s.u8check = 1;
	s.buf = tk_xmalloc(n + 1);
	for (size_t at = 0; at < n && s.u8check; at += k) {
		size_t m = n - at < k ? n - at : k;
		memcpy(s.buf + s.end, text + at, m);
		s.end += m;
		src_check_utf8(&s, s.end - m, s.end);
	}
	src_check_end(&s);
	line = s.enc_note ? s.enc_err.line : 0;
	free(s.buf);
	return line;
}

static unsigned long
check_in_reads(const char *text, size_t n, size_t k,
    const struct scan_ops *ops)
{
	return check_from(text, n, k, ops, 0);
}

/* The check finds the first line that is not UTF-8, however reads cut it. */
static void
test_utf8_check(void)
{
	static const char good[] = "title,speaker\n"
	    "Caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x8e\xa4,Z\xc3\xab\n"
	    "0123456789012345678901234567890123456789012345678901234567890123"
	    "456789012345678901234567890123456789012345678901234567890123456"
	    "\xe6\x97\xa5\xe6\x9c\xac\r\n\xce\xb1\xce\xb2\n";
	static const char *const bad[] = {
		"a\nb\nc\xe9 d\n",          /* Latin-1 */
		"a\nb\nc\xc3\x28\n",        /* a lead without its tail */
		"a\nb\nc\xed\xa0\x80\n",    /* a surrogate */
		"a\nb\nc\xc0\xaf\n",        /* overlong */
		"a\nb\nc\xf4\x90\x80\x80\n", /* above U+10FFFF */
		"a\nb\nc\xe2\x82",          /* cut by the end */
		"a\r\nb\rc\x80",             /* CRLF and CR line ends */
	};
	const struct scan_ops *kernels[2] = { &scan_portable, scan_vector() };

	for (int o = 0; o < 2; o++) {
		if (kernels[o] == NULL)
			continue;
		for (size_t k = 1; k <= sizeof(good); k++)
			check(check_in_reads(good, sizeof(good) - 1, k,
			    kernels[o]) == 0);
		for (size_t b = 0; b < sizeof(bad) / sizeof(*bad); b++)
			for (size_t k = 1; k <= strlen(bad[b]); k++)
				check(check_in_reads(bad[b], strlen(bad[b]), k,
				    kernels[o]) == 3);
		/* Past the look, nothing is checked; up to it, all is. */
		check(check_from(bad[0], strlen(bad[0]), 3, kernels[o],
		    SRC_UTF8_LOOK - 5) == 0);
		check(check_from(bad[0], strlen(bad[0]), 3, kernels[o],
		    SRC_UTF8_LOOK - 7) == 3);
	}
}

int
main(void)
{
	if (files_begin() < 0)
		return 2;
	test_csv_rules();
	test_quote_in_unquoted();
	test_errors();
	test_error_then_next_file();
	test_dialects();
	test_line_ends();
	test_columns();
	test_aliases();
	test_items();
	test_speaker_seps();
	test_pairing();
	test_compare();
	test_man_lists_aliases();
	test_utf8_check();
	if (files_end() < 0)
		return 2;
	return unit_done();
}
