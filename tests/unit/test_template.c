/* test_template.c - templates, buffers, clean text and safe file names. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "talks.h"
#include "unit.h"

static struct tk_reader *r;
static struct tk_record rec;

/* Expands s against the record; returns a static copy, or the error. */
static const char *
expand(const char *s, int pflags, int eflags, const struct tk_tmpl_vals *v)
{
	static char res[600];
	struct tk_tmpl_vals dflt = { &rec, NULL, NULL, NULL, NULL };
	struct tk_buf b = { 0 };
	struct tk_err e;
	struct tk_tmpl *t = tk_tmpl_parse(r, s, strlen(s), "x.tmpl", pflags,
	    &e);

	if (t == NULL) {
		snprintf(res, sizeof(res), "%lu:%lu: %s", e.line, e.col, e.msg);
		return res;
	}
	tk_tmpl_expand(t, v ? v : &dflt, eflags, &b);
	snprintf(res, sizeof(res), "%s", b.p);
	tk_buf_free(&b);
	tk_tmpl_free(t);
	return res;
}

#define check_exp(s, want) check(strcmp(expand((s), 0, 0, NULL), (want)) == 0)

static void
test_expand(void)
{
	struct tk_str sp = { "Ann", 3 }, ti = { "A; B", 4 };
	struct tk_tmpl_vals v = { &rec, &sp, NULL, NULL, &ti };

	check_exp("{title} by {speaker}", "Talk by Zoe; Bo");
	check_exp("{Speakers}|{e-mail}|{Room Name}|{room}", "Zoe; Bo|z@x|R1|");
	check_exp("{{literal}} }}{{", "{literal} }{");
	check_exp("{level}.", ".");
	check_exp("", "");
	check_exp("{notes}", "line one\r\nline two");
	check(strcmp(expand("{notes}", 0, TK_TMPL_FLAT, NULL),
	    "line one line two") == 0);
	check(strcmp(expand("{speaker}: {titles}", TK_TMPL_ALLOW_TITLES, 0, &v),
	    "Ann: A; B") == 0);
	check_exp("{titles}", "1:1: field 'titles' needs --unique");
	check_exp("ab\ncd {nope} x", "2:4: unknown field 'nope'");
	check_exp("é{title", "1:2: unclosed '{'");
	check_exp("{ti\ntle}", "1:1: unclosed '{'");
	check_exp("x}y", "1:2: single '}' (write '}}' for a brace)");
	check_exp("{}", "1:1: empty field name");
	check_exp("{a{b}", "1:1: unclosed '{'");
}

static void
test_uses(void)
{
	struct tk_err e;
	struct tk_tmpl *t = tk_tmpl_parse(r, "{email} {titles}", 16, "-",
	    TK_TMPL_ALLOW_TITLES, &e);

	check(t != NULL);
	check(tk_tmpl_uses(t, TK_EMAIL));
	check(tk_tmpl_uses(t, TK_TMPL_TITLES));
	check(!tk_tmpl_uses(t, TK_TITLE));
	tk_tmpl_free(t);
}

static const char *
clean(const char *s, size_t n, size_t *count)
{
	static struct tk_buf b;
	struct tk_str v = { s, n };

	tk_buf_free(&b);
	*count = tk_clean_text(&v, &b);
	return b.p;
}

#define FFFD "\xef\xbf\xbd"

static void
test_clean(void)
{
	size_t k;

	check(strcmp(clean("plain é\tx\r\n", 12, &k), "plain é\tx\r\n") == 0 &&
	    k == 0);
	check(strcmp(clean("a\001b\x7f", 4, &k), "a" FFFD "b" FFFD) == 0 &&
	    k == 2);
	check(strcmp(clean("a\xff" "b", 3, &k), "a" FFFD "b") == 0 && k == 1);
	check(strcmp(clean("\xc3", 1, &k), FFFD) == 0 && k == 1);
	check(strcmp(clean("\xef\xbf\xbf", 3, &k), FFFD) == 0);
	check(strcmp(clean("a\0b", 3, &k), "a" FFFD "b") == 0);
	check(strcmp(clean("", 0, &k), "") == 0 && k == 0);
}

/* v (n bytes) written for document esc; its replacements go to *rp. */
static const char *
esc(int e, const char *v, size_t n, struct tk_repl *rp)
{
	static struct tk_buf b;

	tk_buf_free(&b);
	*rp = (struct tk_repl){ 0, 0 };
	tk_esc_add(e, &(struct tk_str){ v, n }, &b, rp);
	return b.p ? b.p : "";
}

#define check_esc(e, v, want, nu, nc) do { \
	struct tk_repl r_; \
	check(strcmp(esc((e), (v), sizeof(v) - 1, &r_), (want)) == 0 && \
	    r_.utf8 == (nu) && r_.ctrl == (nc)); \
} while (0)

static void
test_escape(void)
{
	size_t len;

	check(tk_esc_find("latex", 5) == TK_ESC_LATEX);
	check(tk_esc_find("XML", 3) < 0 && tk_esc_find("", 0) < 0);
	check(strcmp(tk_esc_name(TK_ESC_SHELL), "shell") == 0);
	check_esc(TK_ESC_NONE, "a&\x01\xff", "a&\x01\xff", 0, 0);
	check_esc(TK_ESC_XML, "A & B <x> \"'", "A &amp; B &lt;x&gt; &quot;&#39;",
	    0, 0);
	check_esc(TK_ESC_XML, "t\tn\ne\x1b\xff", "t\tn\ne" FFFD FFFD, 1, 1);
	/* DEL and C1 are XML's but not HTML's; noncharacters neither's */
	check_esc(TK_ESC_XML, "\x7f\xc2\x85", "\x7f\xc2\x85", 0, 0);
	check_esc(TK_ESC_HTML, "\x7f\xc2\x85\xef\xb7\x90", FFFD FFFD FFFD,
	    0, 3);
	check_esc(TK_ESC_XML, "\xf4\x8f\xbf\xbf", FFFD, 0, 1);
	check_esc(TK_ESC_LATEX, "50% of $x_1 & #2 {a} \\ ~^",
	    "50\\% of \\$x\\_1 \\& \\#2 \\{a\\} \\textbackslash{} "
	    "\\textasciitilde{}\\textasciicircum{}", 0, 0);
	check_esc(TK_ESC_CSV, "plain", "plain", 0, 0);
	check_esc(TK_ESC_CSV, "a,\"b\"\n", "\"a,\"\"b\"\"\n\"", 0, 0);
	check_esc(TK_ESC_CSV, "", "", 0, 0);
	check_esc(TK_ESC_SHELL, "it's $x", "'it'\\''s $x'", 0, 0);
	check_esc(TK_ESC_SHELL, "", "''", 0, 0);
	check_esc(TK_ESC_SHELL, "a\x1b\0b", "'a\x1b" FFFD "b'", 0, 1);
	check(tk_char_kind("\xc2\x9f", 2, 0, &len) == TK_CH_OK && len == 2);
	check(tk_char_kind("\xc2\x9f", 2, 1, &len) == TK_CH_CONTROL);
	check(tk_char_kind("\xed\xa0\x80", 3, 0, &len) == TK_CH_BAD_UTF8);
	check_exp("{title|xml}", "Talk");
	check_exp("{speaker|bogus}", "1:1: unknown field 'speaker|bogus'");
	check_exp("{|xml}", "1:1: unknown field '|xml'");
	check_exp("{speaker|}", "1:1: unknown field 'speaker|'");
}

#define check_safe(s, want) do { \
	char *p_ = tk_safe_name((s), strlen(s)); \
	check(strcmp(p_, (want)) == 0); \
	free(p_); \
} while (0)

static void
test_safe(void)
{
	char longname[400], *p;

	check_safe("Ann Lee.txt", "Ann Lee.txt");
	check_safe("../../etc/passwd", "_._.__etc_passwd");
	check_safe("..", "_.");
	check_safe("a..b", "a._b");
	check_safe(".hidden", "_hidden");
	check_safe("-rf", "_rf");
	check_safe("a\nb\tc", "a_b_c");
	check_safe("x\\y", "x_y");
	check_safe("", "_");
	check_safe("Jürgen.ics", "Jürgen.ics");
	check_safe("bad\xff" "byte", "bad_byte");
	check_safe("c1\xc2\x85", "c1_");
	memset(longname, 'a', sizeof(longname));
	memcpy(longname + 190, "\xc3\xa9\xc3\xa9\xc3\xa9", 6);
	strcpy(longname + 390, ".txt");
	p = tk_safe_name(longname, strlen(longname));
	check(strlen(p) <= 200 && strcmp(p + strlen(p) - 4, ".txt") == 0);
	/* cut between characters, never inside one */
	check(memcmp(p + 190, "\xc3\xa9", 2) == 0 && p[196] == '.');
	free(p);
}

static void
test_create(void)
{
	char dir[] = "/tmp/talks-unit-XXXXXX", *used = NULL, path[64];
	struct tk_err e;
	int dfd, fd;

	check(mkdtemp(dir) != NULL);
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	fd = tk_create_new(dfd, "b.txt", &used, &e);
	check(fd >= 0 && strcmp(used, "b.txt") == 0);
	close(fd);
	free(used);
	fd = tk_create_new(dfd, "b.txt", &used, &e);
	check(fd >= 0 && strcmp(used, "b-2.txt") == 0);
	close(fd);
	free(used);
	/* a link planted in the directory is never followed */
	check(symlinkat("/tmp/talks-unit-target", dfd, "c") == 0);
	fd = tk_create_new(dfd, "c", &used, &e);
	check(fd >= 0 && strcmp(used, "c-2") == 0);
	close(fd);
	free(used);
	check(access("/tmp/talks-unit-target", F_OK) != 0);
	for (const char *const *n = (const char *const[]){ "b.txt", "b-2.txt",
	    "c", "c-2", NULL }; *n; n++)
		unlinkat(dfd, *n, 0);
	close(dfd);
	check(rmdir(dir) == 0);
	snprintf(path, sizeof(path), "%s", dir);
	check(tk_create_new(-1, "x", &used, &e) < 0);
	free(used);
}

/* Opens a small file with a header of aliases and another column. */
static void
setup(void)
{
	static char path[] = "/tmp/talks-unit-tmpl-XXXXXX";
	static char *paths[] = { path };
	const char csv[] = "Talk,Speakers,E-Mail,Room Name,Notes\n"
	    "Talk,Zoe; Bo,z@x,R1,\"line one\r\nline two\"\n";
	struct tk_inopts o = { 0 };
	struct tk_err e;
	int fd = mkstemp(path);

	if (write(fd, csv, sizeof(csv) - 1) < 0)
		exit(2);
	close(fd);
	o.dialect = TK_CSV;
	r = tk_open(paths, 1, &o);
	check(tk_read(r, &rec, &e) == 1);
	unlink(path);
}

int
main(void)
{
	setup();
	test_expand();
	test_uses();
	test_clean();
	test_escape();
	test_safe();
	test_create();
	tk_close(r);
	return unit_done();
}
