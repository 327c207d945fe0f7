/*
 * test_escape_runs.c - tk_put_json and tk_put_utf8 pass runs of plain
 * ASCII 8 bytes (portable kernels) or 32 bytes (vector kernels) at a
 * time; bytes to escape or check at every position of those words must
 * still be handled one by one, with either kernel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "talks.h"
#include "unit.h"

/* The JSON form of s, byte by byte (json = 0: only UTF-8 repaired). */
static size_t
reference(const char *s, size_t n, int json, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			int ok;
			size_t len = tk_utf8_seq(s + i, n - i, &ok);
			if (ok)
				memcpy(out + o, s + i, len);
			else
				memcpy(out + o, "\xef\xbf\xbd", 3);
			o += ok ? len : 3;
			i += len;
			continue;
		}
		i++;
		if (!json || (c >= 0x20 && c != '"' && c != '\\')) {
			out[o++] = (char)c;
			continue;
		}
		out[o++] = '\\';
		switch (c) {
		case '"': case '\\': out[o++] = (char)c; break;
		case '\n': out[o++] = 'n'; break;
		case '\r': out[o++] = 'r'; break;
		case '\t': out[o++] = 't'; break;
		case '\b': out[o++] = 'b'; break;
		case '\f': out[o++] = 'f'; break;
		default:
			o += (size_t)sprintf(out + o, "u%04x", c);
		}
	}
	return o;
}

int
main(void)
{
	unit_seed = 2463534242ULL;
	static const char *const odd[] = { "\"", "\\", "\n", "\x01", "\x1f",
	    "\x7f", " ", "~", "\xc3\xa9", "\xff", "\xe6\x97", "\t", "\x08" };
	char file[] = "/tmp/talks-escape-XXXXXX";
	int fd = mkstemp(file), bad = 0;

	check(fd >= 0);
	for (int round = 0; round < 3000; round++) {
		char s[64], want[64 * 8], got[64 * 8 + 2];
		size_t n = 0, len = rnd(40), w;
		int json = round & 1;
		struct tk_out o;
		struct tk_str v;
		ssize_t k;

		while (n < len) {
			const char *p = rnd(6) ? &"abcdefgh"[rnd(8)] :
			    odd[rnd(13)];
			s[n++] = *p;
			if ((unsigned char)*p >= 0x80 && p[1] && n < len)
				s[n++] = p[1];
		}
		w = reference(s, n, json, want);
		v.p = s;
		v.n = n;
		if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0)
			break;
		tk_out_init(&o, fd);
		tk_out_set_path(&o, round & 2 ? TK_PATH_PORTABLE :
		    TK_PATH_VECTOR);
		if (json)
			tk_put_json(&o, &v);
		else
			tk_put_utf8(&o, &v);
		tk_out_flush(&o);
		tk_out_free(&o);
		k = pread(fd, got, sizeof(got), 0);
		if (json)
			k -= 2;
		if (k != (ssize_t)w || memcmp(got + json, want, w) != 0)
			bad++;
	}
	check(bad == 0);
	close(fd);
	unlink(file);
	return unit_done();
}
