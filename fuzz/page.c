/*
 * page.c - libFuzzer target for the reader of published talk pages.
 *
 * The input is the page; every talk's fields must lie in memory that
 * can be read, and the reader must come to its end.  The first byte
 * picks a small block limit now and then.
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

static volatile unsigned sink;

static void
touch(const struct tk_str *v)
{
	for (size_t i = 0; i < v->n; i++)
		sink += (unsigned char)v->p[i];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	struct tk_page *pg;
	struct tk_talk t;
	struct tk_err e;
	enum tk_page_event ev;
	size_t max = 0;
	int fd = memfd_create("fuzz", 0);

	if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size))
		abort();
	if (size > 1 && data[0] == 0xff)
		max = (size_t)data[1] * 4 + 1;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	pg = tk_page_open(path, max ? max : (size_t)1 << 20);
	while ((ev = tk_page_next(pg, &t, &e)) != TK_PAGE_END) {
		if (ev == TK_PAGE_TALK) {
			touch(&t.title);
			touch(&t.speaker);
			touch(&t.track);
			touch(&t.level);
			touch(&t.description);
			touch(&t.abstract);
			touch(&t.bio);
		} else if (e.msg[0] == '\0') {
			abort();
		}
	}
	tk_page_close(pg);
	close(fd);
	return 0;
}
