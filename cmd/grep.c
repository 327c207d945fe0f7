/* grep.c - talks grep: the talks whose fields match PCRE2 patterns. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static const char usage[] =
    "usage: talks grep [-0cFHhilqrSvwx] [-m NUM] [--in FIELDS] "
    "[--color[=WHEN]]\n"
    "                  [-o | -t csv|tsv] [-f FIELDS] [-s FIELDS] "
    "[--header]\n"
    "                  [--match-limit NUM] [--track NAME] [--level NAME]\n"
    "                  [--speaker NAME] [--each speaker] [--speaker-sep SEP]\n"
    "                  [--csv | --tsv | -d CHAR]\n"
    "                  [--tsv-escapes on|off] [--speakers FILE]\n"
    "                  [--map FIELD=HEADER] [--unguard] [--encoding NAME]\n"
    "                  {PATTERN | -e PATTERN ... | --file PATFILE ...} "
    "[FILE ...]\n";

enum {
	OPT_FILE = OPT_LOCAL, OPT_IN, OPT_COLOR, OPT_MATCH_LIMIT, OPT_EACH
};

/* The SGR sequences of --color, as grep writes them. */
#define SGR_MATCH "\33[1;31m"
#define SGR_FILE "\33[35m"
#define SGR_SEP "\33[36m"
#define SGR_END "\33[m"

/* What is written for each selected talk. */
enum mode { M_LIST, M_ONLY, M_ROWS, M_FILES, M_COUNT, M_QUIET };

struct grep {
	struct common c;
	struct tk_str *pats;      /* -e, --file and PATTERN, in order */
	size_t npats, patcap;
	char **bufs;              /* the contents of --file files */
	size_t nbufs;
	struct tk_match_opts mo;
	struct tk_matcher *m;
	const char *in;           /* --in, or NULL for every field */
	size_t *scols, nscols;    /* the searched columns */
	char *searched;           /* per column: whether it is searched */
	enum mode mode;
	enum tk_dialect to;       /* -t: TK_CSV or TK_TSV */
	int invert, color, names, only, count, quiet, files;
	int each;                 /* --each speaker */
	unsigned long long limit; /* per file: -m, or 1 with -l */
	size_t nfiles;
	unsigned long long *per;  /* selected talks per file */
	unsigned long long total;
	const struct tk_str **row; /* -t: one record's values */
};

static void
add_pattern(struct grep *g, const char *p, size_t n)
{
	TK_GROW(g->pats, g->patcap, g->npats + 1);
	g->pats[g->npats].p = p;
	g->pats[g->npats].n = n;
	g->npats++;
}

/* Adds the patterns of --file name: one a line, a CR before LF dropped. */
static int
read_patterns(struct grep *g, const char *name)
{
	struct tk_buf b = { 0 };
	char *p, *end;

	if (common_slurp(&g->c, name, &b) < 0) {
		tk_buf_free(&b);
		return -1;
	}
	g->bufs = tk_xrealloc(g->bufs, (g->nbufs + 1) * sizeof(*g->bufs));
	g->bufs[g->nbufs++] = b.p;
	for (p = b.p, end = b.p + b.n; p < end;) {
		char *q = memchr(p, '\n', (size_t)(end - p));
		char *stop = q ? q : end;
		if (q && stop > p && stop[-1] == '\r')
			stop--;
		add_pattern(g, p, (size_t)(stop - p));
		p = q ? q + 1 : end;
	}
	return 0;
}

static int
color_wanted(const struct grep *g, const char *when)
{
	const char *term = getenv("TERM");

	if (when == NULL || strcmp(when, "auto") == 0)
		return isatty(STDOUT_FILENO) && term && *term &&
		    strcmp(term, "dumb") != 0 && getenv("NO_COLOR") == NULL;
	static const char *const names[] = { "never", "always", NULL };

	/* never: 0, always: 1. */
	return common_choice(&g->c, when, names,
	    "bad --color value '%s' (known: never, always, auto)");
}

static enum tk_dialect
format(const struct grep *g, const char *name)
{
	static const char *const names[] = { "csv", "tsv", NULL };
	static const enum tk_dialect dialects[] = { TK_CSV, TK_TSV };

	return dialects[common_choice(&g->c, name, names,
	    "unknown format '%s' (known: csv, tsv)")];
}

/* Handles one option of grep's own; returns -1 for a bad --file. */
static int
option(struct grep *g, int opt, const char *arg)
{
	switch (opt) {
	case 'e': add_pattern(g, arg, strlen(arg)); break;
	case OPT_FILE: return read_patterns(g, arg);
	case OPT_IN: g->in = arg; break;
	case OPT_EACH: common_parse_each(&g->c, arg); g->each = 1; break;
	case 'i': g->mo.caseless = 1; break;
	case 'S': g->mo.smart_case = 1; break;
	case 'F': g->mo.fixed = 1; break;
	case 'w': g->mo.word = 1; break;
	case 'x': g->mo.whole = 1; break;
	case 'v': g->invert = 1; break;
	case 'c': g->count = 1; break;
	case 'q': g->quiet = 1; break;
	case 'l': g->files = 1; break;
	case 'o': g->only = 1; break;
	case 'H': g->names = 1; break;
	case 'h': g->names = 0; break;
	case 'm': g->limit = common_number(&g->c, "-m", arg, 0, ULLONG_MAX); break;
	case 't': g->to = format(g, arg); break;
	case OPT_COLOR: g->color = color_wanted(g, arg); break;
	case OPT_MATCH_LIMIT:
		g->mo.match_limit = (unsigned long)common_number(&g->c,
		    "--match-limit", arg, 1, 4294967295UL);
		break;
	}
	return 0;
}

/* The options, for getopt, --help and completion (main.c). */
const char grep_shortopts[] = ":ce:FHhilm:oqSt:vwx" COMMON_SHORT;
const struct option grep_longopts[] = {
	COMMON_LONG,
	{ "regexp", required_argument, NULL, 'e' },
	{ "file", required_argument, NULL, OPT_FILE },
	{ "in", required_argument, NULL, OPT_IN },
	{ "ignore-case", no_argument, NULL, 'i' },
	{ "smart-case", no_argument, NULL, 'S' },
	{ "fixed-strings", no_argument, NULL, 'F' },
	{ "word-regexp", no_argument, NULL, 'w' },
	{ "field-regexp", no_argument, NULL, 'x' },
	{ "line-regexp", no_argument, NULL, 'x' },
	{ "invert-match", no_argument, NULL, 'v' },
	{ "count", no_argument, NULL, 'c' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "silent", no_argument, NULL, 'q' },
	{ "files-with-matches", no_argument, NULL, 'l' },
	{ "only-matching", no_argument, NULL, 'o' },
	{ "with-filename", no_argument, NULL, 'H' },
	{ "no-filename", no_argument, NULL, 'h' },
	{ "max-count", required_argument, NULL, 'm' },
	{ "to", required_argument, NULL, 't' },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "match-limit", required_argument, NULL, OPT_MATCH_LIMIT },
	{ "each", required_argument, NULL, OPT_EACH },
	{ NULL, 0, NULL, 0 }
};

/* Parses the options; returns the index of the first operand, or -1. */
static int
options(struct grep *g, int argc, char **argv)
{
	int opt, from_file = 0;

	while ((opt = getopt_long(argc, argv, grep_shortopts,
	    grep_longopts, NULL)) != -1) {
		if (common_option(&g->c, opt, optarg, argv))
			continue;
		from_file |= opt == OPT_FILE;
		if (option(g, opt, optarg) < 0)
			return -1;
	}
	if (g->npats == 0 && !from_file) {
		if (optind >= argc)
			misuse(&g->c, "no pattern");
		add_pattern(g, argv[optind], strlen(argv[optind]));
		optind++;
	}
	return optind;
}

/* Rejects options that contradict each other; picks the output mode. */
static void
choose_mode(struct grep *g)
{
	if (g->c.reverse && g->c.sort == NULL)
		misuse(&g->c, "-r needs -s");
	if (g->to != TK_AUTO && g->only)
		misuse(&g->c, "-o and -t cannot be used together");
	if (g->to != TK_AUTO && g->c.fields)
		misuse(&g->c, "-t writes whole records: -f cannot be used "
		    "with it");
	if (g->to != TK_AUTO && g->c.nul)
		misuse(&g->c, "-0 cannot be used with -t");
	if (g->quiet)
		g->mode = M_QUIET;
	else if (g->files)
		g->mode = M_FILES;
	else if (g->count)
		g->mode = M_COUNT;
	else if (g->to != TK_AUTO)
		g->mode = M_ROWS;
	else if (g->only)
		g->mode = M_ONLY;
	else
		g->mode = M_LIST;
	if (g->files && g->limit > 1)
		g->limit = 1;
	if (g->each && g->mode != M_LIST && g->mode != M_ROWS)
		misuse(&g->c, "--each speaker writes lines or rows: it cannot "
		    "be used with -c, -l, -o or -q");
}

/* Reports a failed match (a limit reached) in column col of rec. */
static void
match_error(struct grep *g, const struct tk_record *rec, size_t col,
    const struct tk_err *e)
{
	struct tk_err where;

	tk_fail(&where, rec->file, rec->line, 0, "%s in field '%s'", e->msg,
	    tk_colname(g->c.r, col));
	report(&where);
	g->c.status = 2;
}

/* Whether rec is selected: 1 or 0, or -1 after reporting an error. */
static int
selected(struct grep *g, const struct tk_record *rec)
{
	struct tk_err e;

	for (size_t i = 0; i < g->nscols; i++) {
		size_t col = g->scols[i];
		const struct tk_str *v = &rec->f[col];
		int rc = tk_matcher_test(g->m, v->p, v->n, &e);
		if (rc < 0) {
			match_error(g, rec, col, &e);
			return -1;
		}
		if (rc)
			return !g->invert;
	}
	return g->invert;
}

static void
put_eol(struct grep *g)
{
	tk_out_putc(&g->c.out, g->c.nul ? '\0' : '\n');
}

/* Writes a file name, coloured with --color. */
static void
put_name(struct grep *g, const char *name)
{
	if (g->color)
		tk_out_puts(&g->c.out, SGR_FILE);
	tk_out_puts(&g->c.out, name);
	if (g->color)
		tk_out_puts(&g->c.out, SGR_END);
}

/* Writes "FILE:" in front of a line when file names are shown. */
static void
put_prefix(struct grep *g, const char *name)
{
	if (!g->names)
		return;
	put_name(g, name);
	tk_out_puts(&g->c.out, g->color ? SGR_SEP ":" SGR_END : ":");
}

/*
 * Writes the bytes of a list (speaker, email, affiliation) between
 * marks: a line break or ';' and the blanks after it as "; ", as
 * put_field joins items.
 */
static void
put_list_part(struct grep *g, const struct tk_str *part)
{
	size_t i = 0, k;

	while (i < part->n) {
		for (k = i; k < part->n && part->p[k] != ';' &&
		    part->p[k] != '\n' && part->p[k] != '\r';)
			k++;
		struct tk_str run = { part->p + i, k - i };
		tk_put_flat(&g->c.out, &run);
		if (k == part->n)
			break;
		tk_out_write(&g->c.out, "; ", 2);
		if (part->p[k] == '\r' && k + 1 < part->n &&
		    part->p[k + 1] == '\n')
			k++;
		for (i = k + 1; i < part->n && (part->p[i] == ' ' ||
		    part->p[i] == '\t');)
			i++;
	}
}

/*
 * Writes v's bytes from *at up to end, flattened, and moves *at there.
 * A CR LF cut by a mark stays one space.  Items of a list (col) are
 * joined as put_field joins them.
 */
static void
put_part(struct grep *g, size_t col, const struct tk_str *v, size_t *at,
    size_t end)
{
	struct tk_str part;

	if (*at > 0 && *at < end && v->p[*at] == '\n' && v->p[*at - 1] == '\r')
		(*at)++;
	part.p = v->p + *at;
	part.n = end - *at;
	if (tk_is_list(col))
		put_list_part(g, &part);
	else
		tk_put_flat(&g->c.out, &part);
	*at = end;
}

/* Writes column col of rec flattened, with its matches marked. */
static void
put_marked(struct grep *g, const struct tk_record *rec, size_t col)
{
	const struct tk_str *v = &rec->f[col];
	struct tk_err e;
	size_t at = 0, so, eo;
	int rc;

	tk_matcher_start(g->m, v->p, v->n);
	while ((rc = tk_matcher_next(g->m, &so, &eo, &e)) == 1) {
		put_part(g, col, v, &at, so);
		tk_out_puts(&g->c.out, SGR_MATCH);
		put_part(g, col, v, &at, eo);
		tk_out_puts(&g->c.out, SGR_END);
	}
	if (rc < 0)
		match_error(g, rec, col, &e);
	put_part(g, col, v, &at, v->n);
}

/* One line of talks list, the matches in searched fields marked. */
static void
put_list(struct grep *g, const struct tk_record *rec)
{
	struct common *c = &g->c;

	put_prefix(g, rec->file);
	if (!g->color || g->invert) {
		put_line(c, rec);
		return;
	}
	for (size_t i = 0; i < c->ncols; i++) {
		if (i > 0)
			tk_out_putc(&c->out, '\t');
		if (g->searched[c->cols[i]])
			put_marked(g, rec, c->cols[i]);
		else
			put_field(c, c->cols[i], &rec->f[c->cols[i]]);
	}
	put_eol(g);
}

/* -o: a line for each match: title, field name and the matched text. */
static void
put_only(struct grep *g, const struct tk_record *rec)
{
	struct tk_out *o = &g->c.out;
	struct tk_err e;
	size_t so, eo;
	int rc;

	for (size_t i = 0; i < g->nscols && !g->invert; i++) {
		size_t col = g->scols[i];
		const struct tk_str *v = &rec->f[col];
		tk_matcher_start(g->m, v->p, v->n);
		while ((rc = tk_matcher_next(g->m, &so, &eo, &e)) == 1) {
			struct tk_str hit = { v->p + so, eo - so };
			put_prefix(g, rec->file);
			tk_put_flat(o, &rec->f[TK_TITLE]);
			tk_out_putc(o, '\t');
			tk_out_puts(o, tk_colname(g->c.r, col));
			tk_out_putc(o, '\t');
			if (g->color)
				tk_out_puts(o, SGR_MATCH);
			tk_put_flat(o, &hit);
			if (g->color)
				tk_out_puts(o, SGR_END);
			put_eol(g);
		}
		if (rc < 0)
			match_error(g, rec, col, &e);
	}
}

/* -t: the whole record as a CSV or TSV row. */
static void
put_record(struct grep *g, const struct tk_record *rec)
{
	for (size_t i = 0; i < g->c.ncols; i++)
		g->row[i] = &rec->f[g->c.cols[i]];
	tk_put_row(&g->c.out, g->row, g->c.ncols, g->to, ',', "\n");
}

/* With --each speaker: the line or row of speaker p of talk rec. */
static int
put_person(void *ctx, const struct tk_record *rec, const struct tk_person *p)
{
	struct grep *g = ctx;
	struct tk_record one;

	common_person_record(&g->c, rec, p, &one);
	if (g->mode == M_LIST)
		put_list(g, &one);
	else
		put_record(g, &one);
	return 0;
}

/* Writes what the mode asks for about a selected talk. */
static void
emit(struct grep *g, const struct tk_record *rec)
{
	if (g->each) {
		common_each_person(rec, put_person, g);
		return;
	}
	switch (g->mode) {
	case M_LIST:
		put_list(g, rec);
		break;
	case M_ONLY:
		put_only(g, rec);
		break;
	case M_ROWS:
		put_record(g, rec);
		break;
	case M_FILES:
		put_name(g, rec->file);
		put_eol(g);
		break;
	case M_COUNT:
	case M_QUIET:
		break;
	}
}

/* The header line or row, for --header and -t. */
static void
put_header(struct grep *g)
{
	static const char only_header[] = "title\tfield\tmatch";

	if (g->mode == M_ROWS) {
		struct tk_str *names = tk_xcalloc(g->c.ncols, sizeof(*names));
		for (size_t i = 0; i < g->c.ncols; i++) {
			names[i].p = tk_colname(g->c.r, g->c.cols[i]);
			names[i].n = strlen(names[i].p);
			g->row[i] = &names[i];
		}
		tk_put_row(&g->c.out, g->row, g->c.ncols, g->to, ',', "\n");
		free(names);
	} else if (g->c.header && g->mode == M_ONLY) {
		tk_out_puts(&g->c.out, only_header);
		put_eol(g);
	} else if (g->c.header && g->mode == M_LIST) {
		put_header_line(&g->c);
	}
}

/* -c: the count, or one count per file when file names are shown. */
static void
put_counts(struct grep *g)
{
	char buf[32];

	if (!g->names) {
		snprintf(buf, sizeof(buf), "%llu\n", g->total);
		tk_out_puts(&g->c.out, buf);
		return;
	}
	for (size_t i = 0; i < g->nfiles; i++) {
		put_prefix(g, tk_filename(g->c.r, i));
		snprintf(buf, sizeof(buf), "%llu\n", g->per[i]);
		tk_out_puts(&g->c.out, buf);
	}
}

/*
 * Reads the records and handles the selected ones, kept in rows when
 * they are to be sorted.  Returns 1 when -q may stop at once.
 */
static int
search(struct grep *g, struct tk_rows *rows)
{
	struct tk_record rec;

	if (g->limit == 0)
		return 0;
	while (common_next(&g->c, &rec)) {
		if (g->per[rec.fileno] >= g->limit || selected(g, &rec) != 1)
			continue;
		common_sign(&g->c, &rec);
		g->per[rec.fileno]++;
		g->total++;
		if (g->mode == M_QUIET)
			return 1;
		if (rows)
			tk_rows_add(rows, &rec);
		else
			emit(g, &rec);
		/* Past the limit in the last file there is nothing to do. */
		if (rec.fileno + 1 == g->nfiles &&
		    g->per[rec.fileno] >= g->limit)
			break;
	}
	return 0;
}

/* Prints the kept records sorted by -s. */
static void
put_sorted(struct grep *g, struct tk_rows *rows)
{
	struct tk_record rec;

	tk_rows_sort(rows, g->c.keys, g->c.nkeys, g->c.reverse);
	for (size_t i = 0; i < tk_rows_count(rows); i++) {
		tk_rows_get(rows, i, &rec);
		emit(g, &rec);
	}
}

/* The columns a sorted run keeps besides the printed ones and the keys. */
static struct tk_rows *
sort_store(struct grep *g)
{
	size_t *extra;
	struct tk_rows *rows;

	if (g->c.sort == NULL || g->mode == M_QUIET || g->mode == M_FILES ||
	    g->mode == M_COUNT)
		return NULL;
	if (g->mode != M_ONLY)
		return common_rows(&g->c, each_cols, g->each ? 4 : 0);
	extra = tk_xcalloc(g->nscols + 1, sizeof(*extra));
	extra[0] = TK_TITLE;
	memcpy(extra + 1, g->scols, g->nscols * sizeof(*extra));
	rows = common_rows(&g->c, extra, g->nscols + 1);
	free(extra);
	return rows;
}

/* The reader's prefilter: the matcher's raw-record test. */
static int
raw_may_match(void *ctx, const char *p, size_t n, int delim)
{
	return tk_matcher_raw(ctx, p, n, delim);
}

/*
 * Tells the reader the columns grep looks at: the searched ones, and
 * those that the mode writes or sorts by.
 */
static void
want_columns(struct grep *g)
{
	size_t *cols = tk_xcalloc(g->nscols + 5, sizeof(*cols));
	size_t n = g->nscols;
	int what = 0;

	cols[0] = TK_TITLE;
	memcpy(cols + 1, g->scols, g->nscols * sizeof(*cols));
	if (g->each) {
		memcpy(cols + 1 + n, each_cols, sizeof(each_cols));
		n += 4;
	}
	if (g->mode == M_LIST || g->mode == M_ROWS)
		what = WANT_PRINTED | WANT_SORTED;
	else if (g->mode == M_ONLY)
		what = WANT_SORTED;
	/* -o writes the title; the other modes need only the searched. */
	if (g->mode == M_ONLY)
		common_want(&g->c, what, cols, n + 1);
	else
		common_want(&g->c, what, cols + 1, n);
	free(cols);
}

/* Resolves --in and sets up what searching needs; -1 after an error. */
static int
prepare(struct grep *g, int nfiles)
{
	if (g->in == NULL)
		g->scols = tk_all_fields(g->c.r, &g->nscols);
	else if (common_fields(&g->c, g->in, &g->scols, &g->nscols) < 0)
		return -1;
	want_columns(g);
	g->searched = tk_xcalloc(tk_ncols(g->c.r), 1);
	for (size_t i = 0; i < g->nscols; i++)
		g->searched[g->scols[i]] = 1;
	g->nfiles = nfiles > 0 ? (size_t)nfiles : 1;
	g->per = tk_xcalloc(g->nfiles, sizeof(*g->per));
	g->row = tk_xcalloc(g->c.ncols, sizeof(*g->row));
	/*
	 * A record that no field can match is not selected, so the reader
	 * may skip it undecoded; with -v it is selected.
	 */
	if (!g->invert && tk_matcher_has_raw(g->m))
		tk_set_prefilter(g->c.r, raw_may_match, g->m);
	return 0;
}

static int
finish(struct grep *g)
{
	int rc = common_finish(&g->c);

	tk_matcher_free(g->m);
	for (size_t i = 0; i < g->nbufs; i++)
		free(g->bufs[i]);
	free(g->bufs);
	free(g->pats);
	free(g->scols);
	free(g->searched);
	free(g->per);
	free(g->row);
	return rc;
}

static int
run(struct grep *g, int argc, char **argv)
{
	struct tk_rows *rows;
	struct tk_err e;

	g->mo.no_raw = g->c.no_raw;
	if ((g->m = tk_matcher_new(g->pats, g->npats, &g->mo, &e)) == NULL) {
		report(&e);
		return -1;
	}
	if (common_open(&g->c, argc, argv, g->mode == M_ROWS ? NULL :
	    "title,speaker,track,level") < 0 || prepare(g, argc) < 0)
		return -1;
	if (g->mode == M_ROWS || g->c.header)
		put_header(g);
	rows = sort_store(g);
	if (search(g, rows)) {
		tk_rows_free(rows);
		return 1;
	}
	if (rows)
		put_sorted(g, rows);
	tk_rows_free(rows);
	if (g->mode == M_COUNT)
		put_counts(g);
	return 0;
}

int
cmd_grep(int argc, char **argv)
{
	struct grep g;
	int first, rc;

	memset(&g, 0, sizeof(g));
	common_init(&g.c, "grep", usage);
	/* The prefilter skips records unseen: warn of selected ones only. */
	g.c.sign_later = 1;
	/*
	 * Nor can it tell a filter value that no talk has: grep's status 1
	 * says that nothing was selected.
	 */
	g.c.no_watch = 1;
	g.names = -1;
	g.limit = ULLONG_MAX;
	if ((first = options(&g, argc, argv)) < 0) {
		finish(&g);
		return 2;
	}
	argc -= first;
	argv += first;
	choose_mode(&g);
	if (g.names < 0)
		g.names = argc > 1;
	rc = run(&g, argc, argv);
	if (rc < 0) {
		finish(&g);
		return 2;
	}
	if (rc > 0) {
		/* -q: a talk was selected, whatever else happened. */
		finish(&g);
		return 0;
	}
	rc = finish(&g);
	return rc ? rc : g.total ? 0 : 1;
}
