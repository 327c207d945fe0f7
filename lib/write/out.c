/* out.c - buffered output with sticky errors, and the field writers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan/scan.h"
#include "write/write.h"

#define OUT_BUF ((size_t)64 << 10)

void
tk_out_init(struct tk_out *o, int fd)
{
	o->fd = fd;
	o->err = 0;
	o->len = 0;
	o->cap = OUT_BUF;
	o->buf = tk_xmalloc(o->cap);
	tk_out_set_path(o, TK_PATH_DEFAULT);
}

void
tk_out_init_mem(struct tk_out *o)
{
	tk_out_init(o, -1);
}

void
tk_out_set_path(struct tk_out *o, enum tk_path path)
{
	o->ascii_run = scan_ops(path != TK_PATH_PLAIN &&
	    path != TK_PATH_PORTABLE)->ascii_run;
}

static void
drain(struct tk_out *o, const char *p, size_t n)
{
	while (n > 0 && o->err == 0) {
		ssize_t k = write(o->fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			o->err = errno;
			break;
		}
		p += k;
		n -= (size_t)k;
	}
}

int
tk_out_flush(struct tk_out *o)
{
	if (o->fd < 0)
		return 0;
	drain(o, o->buf, o->len);
	o->len = 0;
	if (o->err) {
		errno = o->err;
		return -1;
	}
	return 0;
}

void
tk_out_write(struct tk_out *o, const void *p, size_t n)
{
	if (n == 0)
		return; /* p may be NULL then, which memcpy may not take */
	if (o->len + n > o->cap && o->fd < 0) {
		TK_GROW(o->buf, o->cap, o->len + n);
	} else if (o->len + n > o->cap) {
		tk_out_flush(o);
		if (n >= o->cap) {
			drain(o, p, n);
			return;
		}
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

void
tk_out_putc(struct tk_out *o, int c)
{
	if (o->len == o->cap && o->fd < 0)
		TK_GROW(o->buf, o->cap, o->len + 1);
	else if (o->len == o->cap)
		tk_out_flush(o);
	o->buf[o->len++] = (char)c;
}

void
tk_out_puts(struct tk_out *o, const char *s)
{
	tk_out_write(o, s, strlen(s));
}

void
tk_out_free(struct tk_out *o)
{
	free(o->buf);
	o->buf = NULL;
}

void
tk_put_flat(struct tk_out *o, const struct tk_str *v)
{
	const char *p = v->p, *end = v->p + v->n;

	while (p < end) {
		const char *q = p;
		while (q < end && *q != '\t' && *q != '\n' && *q != '\r')
			q++;
		tk_out_write(o, p, (size_t)(q - p));
		if (q == end)
			break;
		tk_out_putc(o, ' ');
		if (q[0] == '\r' && q + 1 < end && q[1] == '\n')
			q++;
		p = q + 1;
	}
}

/* Writes v as a CSV field with delimiter delim, quoted only when it must be. */
static void
put_csv(struct tk_out *o, const struct tk_str *v, int delim)
{
	int quote = 0;

	for (size_t i = 0; i < v->n && !quote; i++) {
		char c = v->p[i];
		quote = c == '"' || c == delim || c == '\n' || c == '\r';
	}
	if (!quote) {
		tk_out_write(o, v->p, v->n);
		return;
	}
	tk_out_putc(o, '"');
	const char *p = v->p, *end = v->p + v->n;
	while (p < end) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (q == NULL) {
			tk_out_write(o, p, (size_t)(end - p));
			break;
		}
		tk_out_write(o, p, (size_t)(q - p + 1));
		tk_out_putc(o, '"');
		p = q + 1;
	}
	tk_out_putc(o, '"');
}

/*
 * Writes v as a TSV field: tab, LF, CR and backslash as \t, \n, \r, \\;
 * a value that starts with '"' is quoted so it is not read as a quote.
 */
static void
put_tsv(struct tk_out *o, const struct tk_str *v)
{
	const char *p = v->p, *end = v->p + v->n;
	int quoted = v->n > 0 && v->p[0] == '"';

	if (quoted)
		tk_out_putc(o, '"');
	while (p < end) {
		const char *q = p;
		while (q < end && *q != '\t' && *q != '\n' && *q != '\r' &&
		    *q != '\\' && !(quoted && *q == '"'))
			q++;
		tk_out_write(o, p, (size_t)(q - p));
		if (q == end)
			break;
		switch (*q) {
		case '\t': tk_out_write(o, "\\t", 2); break;
		case '\n': tk_out_write(o, "\\n", 2); break;
		case '\r': tk_out_write(o, "\\r", 2); break;
		case '\\': tk_out_write(o, "\\\\", 2); break;
		default: tk_out_write(o, "\"\"", 2); break;
		}
		p = q + 1;
	}
	if (quoted)
		tk_out_putc(o, '"');
}

void
tk_put_row(struct tk_out *o, const struct tk_str *const *v, size_t n,
    enum tk_dialect form, int delim, const char *eol)
{
	/* A row of one empty field would be a blank line, which is skipped. */
	if (n == 1 && v[0]->n == 0) {
		tk_out_write(o, "\"\"", 2);
		tk_out_puts(o, eol);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			tk_out_putc(o, form == TK_TSV ? '\t' : delim);
		if (form == TK_TSV)
			put_tsv(o, v[i]);
		else
			put_csv(o, v[i], delim);
	}
	tk_out_puts(o, eol);
}
