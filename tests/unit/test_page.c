/* test_page.c - the page parser: blocks, lines, labels, levels, events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "talks.h"
#include "unit.h"
#include "files.h"

static char log_buf[1 << 16];
static size_t log_len;

static void
log_put(const char *s, size_t n)
{
	if (n > sizeof(log_buf) - 1 - log_len)
		n = sizeof(log_buf) - 1 - log_len;
	memcpy(log_buf + log_len, s, n);
	log_len += n;
	log_buf[log_len] = '\0';
}

static void
log_fmt(const char *fmt, unsigned long a, const char *s)
{
	char b[700];
	int n = snprintf(b, sizeof(b), fmt, a, s);

	log_put(b, (size_t)n < sizeof(b) ? (size_t)n : sizeof(b) - 1);
}

/*
 * Reads the page at path with blocks of at most max bytes and returns
 * its events, one a line: "T line title|speaker|track|level|description|
 * abstract|bio", "S line message", "B line message" or "E message".
 */
static const char *
events(const char *path, size_t max)
{
	struct tk_page *p = tk_page_open(path, max);
	struct tk_talk t;
	struct tk_err e;
	enum tk_page_event ev;

	log_len = 0;
	log_buf[0] = '\0';
	while ((ev = tk_page_next(p, &t, &e)) != TK_PAGE_END) {
		if (ev == TK_PAGE_TALK) {
			const struct tk_str *v[] = { &t.title, &t.speaker,
			    &t.track, &t.level, &t.description, &t.abstract,
			    &t.bio };
			log_fmt("T %lu %s", t.line, "");
			for (size_t i = 0; i < 7; i++) {
				if (i > 0)
					log_put("|", 1);
				log_put(v[i]->p, v[i]->n);
			}
			log_put("\n", 1);
		} else if (ev == TK_PAGE_ERROR) {
			log_put("E ", 2);
			log_put(e.msg, strlen(e.msg));
			log_put("\n", 1);
		} else {
			log_fmt(ev == TK_PAGE_SKIP ? "S %lu %s\n" :
			    "B %lu %s\n", e.line, e.msg);
		}
	}
	/* The end stays the end. */
	check(tk_page_next(p, &t, &e) == TK_PAGE_END);
	tk_page_close(p);
	return log_buf;
}

#define EVENTS_S(s) events(FILE_S("page", s), 0)

#define SEP "__________\n"

static void
test_blocks(void)
{
	check_str(EVENTS_S(""), 0, "");
	check_str(EVENTS_S(SEP SEP "\n\n" SEP), 0, "");
	/* Ten underscores end a block, nine do not; blanks may follow. */
	check(strcmp(EVENTS_S("A\nB\nT, Beginner\nBio: x\n_________\n"
	    "__________ \xc2\xa0\t\nC\nD\nT, Advanced\n"),
	    "T 1 A|B|T|Beginner|||x\n_________\n"
	    "T 7 C|D|T|Advanced|||\n") == 0);
	/* The last line needs no line end. */
	check(strcmp(EVENTS_S("A\nB\nT, Beginner\nBio: x"),
	    "T 1 A|B|T|Beginner|||x\n") == 0);
}

static void
test_line_ends(void)
{
	const char lf[] = "\xef\xbb\xbfnav\n\nA\nB\nT, Beginner\n"
	    "Description: one\n\ntwo\n" SEP "C\nT, Advanced\n";
	const char crlf[] = "\xef\xbb\xbfnav\r\n\r\nA\r\nB\r\nT, Beginner\r\n"
	    "Description: one\r\n\r\ntwo\r\n__________\r\nC\r\nT, Advanced";
	const char *want = "S 1 skipped text \"nav\"\n"
	    "T 3 A|B|T|Beginner|one\n\ntwo||\n"
	    "T 10 C||T|Advanced|||\n";

	check(strcmp(events(FILE_S("lf", lf), 0), want) == 0);
	check(strcmp(events(FILE_S("crlf", crlf), 0), want) == 0);
}

static void
test_trim(void)
{
	/* Trailing spaces, tabs and no-break spaces go; inner ones stay. */
	check(strcmp(EVENTS_S("A \t\xc2\xa0\nB\xc2\xa0\n"
	    "T\xc2\xa0U, Beginner \n"
	    "Abstract: a\xc2\xa0 b \xc2\xa0\n\xc2\xa0 \xc2\xa0\nc\xc2\n"),
	    "T 1 A|B|T\xc2\xa0U|Beginner||a\xc2\xa0 b\n\nc\xc2|\n") == 0);
}

static void
test_labels(void)
{
	/* Any case; alone on a line; no space; one space dropped, not two. */
	check(strcmp(EVENTS_S("A\nB\nT, Beginner\n\nDESCRIPTION:\n\n"
	    "d1\nd2\n\n\nd3\n\n\nabstract:a\nbIo:  b\n\n"),
	    "T 1 A|B|T|Beginner|d1\nd2\n\nd3|a| b\n") == 0);
	/* Words that only look like labels are text. */
	check(strcmp(EVENTS_S("A\nB\nT, Beginner\nBio: x\nBiography: y\n"
	    "Bio :z\n abstract: w\n"),
	    "T 1 A|B|T|Beginner|||x\nBiography: y\nBio :z\n abstract: w\n")
	    == 0);
	/* A label with nothing after it gives an empty section. */
	check(strcmp(EVENTS_S("A\nB\nT, Beginner\nDescription:\xc2\xa0\n"
	    "\nBio: b\n"), "T 1 A|B|T|Beginner|||b\n") == 0);
}

static void
test_levels(void)
{
	check(strcmp(EVENTS_S("A\nB\nData, intermediate\n"),
	    "T 1 A|B|Data|intermediate|||\n") == 0);
	/* The track is before the last ", ". */
	check(strcmp(EVENTS_S("A\nB\nData, Web, ADVANCED\n"),
	    "T 1 A|B|Data, Web|ADVANCED|||\n") == 0);
	/* Other words, a missing track or space: not a Track, Level line. */
	check(strcmp(EVENTS_S("Hello, World\n, Beginner\nT,Beginner\n"
	    "T, Expert\nT, Beginners\n"),
	    "S 1 skipped block \"Hello, World\": no \"Track, Level\" line "
	    "in it\n") == 0);
}

static void
test_navigation(void)
{
	/* Lines before the last two are navigation; each is reported. */
	check(strcmp(EVENTS_S("top\n\nmenu\nA\n\nB\n\nT, Beginner\n" SEP
	    "\nfooter\nlinks\n"),
	    "S 1 skipped text \"top\"\n"
	    "S 3 skipped text \"menu\"\n"
	    "T 4 A|B|T|Beginner|||\n"
	    "S 11 skipped block \"footer\": no \"Track, Level\" line in it\n")
	    == 0);
	/* Long lines are quoted in part, never cut inside a character. */
	char page[80], want[160];
	memset(page, 'x', 59);
	memcpy(page + 59, "\xc3\xa9yyyyyyyy\n", 12);
	snprintf(want, sizeof(want), "S 1 skipped block \"%.59s...\": no "
	    "\"Track, Level\" line in it\n", page);
	check(strcmp(events(file("long", page, 71), 0), want) == 0);
}

static void
test_bad_blocks(void)
{
	/* Each bad block is reported and skipped; reading goes on. */
	check(strcmp(EVENTS_S("A\nB\nAbstract: x\n" SEP
	    "A\nB\nT, Beginner\nstray\nBio: b\n" SEP
	    "A\nB\nT, Beginner\nBio: b\nBIO: c\n" SEP
	    "A\nB\nT, Beginner\nBio: b\nC\nT, Advanced\n" SEP
	    "\nT, Beginner\n" SEP
	    "nav\nA\nB\nT, Advanced\n"),
	    "B 3 section label \"Abstract: x\" with no \"Track, Level\" "
	    "line before it\n"
	    "B 8 text \"stray\" between the \"Track, Level\" line and the "
	    "first section label\n"
	    "B 15 second section label \"BIO: c\"\n"
	    "B 22 second \"Track, Level\" line \"T, Advanced\" in one block "
	    "(is a separator line missing?)\n"
	    "B 25 no title before the line \"T, Beginner\"\n"
	    "S 27 skipped text \"nav\"\n"
	    "T 28 A|B|T|Advanced|||\n") == 0);
}

static void
test_errors(void)
{
	char *path = FILE_S("big", "A\nB\nT, Beginner\nBio: 0123456789\n"
	    SEP "C\nD\n");

	/* The limit counts the bytes of the trimmed lines. */
	check(strcmp(events(path, 27), "E block larger than 27 bytes "
	    "(see TALKS_MAX_RECORD)\n") == 0);
	check(strcmp(events(path, 28), "T 1 A|B|T|Beginner|||0123456789\n"
	    "S 6 skipped block \"C\": no \"Track, Level\" line in it\n") == 0);
	/* A line longer than the limit whose end has not been read yet. */
	static char line[5003] = "A\n";
	memset(line + 2, 'x', 5000);
	check(strcmp(events(file("line", line, 5002), 1000),
	    "E block larger than 1000 bytes (see TALKS_MAX_RECORD)\n")
	    == 0);
	check(strcmp(events("/nonexistent/page", 0),
	    "E No such file or directory\n") == 0);
	check(strcmp(events(dir, 0), "E is a directory\n") == 0);
}

/* Many blocks: lines cross the edges of the chunks the file is read in. */
static void
test_stream(void)
{
	size_t n = 30000, len = 0, cap = n * 80;
	char *page = malloc(cap), *path;
	int talks = 0;

	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(page + len, cap - len, "Title %zu\n"
		    "Speaker\nTrack, Beginner\nBio: %zu\n" SEP, i, i);
	path = file("stream", page, len);
	free(page);

	struct tk_page *p = tk_page_open(path, 0);
	struct tk_talk t;
	struct tk_err e;
	enum tk_page_event ev;
	int ok = 1;
	while ((ev = tk_page_next(p, &t, &e)) == TK_PAGE_TALK) {
		char want[32];
		int k = snprintf(want, sizeof(want), "%d", talks);
		ok &= t.bio.n == (size_t)k && memcmp(t.bio.p, want, t.bio.n)
		    == 0 && t.line == (unsigned long)talks * 5 + 1;
		talks++;
	}
	check(ev == TK_PAGE_END);
	check(ok);
	check(talks == (int)n);
	tk_page_close(p);
}

int
main(void)
{
	if (files_begin() < 0)
		return 2;
	test_blocks();
	test_line_ends();
	test_trim();
	test_labels();
	test_levels();
	test_navigation();
	test_bad_blocks();
	test_errors();
	test_stream();
	if (files_end() < 0)
		return 2;
	return unit_done();
}
