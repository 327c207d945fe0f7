/* common.c - options, input and output shared by every subcommand. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

void (*common_help_options)(const char *cmd);

/*
 * The size in $name: digits, then K, M or G; 0 (the default) when unset
 * or malformed.  A sign, or a value of SIZE_MAX / 4 or more, which no
 * limit needs and whose sums could wrap, is malformed.
 */
static size_t
env_size(const char *name)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long n;
	int shift = 0;

	if (v == NULL || *v < '0' || *v > '9')
		return 0;
	errno = 0;
	n = strtoull(v, &end, 10);
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end || errno || n > (SIZE_MAX / 4 - 1) >> shift)
		return 0;
	return (size_t)n << shift;
}

/* The parsing path $TALKS_PATH asks for: plain, portable, else the fastest. */
static enum tk_path
env_path(void)
{
	const char *v = getenv("TALKS_PATH");

	if (v != NULL && strcmp(v, "plain") == 0)
		return TK_PATH_PLAIN;
	if (v != NULL && strcmp(v, "portable") == 0)
		return TK_PATH_PORTABLE;
	return TK_PATH_DEFAULT;
}

/*
 * Reads the environment variables that tests use to steer the library
 * (talks(1) lists them); 0 leaves the library's default.
 */
static void
read_env(struct common *c)
{
	const char *pre = getenv("TALKS_PREFILTER");

	c->in.path = env_path();
	c->in.chunk = env_size("TALKS_CHUNK");
	c->in.max_record = env_size("TALKS_MAX_RECORD");
	c->no_raw = pre != NULL && strcmp(pre, "off") == 0;
}

void
common_init(struct common *c, const char *cmd, const char *usage)
{
	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->usage = usage;
	read_env(c);
	c->filter = tk_filter_new();
	tk_out_init(&c->out, STDOUT_FILENO);
	tk_out_set_path(&c->out, c->in.path);
	optind = 0;
	opterr = 0;
}

int
common_slurp(const struct common *c, const char *path, struct tk_buf *b)
{
	size_t max = c->in.max_record ? c->in.max_record : TK_MAX_RECORD;
	int is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	const char *name = is_stdin ? "(standard input)" : path;
	struct tk_err e;
	char chunk[8192];
	ssize_t k;
	int rc = 0;

	tk_buf_add(b, "", 0);
	while (fd >= 0 && (k = read(fd, chunk, sizeof(chunk))) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			break;
		if (b->n + (size_t)k > max) {
			rc = tk_fail(&e, name, 0, 0, "larger than %zu bytes "
			    "(see TALKS_MAX_RECORD)", max);
			break;
		}
		tk_buf_add(b, chunk, (size_t)k);
	}
	if (rc == 0 && (fd < 0 || k < 0))
		rc = tk_fail(&e, name, 0, 0, "%s", strerror(errno));
	if (fd > STDIN_FILENO)
		close(fd);
	if (rc < 0) {
		report(&e);
		tk_buf_free(b);
	}
	return rc;
}

/* Writes s to stderr, control characters shown as '?'. */
static void
put_clean(const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s,
		    stderr);
}

void
report(const struct tk_err *e)
{
	fputs("talks: ", stderr);
	if (e->file) {
		put_clean(e->file);
		if (e->line)
			fprintf(stderr, ":%lu", e->line);
		if (e->line && e->col)
			fprintf(stderr, ":%lu", e->col);
		fputs(": ", stderr);
	}
	put_clean(e->msg);
	fputc('\n', stderr);
}

int
common_choice(const struct common *c, const char *arg,
    const char *const *names, const char *why)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	misuse(c, why, arg);
}

void
misuse(const struct common *c, const char *fmt, ...)
{
	va_list ap;
	char msg[TK_MSG_MAX];

	/* The message quotes arguments, which may hold control characters. */
	va_start(ap, fmt);
	tk_vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "talks %s: ", c->cmd);
	put_clean(msg);
	fprintf(stderr, " (see 'talks %s --help')\n", c->cmd);
	exit(2);
}

unsigned long long
common_number(const struct common *c, const char *opt, const char *arg,
    unsigned long long min, unsigned long long max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno || v < min ||
	    v > max) {
		if (max == ULLONG_MAX)
			misuse(c, "bad %s value '%s': give a number", opt, arg);
		misuse(c, "bad %s value '%s': give a number from %llu to %llu",
		    opt, arg, min, max);
	}
	return v;
}

static int
parse_delim(const struct common *c, const char *arg)
{
	if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0)
		return '\t';
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' ||
	    arg[0] == '\r')
		misuse(c, "bad delimiter '%s': give one character", arg);
	return (unsigned char)arg[0];
}

/* --map FIELD=HEADER: FIELD a field's name or alias, HEADER not empty. */
static void
add_map(struct common *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	int f = eq ? tk_canon_find(arg, (size_t)(eq - arg)) : -1;

	if (eq == NULL || eq[1] == '\0')
		misuse(c, "bad --map value '%s': give FIELD=HEADER", arg);
	if (f < 0)
		misuse(c, "bad --map value '%s': '%.*s' is no field (see "
		    "talks(5))", arg, (int)(eq - arg), arg);
	TK_GROW(c->maps, c->mapcap, c->nmaps + 1);
	c->maps[c->nmaps].field = f;
	c->maps[c->nmaps].header = eq + 1;
	c->nmaps++;
	c->in.maps = c->maps;
	c->in.nmaps = c->nmaps;
}

/* --encoding NAME: a name that iconv(3) knows. */
static void
set_encoding(struct common *c, const char *arg)
{
	iconv_t cd = iconv_open("UTF-8", arg);

	if (cd == (iconv_t)-1)
		misuse(c, "unknown encoding '%s' ('iconv -l' lists them)",
		    arg);
	iconv_close(cd);
	c->in.encoding = arg;
}

/* The values of --tsv-escapes, and what each sets. */
static const char *const tsv_escape_names[] = { "on", "off", "auto", NULL };
static const enum tk_tsv_escapes tsv_escapes[] = { TK_ESC_ON, TK_ESC_OFF,
	TK_ESC_AUTO };

int
common_option(struct common *c, int opt, const char *arg, char **argv)
{
	switch (opt) {
	case OPT_MAP:
		add_map(c, arg);
		return 1;
	case OPT_UNGUARD:
		c->in.unguard = 1;
		return 1;
	case OPT_ENCODING:
		set_encoding(c, arg);
		return 1;
	case OPT_CSV:
		c->in.dialect = TK_CSV;
		c->in.delim = ',';
		return 1;
	case OPT_TSV:
		c->in.dialect = TK_TSV;
		return 1;
	case OPT_TSV_ESCAPES:
		c->in.tsv_escapes = tsv_escapes[common_choice(c, arg,
		    tsv_escape_names,
		    "bad --tsv-escapes value '%s': use on, off or auto")];
		return 1;
	case 'd':
		c->in.delim = parse_delim(c, arg);
		c->in.dialect = c->in.delim == '\t' ? TK_TSV : TK_CSV;
		return 1;
	case 'f':
		c->fields = arg;
		return 1;
	case 's':
		c->sort = arg;
		return 1;
	case 'r':
		c->reverse = 1;
		return 1;
	case '0':
		c->nul = 1;
		return 1;
	case OPT_HEADER:
		c->header = 1;
		return 1;
	case OPT_TRACK:
		tk_filter_add(c->filter, TK_TRACK, arg);
		return 1;
	case OPT_LEVEL:
		tk_filter_add(c->filter, TK_LEVEL, arg);
		return 1;
	case OPT_SPEAKER:
		tk_filter_add(c->filter, TK_SPEAKER, arg);
		return 1;
	case OPT_SPEAKER_SEP:
		if (*arg == '\0')
			misuse(c, "--speaker-sep needs a separator, not ''");
		TK_GROW(c->seps, c->sepcap, c->nseps + 1);
		c->seps[c->nseps++] = arg;
		tk_speaker_seps(c->seps, c->nseps);
		return 1;
	case OPT_SPEAKERS:
		TK_GROW(c->spk_paths, c->spkcap, c->nspk + 1);
		c->spk_paths[c->nspk++] = (char *)arg;
		return 1;
	case OPT_HELP:
		fputs(c->usage, stdout);
		if (common_help_options)
			common_help_options(c->cmd);
		if (fflush(stdout) == 0 && !ferror(stdout))
			exit(0);
		fprintf(stderr, "talks: write error: %s\n", strerror(errno));
		exit(2);
	case ':':
		misuse(c, "option '%s' needs a value", argv[optind - 1]);
	case '?':
		/*
		 * A long option given a value it does not take; an unknown
		 * letter inside a group like -xc leaves optind on the group.
		 */
		if (optopt && optind > 0 &&
		    strncmp(argv[optind - 1], "--", 2) == 0 &&
		    strchr(argv[optind - 1], '=') && !(argv[optind] &&
		    argv[optind][0] == '-' && argv[optind][1] != '-' &&
		    strchr(argv[optind], optopt)))
			misuse(c, "option '%.*s' takes no value",
			    (int)strcspn(argv[optind - 1], "="),
			    argv[optind - 1]);
		if (optopt)
			misuse(c, "unknown option '-%c'", optopt);
		misuse(c, "unknown option '%s'", argv[optind - 1]);
	}
	return 0;
}

/*
 * Standard input can be read once: a second '-' would read what the
 * first left in the pipe as another file, so it is a usage error.
 */
static void
stdin_once(const struct common *c, int argc, char **argv)
{
	int seen = 0;

	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 && seen++)
			misuse(c, "standard input ('-') named twice: it can be "
			    "read only once");
}

int
common_input_files(struct common *c, int *argc, char ***argv)
{
	static char *dash[] = { "-" };
	static char *envfile[1];

	if (*argc > 0) {
		stdin_once(c, *argc, *argv);
		return 0;
	}
	if (isatty(STDIN_FILENO)) {
		envfile[0] = getenv("TALKS_FILE");
		if (envfile[0] == NULL || *envfile[0] == '\0') {
			fprintf(stderr, "talks %s: no input: name a file, pipe "
			    "records to standard input, or set TALKS_FILE\n",
			    c->cmd);
			return -1;
		}
		*argv = envfile;
	} else {
		*argv = dash;
	}
	*argc = 1;
	return 0;
}

int
common_fields(const struct common *c, const char *list, size_t **cols,
    size_t *n)
{
	struct tk_err e;

	if (tk_parse_fields(c->r, list, cols, n, &e) < 0) {
		fprintf(stderr, "talks %s: ", c->cmd);
		put_clean(e.msg);
		fputc('\n', stderr);
		return -1;
	}
	return 0;
}

/* Prints the reader's notices that wait. */
static void
notices(struct common *c)
{
	struct tk_err w;

	while (tk_notice(c->r, &w))
		report(&w);
}

int
common_open(struct common *c, int argc, char **argv,
    const char *default_fields)
{
	if (common_input_files(c, &argc, &argv) < 0)
		return -1;
	for (size_t i = 0; i < c->nspk; i++)
		for (int k = 0; k < argc; k++)
			if (strcmp(c->spk_paths[i], "-") == 0 &&
			    strcmp(argv[k], "-") == 0)
				misuse(c, "standard input ('-') named twice: it "
				    "can be read only once");
	if (join_load(c) < 0)
		return -1;
	c->r = tk_open(argv, (size_t)argc, &c->in);
	notices(c);
	join_open(c);
	/* A --map that names no column is a mistake, once a header was read. */
	for (size_t m = 0; m < c->nmaps; m++)
		if (!tk_map_used(c->r, m) && tk_col_present(c->r, TK_TITLE)) {
			fprintf(stderr, "talks %s: --map %s=", c->cmd,
			    tk_canon_name(c->maps[m].field));
			put_clean(c->maps[m].header);
			fputs(": no file has that column\n", stderr);
			return -1;
		}
	if (c->fields == NULL && default_fields == NULL)
		c->cols = tk_all_fields(c->r, &c->ncols);
	else if (common_fields(c, c->fields ? c->fields : default_fields,
	    &c->cols, &c->ncols) < 0)
		return -1;
	if (c->sort && common_fields(c, c->sort, &c->keys, &c->nkeys) < 0)
		return -1;
	if (tk_filter_count(c->filter) > 0 && !c->no_watch) {
		tk_filter_watch(c->filter);
		c->watch = 1;
	}
	return 0;
}

int
common_need(const struct common *c, int field, const char *why)
{
	size_t n = tk_ncols(c->r), shown = 0;

	if (tk_col_present(c->r, (size_t)field) || !tk_col_present(c->r,
	    TK_TITLE))
		return 0;
	fprintf(stderr, "talks %s: no input has a%s %s column, which %s "
	    "(columns:", c->cmd, strchr("aeiou", tk_canon_name(field)[0]) ?
	    "n" : "", tk_canon_name(field), why);
	for (size_t i = 0; i < n && shown < 40; i++) {
		if (!tk_col_present(c->r, i))
			continue;
		fputs(shown++ ? ", '" : " '", stderr);
		put_clean(tk_colname(c->r, i));
		fputc('\'', stderr);
	}
	fputs(shown < 40 ? ")\n" : ", ...)\n", stderr);
	return -1;
}

void
common_sign(struct common *c, const struct tk_record *rec)
{
	struct tk_err w;

	if (!rec->tsv_sign || c->signed_file == rec->fileno + 1)
		return;
	c->signed_file = rec->fileno + 1;
	tk_fail(&w, rec->file, rec->line, 0, "a quoted field or a backslash "
	    "that starts no escape, as a spreadsheet writes TSV, after the "
	    "first %zu KiB: the file is read with its \\t, \\n, \\r "
	    "and \\\\ decoded (--tsv-escapes off reads it as written)",
	    TK_TSV_LOOK >> 10);
	report(&w);
}

/* common_sign for common_next, unless the command calls it itself. */
static void
early_sign(struct common *c, const struct tk_record *rec)
{
	if (!c->sign_later)
		common_sign(c, rec);
}

/* Appends cols to kept, skipping the columns already there. */
static size_t
add_kept(size_t *kept, size_t n, const size_t *cols, size_t ncols)
{
	for (size_t i = 0; i < ncols; i++) {
		size_t k = 0;
		while (k < n && kept[k] != cols[i])
			k++;
		if (k == n)
			kept[n++] = cols[i];
	}
	return n;
}

void
common_want(struct common *c, int what, const size_t *extra, size_t nextra)
{
	size_t filtered[3], nf = tk_filter_fields(c->filter, filtered), n = 0;
	size_t nj = tk_ncols(c->r) + 3, *joined = tk_xcalloc(nj, sizeof(*joined));
	size_t *cols = tk_xcalloc(c->ncols + c->nkeys + nf + nextra + nj,
	    sizeof(*cols));

	if (what & WANT_PRINTED)
		n = add_kept(cols, n, c->cols, c->ncols);
	if (what & WANT_SORTED)
		n = add_kept(cols, n, c->keys, c->nkeys);
	n = add_kept(cols, n, filtered, nf);
	n = add_kept(cols, n, extra, nextra);
	n = add_kept(cols, n, joined, join_cols(c, joined, nj));
	tk_want_cols(c->r, cols, n);
	free(cols);
	free(joined);
}

int
common_next(struct common *c, struct tk_record *rec)
{
	struct tk_err e;
	int rc;

	for (;;) {
		rc = tk_read(c->r, rec, &e);
		if (rc == 0)
			return 0;
		if (rc < 0) {
			report(&e);
			c->status = 2;
			continue;
		}
		if (rec->tsv_sign)
			early_sign(c, rec);
		if (rec->notice)
			notices(c);
		if (c->watch)
			tk_filter_see(c->filter, rec);
		if (!tk_filter_match(c->filter, rec))
			continue;
		if (c->join)
			join_record(c, rec);
		return 1;
	}
}

/* How many bytes of values common_missed lists, at most. */
#define MISSED_MAX 200

/* Appends the values of seen, by name, to b: at most MISSED_MAX bytes. */
static void
list_values(struct tk_buf *b, const struct tk_groups *seen, const char *col)
{
	size_t *ix = tk_groups_order(seen, TK_ORDER_NAME, TK_TRACK), k = 0;
	size_t start = b->n;

	for (size_t i = 0; i < tk_groups_count(seen); i++) {
		struct tk_str v = tk_groups_name(seen, ix[i]);
		if (v.n == 0)
			continue;
		if (b->n - start + v.n > MISSED_MAX) {
			if (k == 0) {
				tk_buf_adds(b, "; ");
				tk_buf_adds(b, col);
				tk_buf_adds(b, "s are: ...");
			} else {
				tk_buf_adds(b, "', ...");
			}
			k = SIZE_MAX;
			break;
		}
		if (k++ == 0) {
			tk_buf_adds(b, "; ");
			tk_buf_adds(b, col);
			tk_buf_adds(b, "s are: '");
		} else {
			tk_buf_adds(b, "', '");
		}
		tk_buf_add(b, v.p, v.n);
	}
	if (k == 0) {
		tk_buf_adds(b, "; no talk has a ");
		tk_buf_adds(b, col);
	} else if (k != SIZE_MAX) {
		tk_buf_adds(b, "'");
	}
	free(ix);
}

size_t
common_missed(struct common *c)
{
	const struct tk_groups *seen;
	const char *value;
	size_t n = 0;
	int field;

	for (size_t i = 0; i < tk_filter_count(c->filter); i++) {
		if (!tk_filter_missed(c->filter, i, &field, &value, &seen))
			continue;
		const char *col = tk_colname(c->r, (size_t)field);
		struct tk_buf b = { 0 };
		struct tk_err e;
		tk_buf_adds(&b, "");
		list_values(&b, seen, col);
		tk_fail(&e, NULL, 0, 0, "no talk has %s '%s'%s", col, value,
		    b.p);
		report(&e);
		tk_buf_free(&b);
		n++;
	}
	return n;
}

int
common_finish(struct common *c)
{
	if (c->r)
		notices(c);
	join_end(c, c->r != NULL && c->status == 0 && !c->no_watch &&
	    tk_filter_count(c->filter) == 0);
	join_free(c);
	free(c->spk_paths);
	if (tk_out_flush(&c->out) < 0) {
		fprintf(stderr, "talks: write error: %s\n", strerror(errno));
		c->status = 2;
	}
	tk_out_free(&c->out);
	tk_close(c->r);
	tk_filter_free(c->filter);
	free(c->cols);
	free(c->keys);
	free(c->maps);
	tk_speaker_seps(NULL, 0);
	free(c->seps);
	free(c->pf);
	return c->status;
}

struct tk_rows *
common_rows(const struct common *c, const size_t *extra, size_t nextra)
{
	size_t nj = tk_ncols(c->r) + 3, *joined = tk_xcalloc(nj, sizeof(*joined));
	size_t n = 0, *kept = tk_xcalloc(c->ncols + c->nkeys + nextra + nj,
	    sizeof(*kept));
	struct tk_rows *rows;

	n = add_kept(kept, n, c->cols, c->ncols);
	n = add_kept(kept, n, c->keys, c->nkeys);
	n = add_kept(kept, n, extra, nextra);
	n = add_kept(kept, n, joined, join_cols(c, joined, nj));
	free(joined);
	rows = tk_rows_new(c->r, kept, n);
	free(kept);
	return rows;
}

struct tk_rows *
common_sorted(struct common *c, const size_t *extra, size_t nextra)
{
	struct tk_record rec;
	struct tk_rows *rows = common_rows(c, extra, nextra);

	while (common_next(c, &rec))
		tk_rows_add(rows, &rec);
	tk_rows_sort(rows, c->keys, c->nkeys, c->reverse);
	return rows;
}

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/*
 * Whether list v is written as it is: it reads as put_field would join
 * it (one item, or items without blanks around them, after each ';' one
 * space, no line break), as most values do.  *any says whether v has an
 * item at all: a byte that is neither blank nor a separator.
 */
static int
as_is(const struct tk_str *v, int *any)
{
	/* The bytes that need a look: separators and blanks. */
	static const unsigned char look[256] = {
		['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [' '] = 1, [';'] = 1
	};
	const unsigned char *p = (const unsigned char *)v->p;
	size_t n = v->n, semis = 0, i = 0;
	int tidy = 1;

	*any = 0;
	for (;;) {
		size_t from = i;

		while (i < n && !look[p[i]])
			i++;
		*any |= i > from;
		if (i == n)
			break;
		if (p[i] == '\n' || p[i] == '\r') {
			tidy = 0;
		} else if (p[i] == ';') {
			semis++;
			if (i == 0 || is_blank((char)p[i - 1]) || n - i < 3 ||
			    p[i + 1] != ' ' || is_blank((char)p[i + 2]))
				tidy = 0;
		}
		/* Known to be rewritten, with an item: no need to read on. */
		if (!tidy && *any)
			return 0;
		i++;
	}
	/* One item is written as it is, blanks and all. */
	return tidy && (semis == 0 || (!is_blank((char)p[0]) &&
	    !is_blank((char)p[n - 1])));
}

/* Writes the items of v, parted by ';' and line breaks (a CRLF is one),
 * joined with "; ", each without the blanks around it: the items that
 * tk_next_item gives, in one pass. */
static void
put_items(struct tk_out *o, const struct tk_str *v)
{
	const char *p = v->p, *end = v->p + v->n;

	for (int first = 1;; first = 0) {
		const char *e = p, *next;
		struct tk_str item;

		while (e < end && *e != ';' && *e != '\n' && *e != '\r')
			e++;
		next = e;
		if (next + 1 < end && next[0] == '\r' && next[1] == '\n')
			next++;
		while (p < e && is_blank(*p))
			p++;
		while (e > p && is_blank(e[-1]))
			e--;
		if (!first)
			tk_out_write(o, "; ", 2);
		item.p = p;
		item.n = (size_t)(e - p);
		tk_put_flat(o, &item);
		if (next >= end)
			break;
		p = next + 1;
	}
}

void
put_field(struct common *c, size_t col, const struct tk_str *v)
{
	struct tk_str item;
	size_t pos = 0;
	int any;

	if (!tk_is_list(col) || v->n == 0) {
		tk_put_flat(&c->out, v);
		return;
	}
	if (c->nseps == 0) {
		if (as_is(v, &any))
			tk_put_flat(&c->out, v);
		else if (any)   /* blanks and separators alone: no item */
			put_items(&c->out, v);
		return;
	}
	for (int first = 1; tk_next_of(col, v, &pos, &item); first = 0) {
		if (!first)
			tk_out_write(&c->out, "; ", 2);
		tk_put_flat(&c->out, &item);
	}
}

void
put_line(struct common *c, const struct tk_record *rec)
{
	for (size_t i = 0; i < c->ncols; i++) {
		if (i > 0)
			tk_out_putc(&c->out, '\t');
		put_field(c, c->cols[i], &rec->f[c->cols[i]]);
	}
	tk_out_putc(&c->out, c->nul ? '\0' : '\n');
}

/* "2 emails", for the warning of common_warn_unpaired. */
static void
counted(struct tk_buf *b, size_t n, const char *one, const char *many)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu ", n);
	tk_buf_adds(b, num);
	tk_buf_adds(b, n == 1 ? one : many);
}

void
common_warn_unpaired(const struct tk_record *rec)
{
	size_t ns, n[2];
	int bad = tk_unpaired(rec, &ns, n);
	struct tk_buf b = { 0 };
	struct tk_err e;

	if (bad == 0)
		return;
	counted(&b, ns, "speaker", "speakers");
	if (bad & TK_UNPAIRED_EMAIL) {
		tk_buf_adds(&b, bad & TK_UNPAIRED_AFFILIATION ? ", " :
		    " but ");
		counted(&b, n[0], "email", "emails");
	}
	if (bad & TK_UNPAIRED_AFFILIATION) {
		tk_buf_adds(&b, bad & TK_UNPAIRED_EMAIL ? " and " : " but ");
		counted(&b, n[1], "affiliation", "affiliations");
	}
	tk_buf_adds(&b, bad == TK_UNPAIRED_EMAIL ? ": no speaker is given an "
	    "email" : bad == TK_UNPAIRED_AFFILIATION ? ": no speaker is "
	    "given an affiliation" : ": no speaker is given an email or an "
	    "affiliation");
	tk_fail(&e, rec->file, rec->line, 0, "%s", b.p);
	report(&e);
	tk_buf_free(&b);
}

const size_t each_cols[4] = { TK_TITLE, TK_SPEAKER, TK_EMAIL,
	TK_AFFILIATION };

void
common_parse_each(const struct common *c, const char *arg)
{
	if (strcmp(arg, "speaker") != 0)
		misuse(c, "--each takes 'speaker', not '%s'", arg);
}

void
common_no_speaker(const struct tk_record *rec)
{
	const struct tk_str *t = &rec->f[TK_TITLE];
	struct tk_err e;

	tk_fail(&e, rec->file, rec->line, 0, "talk '%.*s' has no speaker, "
	    "skipped", tk_cut(t->p, t->n, 80), t->p);
	report(&e);
}

int
common_each_person(const struct tk_record *rec,
    int (*fn)(void *ctx, const struct tk_record *rec,
    const struct tk_person *p), void *ctx)
{
	struct tk_person p;
	size_t n = 0;
	int rc;

	common_warn_unpaired(rec);
	for (size_t i = 0; tk_person(rec, i, &p); i++) {
		if (p.name.n == 0)
			continue;
		n++;
		if ((rc = fn(ctx, rec, &p)) != 0)
			return rc;
	}
	if (n == 0)
		common_no_speaker(rec);
	return 0;
}

void
common_person_record(struct common *c, const struct tk_record *rec,
    const struct tk_person *p, struct tk_record *out)
{
	TK_GROW(c->pf, c->pfcap, rec->nf);
	memcpy(c->pf, rec->f, rec->nf * sizeof(*c->pf));
	*out = *rec;
	out->f = c->pf;
	if (rec->nf > TK_SPEAKER)
		c->pf[TK_SPEAKER] = p->name;
	if (rec->nf > TK_EMAIL)
		c->pf[TK_EMAIL] = p->email;
	if (rec->nf > TK_AFFILIATION)
		c->pf[TK_AFFILIATION] = p->affiliation;
	join_person(c, rec, p, c->pf);
}

void
put_header_line(struct common *c)
{
	for (size_t i = 0; i < c->ncols; i++) {
		struct tk_str v = { tk_colname(c->r, c->cols[i]), 0 };
		v.n = strlen(v.p);
		if (i > 0)
			tk_out_putc(&c->out, '\t');
		tk_put_flat(&c->out, &v);
	}
	tk_out_putc(&c->out, c->nul ? '\0' : '\n');
}

char *
none_label(const struct tk_reader *r, size_t col)
{
	const char *name = tk_colname(r, col);
	size_t n = strlen(name) + 6;
	char *s = tk_xmalloc(n);

	snprintf(s, n, "(no %s)", name);
	return s;
}

void
unclash(char **label, const struct tk_groups *g)
{
	for (size_t i = 0; g && i < tk_groups_count(g); i++) {
		struct tk_str v = tk_groups_name(g, i);
		size_t n = strlen(*label);
		char *s;

		if (v.n != n || memcmp(v.p, *label, n) != 0)
			continue;
		s = tk_xmalloc(n + 3);
		snprintf(s, n + 3, "(%s)", *label);
		free(*label);
		*label = s;
		i = (size_t)-1;   /* and look again from the first */
	}
}
