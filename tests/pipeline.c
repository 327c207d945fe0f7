/*
 * pipeline.c - runs a case's command line without a shell when it is a
 * simple pipeline, as bash -o pipefail would run it: each process costs
 * milliseconds on a virtual machine, and bash would be one more.
 *
 * A simple pipeline is stages joined by " | ".  A stage is words, each
 * made of plain characters, single-quoted strings and double-quoted
 * strings without $, `, \ or !; it may start with NAME=VALUE words and
 * hold the redirections >/dev/null, >/dev/full, 2>/dev/null, 2>&1, >&-
 * and <&-.  Its command is not one that bash runs itself (echo, printf,
 * test and the like), since an outside program of that name may differ.
 * Anything else is left to bash.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pipeline.h"

/* Commands that bash runs itself, and its reserved words. */
static const char *const builtins[] = {
	"!", ".", ":", "[", "[[", "alias", "bg", "bind", "break", "builtin",
	"caller", "case", "cd", "command", "compgen", "complete", "continue",
	"declare", "dirs", "disown", "do", "echo", "enable", "eval", "exec",
	"exit", "export", "false", "fc", "fg", "for", "function", "getopts",
	"hash", "help", "history", "if", "jobs", "kill", "let", "local",
	"logout", "mapfile", "popd", "printf", "pushd", "pwd", "read",
	"readarray", "readonly", "return", "select", "set", "shift", "shopt",
	"source", "suspend", "test", "time", "times", "trap", "true", "type",
	"typeset", "ulimit", "umask", "unalias", "unset", "until", "wait",
	"while", "{", NULL
};

static const char *const redirs[] = {
	">/dev/null", ">/dev/full", "2>/dev/null", "2>&1", ">&-", "<&-", NULL
};

static int
among(const char *s, const char *const *v)
{
	for (; *v; v++)
		if (strcmp(s, *v) == 0)
			return 1;
	return 0;
}

/* Reads the word at *R into W (in place: W never passes R); returns 0
 * when it holds what bash would expand or interpret. */
static int
word(char **r, char **w)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./,:+@%^=-";
	char *p = *r, *q;

	while (*p && *p != ' ') {
		if (*p == '\'' || *p == '"') {
			if ((q = strchr(p + 1, *p)) == NULL)
				return 0;
			if (*p == '"' && strpbrk(p + 1, "$`\\!") != NULL &&
			    strpbrk(p + 1, "$`\\!") < q)
				return 0;
			memmove(*w, p + 1, (size_t)(q - p - 1));
			*w += q - p - 1;
			p = q + 1;
		} else if (*p != '\0' && strchr(ok, *p)) {
			*(*w)++ = *p++;
		} else {
			return 0;
		}
	}
	*r = p;
	return 1;
}

/* Whether S is NAME=VALUE with a name the shell would assign. */
static int
assignment(const char *s)
{
	const char *e = strchr(s, '=');

	if (e == NULL || e == s || (*s >= '0' && *s <= '9'))
		return 0;
	for (; s < e; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

int
pl_parse(char *cmd, struct pipeline *pl)
{
	char *r = cmd, *w = cmd;
	struct pl_stage *st;

	if (strchr(cmd, '\n'))
		return 0;
	memset(pl, 0, sizeof *pl);
	st = &pl->st[0];
	pl->n = 1;
	for (;;) {
		char *start, *tok;
		int raw;

		while (*r == ' ')
			r++;
		if (*r == '\0')
			break;
		/* A redirection or a bar is a word of its own, unquoted. */
		start = r;
		while (*r && *r != ' ')
			r++;
		raw = !memchr(start, '\'', (size_t)(r - start)) &&
		    !memchr(start, '"', (size_t)(r - start));
		r = start;
		tok = w;
		if (raw && r[0] == '|' && (r[1] == ' ' || r[1] == '\0')) {
			if (st->argc == 0 || pl->n == PL_STAGES)
				return 0;
			st = &pl->st[pl->n++];
			r++;
			continue;
		}
		if (raw) {
			size_t len = strcspn(r, " ");
			int is_redir = 0;

			for (int i = 0; redirs[i] && !is_redir; i++)
				is_redir = strlen(redirs[i]) == len &&
				    memcmp(r, redirs[i], len) == 0;
			if (is_redir) {
				if (st->nredir == PL_REDIRS)
					return 0;
				memmove(w, r, len);
				r += len;
				if (*r)
					r++;
				w[len] = '\0';
				st->redir[st->nredir++] = w;
				w += len + 1;
				continue;
			}
		}
		if (!word(&r, &w))
			return 0;
		/* The space after the word, if any, is where its end goes. */
		if (*r)
			r++;
		*w++ = '\0';
		if (st->argc == 0 && raw && assignment(tok)) {
			if (st->nenv == PL_ENV)
				return 0;
			st->env[st->nenv++] = tok;
			continue;
		}
		if (st->argc == PL_ARGS - 1)
			return 0;
		st->argv[st->argc++] = tok;
	}
	for (int i = 0; i < pl->n; i++)
		if (pl->st[i].argc == 0 || among(pl->st[i].argv[0], builtins))
			return 0;
	return 1;
}

/* ENV with the stage's assignments put over it, in a new array. */
static char **
stage_env(char *const env[], const struct pl_stage *st)
{
	size_t n = 0, k = 0;
	char **v;

	while (env[n])
		n++;
	if ((v = malloc((n + (size_t)st->nenv + 1) * sizeof *v)) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int over = 0;

		for (int j = 0; j < st->nenv; j++) {
			size_t len = (size_t)(strchr(st->env[j], '=') -
			    st->env[j]) + 1;
			if (strncmp(env[i], st->env[j], len) == 0)
				over = 1;
		}
		if (!over)
			v[k++] = env[i];
	}
	for (int j = 0; j < st->nenv; j++)
		v[k++] = st->env[j];
	v[k] = NULL;
	return v;
}

/* The redirections of a stage, in the order written, after the pipe's. */
static void
redirect(posix_spawn_file_actions_t *fa, const struct pl_stage *st)
{
	for (int i = 0; i < st->nredir; i++) {
		const char *r = st->redir[i];

		if (strcmp(r, ">&-") == 0)
			posix_spawn_file_actions_addclose(fa, 1);
		else if (strcmp(r, "<&-") == 0)
			posix_spawn_file_actions_addclose(fa, 0);
		else if (strcmp(r, "2>&1") == 0)
			posix_spawn_file_actions_adddup2(fa, 1, 2);
		else if (r[0] == '2')
			posix_spawn_file_actions_addopen(fa, 2, r + 2,
			    O_WRONLY, 0);
		else
			posix_spawn_file_actions_addopen(fa, 1, r + 1,
			    O_WRONLY, 0);
	}
}

int
pl_start(const struct pipeline *pl, char *const env[], int in, int out,
    int err, pid_t *pids)
{
	int prev = in, e = 0, i;

	for (i = 0; i < pl->n && e == 0; i++) {
		const struct pl_stage *st = &pl->st[i];
		posix_spawn_file_actions_t fa;
		int p[2] = { -1, -1 };
		char **v;

		if (i + 1 < pl->n && pipe2(p, O_CLOEXEC) != 0) {
			e = errno;
			break;
		}
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_adddup2(&fa, prev, 0);
		posix_spawn_file_actions_adddup2(&fa, p[1] >= 0 ? p[1] : out,
		    1);
		posix_spawn_file_actions_adddup2(&fa, err, 2);
		redirect(&fa, st);
		if ((v = stage_env(env, st)) == NULL)
			e = ENOMEM;
		else
			e = posix_spawnp(&pids[i], st->argv[0], &fa, NULL,
			    st->argv, v);
		free(v);
		posix_spawn_file_actions_destroy(&fa);
		if (prev != in)
			close(prev);
		if (p[1] >= 0)
			close(p[1]);
		prev = p[0];
	}
	if (prev != in && prev >= 0)
		close(prev);
	if (e == 0)
		return 0;
	/* The stages started before the one that could not. */
	for (int j = 0; j < i - 1; j++) {
		kill(pids[j], SIGKILL);
		while (waitpid(pids[j], NULL, 0) < 0 && errno == EINTR)
			;
	}
	errno = e;
	return -1;
}
