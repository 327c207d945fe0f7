/*
 * test_utf8.c - UTF-8 checking, the JSON, XML and plain escapers, and
 * cutting text quoted in messages.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "talks.h"
#include "unit.h"

static char got[4096];
static size_t gotn, nbad;

/* Runs writer on in (n bytes); leaves the output in got and gotn. */
static void
run(size_t (*writer)(struct tk_out *, const struct tk_str *),
    const char *in, size_t n)
{
	FILE *fp = tmpfile();
	struct tk_out o;
	struct tk_str v = { in, n };

	tk_out_init(&o, fileno(fp));
	nbad = writer(&o, &v);
	tk_out_flush(&o);
	tk_out_free(&o);
	rewind(fp);
	gotn = fread(got, 1, sizeof(got) - 1, fp);
	got[gotn] = '\0';
	fclose(fp);
}

#define RUN(w, s) run(w, s, sizeof(s) - 1)

static void
test_seq(void)
{
	int ok;

	check(tk_utf8_seq("a", 1, &ok) == 1 && ok);
	check(tk_utf8_seq("\xc3\xa9", 2, &ok) == 2 && ok);
	check(tk_utf8_seq("\xe2\x82\xac", 3, &ok) == 3 && ok);
	check(tk_utf8_seq("\xf0\x9f\x8e\xa4", 4, &ok) == 4 && ok);
	/* Truncated: the valid prefix is one replacement. */
	check(tk_utf8_seq("\xe2\x82", 2, &ok) == 2 && !ok);
	check(tk_utf8_seq("\xf0\x9f\x8e", 3, &ok) == 3 && !ok);
	check(tk_utf8_seq("\xe2\x82x", 3, &ok) == 2 && !ok);
	/* Lone continuation, overlong, surrogate, beyond U+10FFFF. */
	check(tk_utf8_seq("\x80", 1, &ok) == 1 && !ok);
	check(tk_utf8_seq("\xc0\xaf", 2, &ok) == 1 && !ok);
	check(tk_utf8_seq("\xe0\x80\xaf", 3, &ok) == 1 && !ok);
	check(tk_utf8_seq("\xed\xa0\x80", 3, &ok) == 1 && !ok);
	check(tk_utf8_seq("\xf4\x90\x80\x80", 4, &ok) == 1 && !ok);
	check(tk_utf8_seq("\xf5\x80", 2, &ok) == 1 && !ok);
	check(tk_utf8_seq("\xff", 1, &ok) == 1 && !ok);
	/* The highest of each length is valid. */
	check(tk_utf8_seq("\xdf\xbf", 2, &ok) == 2 && ok);
	check(tk_utf8_seq("\xef\xbf\xbf", 3, &ok) == 3 && ok);
	check(tk_utf8_seq("\xf4\x8f\xbf\xbf", 4, &ok) == 4 && ok);
	check(tk_utf8_seq("\xed\x9f\xbf", 3, &ok) == 3 && ok);
}

static void
test_valid(void)
{
	check(tk_utf8_valid("", 0));
	check(tk_utf8_valid("plain ascii", 11));
	check(tk_utf8_valid("caf\xc3\xa9 \xf0\x9f\x8e\xa4", 10));
	check(!tk_utf8_valid("caf\xe9", 4));
	check(!tk_utf8_valid("\xc3", 1));
	check(!tk_utf8_valid("ok\xed\xb0\x80", 5));
}

static void
test_plain(void)
{
	RUN(tk_put_utf8, "caf\xc3\xa9");
	check_str(got, gotn, "caf\xc3\xa9");
	check(nbad == 0);
	RUN(tk_put_utf8, "a\xffz\xe2\x82!\xc0\xaf");
	check_str(got, gotn, "a\xef\xbf\xbdz\xef\xbf\xbd!\xef\xbf\xbd"
	    "\xef\xbf\xbd");
	check(nbad == 4);
	RUN(tk_put_utf8, "tab\there\nnl \"q\" <x>");
	check_str(got, gotn, "tab\there\nnl \"q\" <x>");
}

static void
test_json(void)
{
	RUN(tk_put_json, "");
	check_str(got, gotn, "\"\"");
	RUN(tk_put_json, "say \"hi\"\\ now");
	check_str(got, gotn, "\"say \\\"hi\\\"\\\\ now\"");
	RUN(tk_put_json, "a\tb\nc\rd\be\ff");
	check_str(got, gotn, "\"a\\tb\\nc\\rd\\be\\ff\"");
	RUN(tk_put_json, "\x01\x1f\x7f/");
	check_str(got, gotn, "\"\\u0001\\u001f\x7f/\"");
	check(nbad == 0);
	run(tk_put_json, "nul\0end", 7);
	check_str(got, gotn, "\"nul\\u0000end\"");
	RUN(tk_put_json, "\xf0\x9f\x8e\xa4 <script>");
	check_str(got, gotn, "\"\xf0\x9f\x8e\xa4 <script>\"");
	RUN(tk_put_json, "bad\xfe\"");
	check_str(got, gotn, "\"bad\xef\xbf\xbd\\\"\"");
	check(nbad == 1);
}

static void
test_xml(void)
{
	RUN(tk_put_xml, "<script>alert('x' & \"y\")</script>");
	check_str(got, gotn, "&lt;script&gt;alert(&#39;x&#39; &amp; "
	    "&quot;y&quot;)&lt;/script&gt;");
	check(nbad == 0);
	RUN(tk_put_xml, "tab\tnl\ncr\r");
	check_str(got, gotn, "tab\tnl\ncr\r");
	check(nbad == 0);
	RUN(tk_put_xml, "bell\x07 del\x7f");
	check_str(got, gotn, "bell\xef\xbf\xbd del\x7f");
	check(nbad == 1);
	RUN(tk_put_xml, "\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbd");
	check_str(got, gotn, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check(nbad == 2);
	RUN(tk_put_xml, "caf\xc3\xa9\xc3");
	check_str(got, gotn, "caf\xc3\xa9\xef\xbf\xbd");
	check(nbad == 1);
}

/* Cuts of mixed 1 to 4 byte characters at every length. */
static void
test_cut(void)
{
	static const char *const ch[] = { "a", "\xc3\xa9", "\xe6\x97\xa5",
	    "\xf0\x9f\x98\x80" };
	char s[256];
	size_t n = 0, bad = 0;

	while (n < sizeof(s) - 4) {
		const char *c = ch[rnd(4)];
		memcpy(s + n, c, strlen(c));
		n += strlen(c);
	}
	for (size_t max = 0; max <= n + 1; max++) {
		size_t k = (size_t)tk_cut(s, n, max);
		if (max >= n) {
			bad += k != n;
			continue;
		}
		/* At a character's start, and the longest such cut. */
		size_t next = k + 1;
		while (next < n && ((unsigned char)s[next] & 0xc0) == 0x80)
			next++;
		bad += k > max || ((unsigned char)s[k] & 0xc0) == 0x80 ||
		    next <= max || !tk_utf8_valid(s, k);
	}
	check(bad == 0);
	/* Bytes that are no character: never more than 3 bytes back. */
	check(tk_cut("\x80\x80\x80\x80\x80\x80", 6, 5) == 2);
	check(tk_cut("ab", 2, 0) == 0);
}

/* Messages too long are cut where a character starts. */
static void
test_message_cut(void)
{
	char title[3 * 300 + 1];
	struct tk_err e;

	for (int i = 0; i < 300; i++)
		memcpy(title + 3 * i, "\xe6\x97\xa5", 3);
	title[sizeof(title) - 1] = '\0';
	for (int pre = 0; pre < 3; pre++) {
		tk_fail(&e, NULL, 0, 0, "%.*stalk '%s'", pre, "xx", title);
		check(strlen(e.msg) < sizeof(e.msg) && strlen(e.msg) + 3 >=
		    sizeof(e.msg) - 1 && tk_utf8_valid(e.msg, strlen(e.msg)));
	}
}

int
main(void)
{
	test_cut();
	test_message_cut();
	test_seq();
	test_valid();
	test_plain();
	test_json();
	test_xml();
	return unit_done();
}
