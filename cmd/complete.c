/*
 * complete.c - what the shell completions ask talks (completions/): the
 * words that may stand at a place of a command line, so that no
 * completion script parses CSV or keeps a list of options of its own:
 * the options are those of the commands' getopt tables (main.c).
 *
 *   talks __complete N WORD...
 *
 * WORD... is the command line, "talks" first; N is the index of the word
 * being completed.  Prints the candidates that start with that word, one
 * a line: a command; an option of the command; after an option that takes
 * fields, the columns of the files named on the line, in a comma list;
 * after --track, --level or --speaker, the values those files have; after
 * an option with fixed values, those.  Exits 1 when the place is a file's,
 * so that the shell completes file names instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

/* The option table of the command being completed. */
static const char *asked_short;
static const struct option *asked_long;

/* Options whose values are fixed, and those that take field names. */
static const struct {
	const char *cmd, *opt, *values;
} fixed[] = {
	{ "export", "to", "csv tsv json jsonl markdown html ics frab "
	    "template mbox" },
	{ "grep", "to", "csv tsv" },
	{ "by-track", "table", "text tsv csv" },
	{ "check", "to", "text json jsonl" },
	{ "import", "to", "csv tsv" },
	{ NULL, "tsv-escapes", "on off auto" },
	{ NULL, "color", "never always auto" },
	{ NULL, "colour", "never always auto" },
	{ NULL, "order", "input name count" },
	{ NULL, "each", "speaker" },
	{ NULL, "date-order", "dmy mdy ymd" },
	{ NULL, "markup", "text markdown html" },
	{ NULL, "layout", "grid list" },
};
static const char *const field_opts[] = { "fields", "sort", "in", "by",
	"keys", NULL };
static const char *const value_opts[] = { "track", "level", "speaker",
	"room", "day", NULL };

static int
among(const char *s, const char *const *v)
{
	for (; *v; v++)
		if (strcmp(s, *v) == 0)
			return 1;
	return 0;
}

/* What goes before each word offered: "--color=" when the value is
 * completed in the same word as its option. */
static const char *pfx = "";
static int npfx;

static void
offer(const char *word, const char *cur)
{
	if (strncmp(word, cur, strlen(cur)) == 0)
		printf("%.*s%s\n", npfx, pfx, word);
}

/* The long option that ARG names ("--x", or "-c" through its short
 * form); NULL when none. */
static const struct option *
long_of(const char *arg)
{
	const struct option *o;

	if (arg[0] != '-' || arg[1] == '\0')
		return NULL;
	for (o = asked_long; o->name; o++) {
		if (arg[1] == '-' && strcmp(arg + 2, o->name) == 0)
			return o;
		if (arg[1] != '-' && arg[2] == '\0' && o->val == arg[1])
			return o;
	}
	return NULL;
}

/* Whether ARG (an option word) takes the next word as its value. */
static int
takes_value(const char *arg)
{
	const struct option *o = long_of(arg);
	const char *p;

	if (arg[0] != '-' || strchr(arg, '=') || arg[1] == '\0')
		return 0;
	if (o)
		return o->has_arg == required_argument;
	/* A short option missing from the long table: from the short one;
	 * the last letter of a bundle such as -cf takes the value. */
	if (arg[1] != '-' && (p = strchr(asked_short, arg[strlen(arg) - 1])))
		return p[1] == ':';
	return 0;
}

/* The files named on the line: words that are not options or their
 * values, and name readable files. */
static size_t
files_named(char **w, int n, int cword, char **files)
{
	size_t k = 0;

	for (int i = 2; i < n; i++) {
		if (i == cword)
			continue;
		if (w[i][0] == '-' && w[i][1] != '\0') {
			if (strcmp(w[i], "--") != 0 && takes_value(w[i]))
				i++;
			continue;
		}
		if (access(w[i], R_OK) == 0)
			files[k++] = w[i];
	}
	return k;
}

/* The columns of the files, each after PREFIX (a comma list so far). */
static void
columns(struct common *c, char **files, size_t n, const char *cur)
{
	const char *comma = strrchr(cur, ',');
	size_t plen = comma ? (size_t)(comma - cur) + 1 : 0;
	char word[512];

	if (n == 0 || common_open(c, (int)n, files, NULL) < 0)
		return;
	for (size_t i = 0; i < tk_ncols(c->r); i++) {
		if (!tk_col_present(c->r, i))
			continue;
		snprintf(word, sizeof word, "%.*s%s", (int)plen, cur,
		    tk_colname(c->r, i));
		offer(word, cur);
	}
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The values that FIELD has in the files, each once, sorted. */
static void
values(struct common *c, const char *field, char **files, size_t n,
    const char *cur)
{
	struct tk_record rec;
	char **v = NULL;
	size_t nv = 0, cap = 0;
	long col;

	if (n == 0 || common_open(c, (int)n, files, NULL) < 0)
		return;
	col = tk_find_col(c->r, field, strlen(field));
	if (col < 0)
		return;
	size_t want = (size_t)col;
	common_want(c, 0, &want, 1);
	while (common_next(c, &rec)) {
		struct tk_str it;
		size_t pos = 0;

		if ((size_t)col >= rec.nf)
			continue;
		while (tk_next_item(&rec.f[col], &pos, &it)) {
			if (it.n == 0)
				continue;
			if (nv == cap)
				v = tk_xrealloc(v, (cap = cap ? 2 * cap : 64) *
				    sizeof *v);
			v[nv] = tk_xmalloc(it.n + 1);
			memcpy(v[nv], it.p, it.n);
			v[nv++][it.n] = '\0';
		}
	}
	if (nv)
		qsort(v, nv, sizeof *v, by_text);
	for (size_t i = 0; i < nv; i++)
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
			offer(v[i], cur);
	for (size_t i = 0; i < nv; i++)
		free(v[i]);
	free(v);
}

int
cmd_complete(int argc, char **argv, const struct command *cmds,
    size_t ncmds)
{
	struct common c;
	const struct command *cmd = NULL;
	char **w = argv + 2, **files;
	int n = argc - 2, cword;
	const char *cur, *prev, *opt = NULL;

	if (argc < 4 || (cword = atoi(argv[1])) < 1 || cword > n)
		return 2;
	cur = cword < n ? w[cword] : "";
	if (cword == 1) {
		for (size_t i = 0; i < ncmds; i++)
			offer(cmds[i].name, cur);
		offer("help", cur);
		offer("--help", cur);
		offer("--version", cur);
		return 0;
	}
	for (size_t i = 0; i < ncmds; i++)
		if (strcmp(cmds[i].name, w[1]) == 0)
			cmd = &cmds[i];
	if (strcmp(w[1], "help") == 0 && cword == 2) {
		for (size_t i = 0; i < ncmds; i++)
			offer(cmds[i].name, cur);
		return 0;
	}
	if (cmd == NULL)
		return 1;
	asked_short = cmd->shortopts;
	asked_long = cmd->longopts;
	prev = w[cword - 1];
	if (strncmp(cur, "--", 2) == 0 && strchr(cur, '=')) {
		/* --opt=VALUE: the value, after the option kept as it is. */
		const char *eq = strchr(cur, '=');

		for (const struct option *o = asked_long; o->name; o++)
			if (strlen(o->name) == (size_t)(eq - cur - 2) &&
			    strncmp(o->name, cur + 2, (size_t)(eq - cur - 2)) == 0)
				opt = o->name;
		pfx = cur;
		npfx = (int)(eq - cur + 1);
		cur = eq + 1;
	} else if (cur[0] == '-') {
		char word[128];

		for (const struct option *o = asked_long; o->name; o++) {
			snprintf(word, sizeof word, "--%s", o->name);
			offer(word, cur);
		}
		for (const char *p = asked_short; *p; p++) {
			if (*p == ':' || *p == '+' || *p == '-')
				continue;
			snprintf(word, sizeof word, "-%c", *p);
			offer(word, cur);
		}
		return 0;
	}
	/* bash gives "--color=a" as three words, "--color", "=" and "a". */
	if (opt == NULL && strcmp(cur, "=") == 0 && long_of(prev)) {
		opt = long_of(prev)->name;
		pfx = "=";
		npfx = 1;
		cur = "";
	} else if (opt == NULL && strcmp(prev, "=") == 0 && cword >= 3 &&
	    long_of(w[cword - 2])) {
		opt = long_of(w[cword - 2])->name;
	}
	if (opt == NULL && prev[0] == '-' && takes_value(prev)) {
		const struct option *o = long_of(prev);

		opt = o ? o->name : NULL;
	}
	if (opt == NULL)
		return 1;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		if (strcmp(fixed[i].opt, opt) != 0 || (fixed[i].cmd &&
		    strcmp(fixed[i].cmd, cmd->name) != 0))
			continue;
		char list[256], *save, *t;

		snprintf(list, sizeof list, "%s", fixed[i].values);
		for (t = strtok_r(list, " ", &save); t;
		    t = strtok_r(NULL, " ", &save))
			offer(t, cur);
		return 0;
	}
	if (!among(opt, field_opts) && !among(opt, value_opts))
		return 1;
	files = tk_xmalloc((size_t)n * sizeof *files);
	size_t nf = files_named(w, n, cword, files);
	/* Warnings about the files are not the shell's business. */
	if (freopen("/dev/null", "w", stderr) == NULL)
		return 2;
	common_init(&c, cmd->name, "");
	if (among(opt, field_opts))
		columns(&c, files, nf, cur);
	else
		values(&c, opt, files, nf, cur);
	free(files);
	common_finish(&c);
	return 0;
}
