/*
 * template.c - libFuzzer target for the export templates.
 *
 * The first byte holds the flags, the rest is the template, parsed with
 * the columns of a small file of talks and expanded with its one record.
 * A parse error must say where; an expansion with TK_TMPL_FLAT must put
 * no line break of a value in the output.  The same bytes also go
 * through tk_safe_name, whose result must be a usable file name.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "talks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char talks_csv[] =
    "title,speaker,email,track,level,day,start,notes\n"
    "A \"talk\",Ann;Bob,a@x;b@y,Web,Beginner,2016-08-20,10:00,\"x\r\ny\"\n";

static struct tk_reader *r;
static struct tk_record rec;

static void
setup(void)
{
	static char path[64];
	static char *paths[1] = { path };
	struct tk_inopts o = { .dialect = TK_CSV, .delim = ',' };
	struct tk_err e;
	int fd = memfd_create("talks", 0);

	if (fd < 0 || write(fd, talks_csv, sizeof(talks_csv) - 1) < 0)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	r = tk_open(paths, 1, &o);
	if (tk_read(r, &rec, &e) != 1)
		abort();
}

static void
check_name(const char *s, size_t n)
{
	char *name = tk_safe_name(s, n);
	size_t len = strlen(name);

	if (len == 0 || name[0] == '.' || name[0] == '-' ||
	    strchr(name, '/') || !tk_utf8_valid(name, len))
		abort();
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			abort();
	free(name);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tk_tmpl *t;
	struct tk_tmpl_vals v;
	struct tk_buf out = { NULL, 0, 0 };
	struct tk_err e;
	struct tk_str titles = { "One\nTwo", 7 };
	int flags;

	if (r == NULL)
		setup();
	if (size < 1)
		return 0;
	check_name((const char *)data + 1, size - 1);
	flags = data[0] & 3;
	t = tk_tmpl_parse(r, (const char *)data + 1, size - 1, "template",
	    flags & TK_TMPL_ALLOW_TITLES, &e);
	if (t == NULL) {
		if (e.line < 1 || e.msg[0] == '\0')
			abort();
		return 0;
	}
	memset(&v, 0, sizeof(v));
	v.rec = &rec;
	v.titles = &titles;
	tk_tmpl_expand(t, &v, flags & TK_TMPL_FLAT, &out);
	/* Values hold line breaks; flat, only the template's own may show. */
	if ((flags & TK_TMPL_FLAT) && !memchr(data + 1, '\n', size - 1) &&
	    out.n > 0 && memchr(out.p, '\n', out.n))
		abort();
	tk_buf_free(&out);
	tk_tmpl_free(t);
	return 0;
}
