/* safename.c - file names made from data, and files that never overwrite. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write/write.h"

/* Long names are cut, leaving room for a "-N" suffix below NAME_MAX. */
#define SAFE_MAX 200
#define EXT_MAX 16

/* The start of the extension of s (n bytes), or n if it has none. */
static size_t
extension(const char *s, size_t n)
{
	for (size_t i = n; i > 1; i--)
		if (s[i - 1] == '.')
			return n - (i - 1) <= EXT_MAX ? i - 1 : n;
	return n;
}

/* Appends s with the unsafe bytes replaced by '_'. */
static void
clean(const char *s, size_t n, struct tk_buf *b)
{
	size_t i = 0, k;
	int ok;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		k = tk_utf8_seq(s + i, n - i, &ok);
		if (!ok || c < 0x20 || c == 0x7f || c == '/' || c == '\\' ||
		    (k == 2 && c == 0xc2 && (unsigned char)s[i + 1] < 0xa0)) {
			/* Invalid UTF-8, controls (C0 and C1), separators. */
			tk_buf_addc(b, '_');
			i += k;
			continue;
		}
		if (c == '.' && b->n > 0 && b->p[b->n - 1] == '.')
			c = '_';
		if ((c == '.' || c == '-') && b->n == 0)
			c = '_';
		if (k == 1)
			tk_buf_addc(b, c);
		else
			tk_buf_add(b, s + i, k);
		i += k;
	}
}

/* Cuts b to at most max bytes at a character boundary. */
static void
cut(struct tk_buf *b, size_t max)
{
	if (b->n <= max)
		return;
	b->n = max;
	while (b->n > 0 && ((unsigned char)b->p[b->n] & 0xc0) == 0x80)
		b->n--;
	b->p[b->n] = '\0';
}

char *
tk_safe_name(const char *s, size_t n)
{
	struct tk_buf b = { 0 }, ext = { 0 };
	size_t e;

	clean(s, n, &b);
	if (b.n > SAFE_MAX) {
		e = extension(b.p, b.n);
		tk_buf_add(&ext, b.p + e, b.n - e);
		b.n = e;
		cut(&b, SAFE_MAX - ext.n);
		tk_buf_add(&b, ext.p ? ext.p : "", ext.n);
		tk_buf_free(&ext);
	}
	if (b.n == 0)
		tk_buf_addc(&b, '_');
	return b.p;
}

/*
 * Calls make(dirfd, try, ctx) with name, then name-2, name-3, ... while
 * it fails with EEXIST; returns what make returned, *used set as
 * tk_create_new says.
 */
static int
first_free(int dirfd, const char *name, char **used, struct tk_err *e,
    int (*make)(int, const char *, const void *), const void *ctx)
{
	size_t n = strlen(name), ext = extension(name, n);
	char *try = tk_xmalloc(n + 16);
	int fd;

	strcpy(try, name);
	for (unsigned k = 2; k < 100000; k++) {
		fd = make(dirfd, try, ctx);
		if (fd >= 0) {
			*used = try;
			return fd;
		}
		if (errno != EEXIST)
			break;
		snprintf(try, n + 16, "%.*s-%u%s", (int)ext, name, k,
		    name + ext);
	}
	tk_fail(e, try, 0, 0, "%s", errno == EEXIST ? "too many files of "
	    "that name" : strerror(errno));
	/* The name is kept for the message. */
	*used = try;
	return -1;
}

static int
create(int dirfd, const char *try, const void *ctx)
{
	(void)ctx;
	return openat(dirfd, try, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666);
}

int
tk_create_new(int dirfd, const char *name, char **used, struct tk_err *e)
{
	return first_free(dirfd, name, used, e, create, NULL);
}

static int
link_to(int dirfd, const char *try, const void *ctx)
{
	return linkat(dirfd, ctx, dirfd, try, 0);
}

int
tk_link_new(int dirfd, const char *from, const char *name, char **used,
    struct tk_err *e)
{
	return first_free(dirfd, name, used, e, link_to, from);
}
