/*
 * runner.c - runs the jobs that tests/run.sh lists, several at a time,
 * and counts what passed, failed and was skipped.
 *
 * A job is a line on standard input:
 *   unit:FILE     a unit test; its last line is "N passed, M failed"
 *   PATH:DIR      the golden case in DIR, run with TALKS_PATH=PATH, or on
 *                 the default path when PATH is "-"
 * A case's command line is run by bash -o pipefail, except a simple
 * pipeline (pipeline.c: words and quoted strings that the shell would
 * not expand, a few redirections), whose programs are started
 * directly: the same result, and one process fewer.  What a case needs (its file
 * 'needs') is looked up here, without a process, but for Python
 * modules, whose answer is kept.
 *
 * Usage: tests/runner [-j JOBS] <JOBLIST
 * Environment: TALKS_RESULTS, a folder for the jobs' files (required);
 * TALKS_WRAPPER, a command line put before each unit test; TALKS_TIMES,
 * a file that gets a line "MILLISECONDS CPU_MILLISECONDS JOB" for each
 * job that ran (the CPU time of the job and of what it waited for).
 * Writes each failure's details, then the skipped cases, then three
 * lines: "golden: ...", "unit: ..." and "N passed, N failed, N skipped".
 * Exit 0 when nothing failed and something passed, 1 otherwise.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pipeline.h"

extern char **environ;

#define MAXSLOTS 64

struct slot {
	pid_t pids[PL_STAGES];	/* its processes */
	int npids, live;	/* how many, how many not yet waited for */
	int stat[PL_STAGES];	/* the exit status of each */
	int rc;			/* the job's, as bash -o pipefail gives it */
	long cpu;		/* milliseconds of CPU of those waited for */
	char *job;		/* the job line, owned */
	struct timespec t0;	/* when it started */
	char dir[PATH_MAX / 2];	/* its files: out, err, t/ */
};

static struct slot slots[MAXSLOTS];
static const char *results;
static const char *wrapper;
static unsigned long gpass, gfail, gskip, upass, ufail;
/* What is printed at the end, sorted: the failures' details, the
 * skipped cases.  report is where a job's failure is written. */
struct lines {
	char **v;
	size_t n, cap;
};
static struct lines fails, skips;
static FILE *report;
static char *report_buf;
static size_t report_len;
static FILE *times;	/* each job's milliseconds, when asked */

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "runner: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die("out of memory");
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

/* Reads all of PATH; a missing file reads as empty.  *N gets its size. */
static char *
slurp(const char *path, size_t *n)
{
	char *p = NULL;
	size_t len = 0, cap = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY);

	*n = 0;
	if (fd < 0) {
		if (errno != ENOENT)
			die("%s: %s", path, strerror(errno));
		p = xrealloc(NULL, 1);
		*p = '\0';
		return p;
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap * 2 + 65536;
			p = xrealloc(p, cap + 1);
		}
		r = read(fd, p + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die("%s: %s", path, strerror(errno));
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	p[len] = '\0';
	*n = len;
	return p;
}

static int
exists(const char *dir, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* Writes each line of TEXT (at most MAX lines) to the log, indented. */
static void
log_indented(const char *text, size_t n, int max)
{
	size_t i = 0;

	while (i < n && max-- > 0) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (text + i)) : n - i;

		fprintf(report, "  %.*s\n", (int)len, text + i);
		i += len + 1;
	}
}

/* ------------------------------------------------------------ needs */

static int
on_path(const char *cmd)
{
	const char *p = getenv("PATH");
	char path[PATH_MAX];

	while (p && *p) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		snprintf(path, sizeof path, "%.*s/%s", (int)n, n ? p : ".", cmd);
		if (access(path, X_OK) == 0)
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static int run_wait(char *const argv[], const char *out);

static int
has_module(const char *mod)
{
	static char *known[32];
	static int answer[32];
	static int nknown;
	const char *py = access("/usr/bin/python3", X_OK) == 0 ?
	    "/usr/bin/python3" : "python3";
	char code[256];
	int i, ok;

	for (i = 0; i < nknown; i++)
		if (strcmp(known[i], mod) == 0)
			return answer[i];
	/* Found, not imported: importing icalendar takes a tenth of a
	 * second; a module found that then fails to import fails its case. */
	snprintf(code, sizeof code, "import importlib.util, sys; "
	    "sys.exit(importlib.util.find_spec('%s') is None)", mod);
	ok = run_wait((char *[]){ (char *)py, "-c", code, NULL },
	    "/dev/null") == 0;
	if (nknown < 32) {
		known[nknown] = xstrdup(mod);
		answer[nknown++] = ok;
	}
	return ok;
}

/* The first requirement in DIR/needs that this machine lacks, written
 * into WHY; 0 when it has them all. */
static int
missing(const char *dir, char *why, size_t size)
{
	char path[PATH_MAX];
	size_t n;
	char *text, *line, *save = NULL;
	int lacks = 0;

	snprintf(path, sizeof path, "%s/needs", dir);
	text = slurp(path, &n);
	for (line = strtok_r(text, "\n", &save); line && !lacks;
	    line = strtok_r(NULL, "\n", &save)) {
		if (*line == '\0' || *line == '#')
			continue;
		if (strncmp(line, "python3:", 8) == 0) {
			lacks = !has_module(line + 8);
			snprintf(why, size, "no Python module %s", line + 8);
		} else {
			lacks = strchr(line, '/') ? access(line, F_OK) != 0 :
			    !on_path(line);
			snprintf(why, size, "no %s", line);
		}
	}
	free(text);
	return lacks;
}

/* ------------------------------------------------------------ processes */

/* The environment of a case: this one's, with TALKS_PATH and TMPDIR set
 * as given (TALKS_PATH left out when TPATH is NULL). */
static char **
case_env(const char *tpath, const char *tmpdir)
{
	static char **env;
	static char pathvar[64], tmpvar[PATH_MAX + 8];
	size_t n = 0, i;

	for (i = 0; environ[i]; i++)
		;
	env = xrealloc(env, (i + 3) * sizeof *env);
	for (i = 0; environ[i]; i++)
		if (strncmp(environ[i], "TALKS_PATH=", 11) != 0 &&
		    strncmp(environ[i], "TMPDIR=", 7) != 0)
			env[n++] = environ[i];
	if (tpath) {
		snprintf(pathvar, sizeof pathvar, "TALKS_PATH=%s", tpath);
		env[n++] = pathvar;
	}
	snprintf(tmpvar, sizeof tmpvar, "TMPDIR=%s", tmpdir);
	env[n++] = tmpvar;
	env[n] = NULL;
	return env;
}

/* Removes what DIR holds, at any depth, and leaves DIR: each case
 * starts with an empty TMPDIR of its own.  Folders that a case made
 * unreadable are opened first. */
static void
empty_dir(const char *dir)
{
	char path[PATH_MAX];
	struct dirent *e;
	struct stat st;
	int removed;
	DIR *d;

	do {
		if ((d = opendir(dir)) == NULL &&
		    (chmod(dir, 0700) != 0 || (d = opendir(dir)) == NULL))
			die("%s: %s", dir, strerror(errno));
		removed = 0;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
				empty_dir(path);
				if (rmdir(path) != 0)
					die("%s: %s", path, strerror(errno));
			} else if (unlink(path) != 0 && errno != ENOENT) {
				die("%s: %s", path, strerror(errno));
			}
			removed = 1;
		}
		closedir(d);
	} while (removed);
}

/* Starts ARGV with standard input from IN, output to OUT and errors to
 * ERR (to OUT when ERR is NULL); returns its pid. */
static pid_t
start(char *const argv[], char *const env[], const char *in,
    const char *out, const char *err)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int e;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out,
	    O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (err)
		posix_spawn_file_actions_addopen(&fa, 2, err,
		    O_WRONLY | O_CREAT | O_TRUNC, 0644);
	else
		posix_spawn_file_actions_adddup2(&fa, 1, 2);
	e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	if (e != 0) {
		errno = e;
		return -1;
	}
	return pid;
}

/* The exit status as the shell gives it: 128 + N for signal N. */
static int
status_of(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	return 255;
}

/* Runs ARGV to its end, output to OUT; returns its exit status. */
static int
run_wait(char *const argv[], const char *out)
{
	pid_t pid = start(argv, environ, "/dev/null", out, NULL);
	int ws;

	if (pid < 0)
		return 127;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return 255;
	return status_of(ws);
}

/* ------------------------------------------------------------ jobs */

static void
add_line(struct lines *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap * 2 + 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = s;
}

static void
add_skip(const char *name, const char *why)
{
	char *s;

	if (asprintf(&s, "SKIP %s: %s", name, why) < 0)
		die("out of memory");
	add_line(&skips, s);
}

/* Opens report for one job's failure; report_close keeps what was
 * written there. */
static void
report_open(void)
{
	report = open_memstream(&report_buf, &report_len);
	if (report == NULL)
		die("out of memory");
}

static void
report_close(void)
{
	fclose(report);
	if (report_len > 0)
		add_line(&fails, report_buf);
	else
		free(report_buf);
	report = NULL;
}

/* The name a job is reported under: DIR, or "DIR [PATH]". */
static void
job_name(const char *job, char *name, size_t size)
{
	const char *colon = strchr(job, ':');

	if (strncmp(job, "unit:", 5) == 0 || strncmp(job, "-:", 2) == 0)
		snprintf(name, size, "%s", colon + 1);
	else
		snprintf(name, size, "%s [%.*s]", colon + 1,
		    (int)(colon - job), job);
}

/* Starts JOB in slot S; returns 0 when it was skipped or could not
 * start (and is counted), 1 when it runs. */
/* Starts the stages of PL for slot S, as start does; returns the first
 * pid, or -1. */
static pid_t
direct(struct slot *s, const struct pipeline *pl, char *const env[],
    const char *in, const char *out, const char *err)
{
	int fd[3], e = 0;

	fd[0] = open(in, O_RDONLY | O_CLOEXEC);
	fd[1] = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	fd[2] = open(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd[0] < 0 || fd[1] < 0 || fd[2] < 0 ||
	    pl_start(pl, env, fd[0], fd[1], fd[2], s->pids) != 0)
		e = errno;
	for (int i = 0; i < 3; i++)
		if (fd[i] >= 0)
			close(fd[i]);
	if (e) {
		errno = e;
		return -1;
	}
	s->npids = pl->n;
	return s->pids[0];
}

static int
launch(struct slot *s, char *job)
{
	char dir[PATH_MAX / 2], path[PATH_MAX], out[PATH_MAX], err[PATH_MAX];
	char tmp[PATH_MAX], why[PATH_MAX], name[PATH_MAX];
	struct pipeline pl;
	char *cmd, *copy, *tpath = NULL;
	char *colon = strchr(job, ':');
	size_t n;
	pid_t pid;

	if (colon == NULL)
		die("bad job '%s'", job);
	snprintf(out, sizeof out, "%s/out", s->dir);
	snprintf(err, sizeof err, "%s/err", s->dir);
	snprintf(tmp, sizeof tmp, "%s/t", s->dir);
	empty_dir(tmp);
	job_name(job, name, sizeof name);
	if (strncmp(job, "unit:", 5) == 0) {
		if (wrapper && *wrapper) {
			char *line;

			if (asprintf(&line, "%s %s", wrapper, colon + 1) < 0)
				die("out of memory");
			pid = start((char *[]){ "bash", "-c", line, NULL },
			    case_env(NULL, tmp), "/dev/null", out, NULL);
			free(line);
		} else {
			pid = start((char *[]){ colon + 1, NULL },
			    case_env(NULL, tmp), "/dev/null", out, NULL);
		}
	} else {
		snprintf(dir, sizeof dir, "%s", colon + 1);
		n = strlen(dir);
		while (n > 0 && dir[n - 1] == '/')
			dir[--n] = '\0';
		if (missing(dir, why, sizeof why)) {
			add_skip(name, why);
			gskip++;
			free(job);
			return 0;
		}
		if (strncmp(job, "-:", 2) != 0) {
			*colon = '\0';
			tpath = job;
		}
		snprintf(path, sizeof path, "%s/cmd", dir);
		cmd = slurp(path, &n);
		while (n > 0 && cmd[n - 1] == '\n')
			cmd[--n] = '\0';
		snprintf(path, sizeof path, "%s/in", dir);
		if (!exists(dir, "in"))
			snprintf(path, sizeof path, "/dev/null");
		copy = xstrdup(cmd);
		if (pl_parse(copy, &pl)) {
			pid = direct(s, &pl, case_env(tpath, tmp), path, out,
			    err);
		} else {
			pid = start((char *[]){ "bash", "-o", "pipefail", "-c",
			    cmd, NULL }, case_env(tpath, tmp), path, out, err);
		}
		free(copy);
		free(cmd);
		if (tpath)
			*colon = ':';
	}
	if (pid < 0) {
		fprintf(report, "FAIL %s: cannot start: %s\n", name,
		    strerror(errno));
		if (strncmp(job, "unit:", 5) == 0)
			ufail++;
		else
			gfail++;
		free(job);
		return 0;
	}
	if (s->npids == 0) {
		s->pids[0] = pid;
		s->npids = 1;
	}
	s->live = s->npids;
	s->rc = 0;
	s->cpu = 0;
	s->job = job;
	clock_gettime(CLOCK_MONOTONIC, &s->t0);
	return 1;
}

static void
finish_unit(struct slot *s, const char *name, int rc)
{
	char path[PATH_MAX];
	size_t n, i;
	char *text;
	const char *last;
	unsigned long p, f;

	snprintf(path, sizeof path, "%s/out", s->dir);
	text = slurp(path, &n);
	while (n > 0 && text[n - 1] == '\n')
		text[--n] = '\0';
	last = strrchr(text, '\n');
	last = last ? last + 1 : text;
	if (sscanf(last, "%lu passed, %lu failed", &p, &f) != 2) {
		ufail++;
		fprintf(report, "FAIL %s (no result line; exit %d)\n", name, rc);
		for (i = n, f = 0; i > 0 && f < 20; i--)
			if (text[i - 1] == '\n')
				f++;
		log_indented(text + i, n - i, 20);
	} else {
		upass += p;
		if (f == 0 && rc != 0)
			f = 1;
		ufail += f;
		if (f) {
			int shown = 0;

			fprintf(report, "FAIL %s (exit %d)\n", name, rc);
			for (i = 0; i < n && shown < 30; ) {
				const char *nl = memchr(text + i, '\n', n - i);
				size_t len = nl ? (size_t)(nl - text) - i : n - i;

				if (strncmp(text + i, "ok", 2) != 0) {
					log_indented(text + i, len, 1);
					shown++;
				}
				i += len + 1;
			}
		}
	}
	free(text);
}

/* Whether the file at GOT holds what WANT (a file, maybe missing) does. */
static int
same(const char *got, const char *want)
{
	size_t n1, n2;
	char *a = slurp(got, &n1), *b = slurp(want, &n2);
	int eq = n1 == n2 && memcmp(a, b, n1) == 0;

	free(a);
	free(b);
	return eq;
}

static void
log_diff(struct slot *s, const char *want, const char *got)
{
	char diffout[PATH_MAX];
	size_t n;
	char *text;

	snprintf(diffout, sizeof diffout, "%s/diff", s->dir);
	run_wait((char *[]){ "diff", (char *)(access(want, F_OK) == 0 ?
	    want : "/dev/null"), (char *)got, NULL }, diffout);
	text = slurp(diffout, &n);
	log_indented(text, n, 10);
	free(text);
}

static void
finish_golden(struct slot *s, const char *name, int rc)
{
	char dir[PATH_MAX / 2], want[PATH_MAX], got[PATH_MAX];
	const char *colon = strchr(s->job, ':');
	int expect = 0;
	size_t n;
	char *text;

	snprintf(dir, sizeof dir, "%s", colon + 1);
	n = strlen(dir);
	while (n > 0 && dir[n - 1] == '/')
		dir[--n] = '\0';
	snprintf(want, sizeof want, "%s/status", dir);
	text = slurp(want, &n);
	if (n > 0)
		expect = atoi(text);
	free(text);
	if (rc == 77 && expect != 77) {
		/* The case found, as it ran, that it cannot run here; its
		 * first line of errors says why. */
		snprintf(got, sizeof got, "%s/err", s->dir);
		text = slurp(got, &n);
		text[strcspn(text, "\n")] = '\0';
		add_skip(name, *text ? text : "the case said so (exit 77)");
		gskip++;
		free(text);
		return;
	}
	if (rc != expect) {
		gfail++;
		fprintf(report, "FAIL %s: exit %d, want %d\n", name, rc, expect);
		snprintf(got, sizeof got, "%s/err", s->dir);
		text = slurp(got, &n);
		log_indented(text, n > 600 ? 600 : n, 1000);
		free(text);
		return;
	}
	snprintf(want, sizeof want, "%s/out", dir);
	snprintf(got, sizeof got, "%s/out", s->dir);
	if (!same(got, want)) {
		gfail++;
		fprintf(report, "FAIL %s: stdout differs\n", name);
		log_diff(s, want, got);
		return;
	}
	snprintf(want, sizeof want, "%s/err", dir);
	snprintf(got, sizeof got, "%s/err", s->dir);
	if (!same(got, want)) {
		gfail++;
		fprintf(report, "FAIL %s: stderr differs\n", name);
		log_diff(s, want, got);
		return;
	}
	gpass++;
}

/* Waits for one job to end and counts its result. */
static void
reap(int nslots)
{
	char name[PATH_MAX];
	struct rusage ru;
	struct slot *s;
	int ws, i, k;
	pid_t pid;

	/* Until every process of one job has ended. */
	for (;;) {
		while ((pid = wait4(-1, &ws, 0, &ru)) < 0)
			if (errno != EINTR)
				die("waitpid: %s", strerror(errno));
		for (i = 0; i < nslots; i++) {
			for (k = 0; k < slots[i].npids; k++)
				if (slots[i].pids[k] == pid)
					break;
			if (k < slots[i].npids)
				break;
		}
		if (i == nslots)
			continue;
		s = &slots[i];
		s->cpu += (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
		    1000 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
		s->stat[k] = status_of(ws);
		s->pids[k] = 0;
		if (--s->live == 0)
			break;
	}
	/* pipefail: the last stage that failed gives the status. */
	for (k = 0; k < s->npids; k++)
		if (s->stat[k] != 0)
			s->rc = s->stat[k];
	if (times) {
		struct timespec t;

		clock_gettime(CLOCK_MONOTONIC, &t);
		fprintf(times, "%ld %ld %s\n", (long)(t.tv_sec -
		    s->t0.tv_sec) * 1000 + (t.tv_nsec - s->t0.tv_nsec) /
		    1000000, s->cpu, s->job);
	}
	job_name(s->job, name, sizeof name);
	report_open();
	if (strncmp(s->job, "unit:", 5) == 0)
		finish_unit(s, name, s->rc);
	else
		finish_golden(s, name, s->rc);
	report_close();
	free(s->job);
	s->job = NULL;
	s->npids = 0;
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints the texts of L sorted, each ending a line, and frees them. */
static void
print_lines(struct lines *l)
{
	qsort(l->v, l->n, sizeof *l->v, by_text);
	for (size_t i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]);

		fputs(l->v[i], stdout);
		if (n == 0 || l->v[i][n - 1] != '\n')
			putchar('\n');
		free(l->v[i]);
	}
	free(l->v);
}

int
main(int argc, char **argv)
{
	int nslots = 2, running = 0, i;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (argc == 3 && strcmp(argv[1], "-j") == 0)
		nslots = atoi(argv[2]);
	else if (argc != 1)
		die("usage: runner [-j JOBS] <JOBLIST");
	if (nslots < 1)
		nslots = 1;
	if (nslots > MAXSLOTS)
		nslots = MAXSLOTS;
	results = getenv("TALKS_RESULTS");
	if (results == NULL || *results == '\0')
		die("TALKS_RESULTS is not set");
	wrapper = getenv("TALKS_WRAPPER");
	if (getenv("TALKS_TIMES") && *getenv("TALKS_TIMES") &&
	    (times = fopen(getenv("TALKS_TIMES"), "a")) == NULL)
		die("%s: %s", getenv("TALKS_TIMES"), strerror(errno));
	for (i = 0; i < nslots; i++) {
		char t[PATH_MAX];

		snprintf(slots[i].dir, sizeof slots[i].dir, "%s/slot%d",
		    results, i);
		snprintf(t, sizeof t, "%s/t", slots[i].dir);
		/* t/ is writable by all, as /tmp is: a case may run talks
		 * as another user, and valgrind writes its files there. */
		if ((mkdir(slots[i].dir, 0755) != 0 && errno != EEXIST) ||
		    (mkdir(t, 0700) != 0 && errno != EEXIST) ||
		    chmod(t, 01777) != 0)
			die("%s: %s", slots[i].dir, strerror(errno));
	}
	while ((len = getline(&line, &cap, stdin)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (running == nslots) {
			reap(nslots);
			running--;
		}
		for (i = 0; slots[i].live != 0; i++)
			;
		report_open();
		running += launch(&slots[i], xstrdup(line));
		report_close();
	}
	free(line);
	while (running-- > 0)
		reap(nslots);

	if (times)
		fclose(times);
	print_lines(&fails);
	print_lines(&skips);
	printf("golden: %lu passed, %lu failed, %lu skipped\n", gpass, gfail,
	    gskip);
	printf("unit: %lu passed, %lu failed\n", upass, ufail);
	printf("%lu passed, %lu failed, %lu skipped\n", gpass + upass,
	    gfail + ufail, gskip);
	return gfail + ufail > 0 || gpass + upass == 0;
}
