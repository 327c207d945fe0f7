/*
 * timeit.c - runs a command several times and prints the median wall
 * time in seconds, the largest peak resident set in KiB, and the exit
 * status of the last run.  Standard output goes to OUT (a regular file,
 * so that no program can tell it is discarded), standard input is
 * /dev/null.
 * Usage: timeit RUNS WARMUP OUT COMMAND [ARG ...]
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Runs argv once; returns the wait status, sets *sec and *rss. */
static int
run(char **argv, const char *out, double *sec, long *rss)
{
	struct rusage ru;
	int status;
	double t0;
	pid_t pid;

	/*
	 * The last run's output is emptied before the clock starts: freeing
	 * its pages is not this run's work (it cost a JSON export of 300 MB
	 * a third of its time).
	 */
	if (truncate(out, 0) < 0 && errno != ENOENT && errno != EINVAL)
		perror(out);
	t0 = now();
	pid = fork();

	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (in < 0 || fd < 0 || dup2(in, 0) < 0 || dup2(fd, 1) < 0)
			_exit(127);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		exit(2);
	}
	*sec = now() - t0;
	*rss = ru.ru_maxrss;
	return status;
}

int
main(int argc, char **argv)
{
	int runs, warm, status = 0;
	double t[64];
	long rss, maxrss = 0;

	if (argc < 5 || (runs = atoi(argv[1])) < 1 || runs > 64 ||
	    (warm = atoi(argv[2])) < 0) {
		fputs("usage: timeit RUNS WARMUP OUT COMMAND [ARG ...]\n",
		    stderr);
		return 2;
	}
	for (int i = 0; i < warm; i++)
		run(argv + 4, argv[3], &t[0], &rss);
	for (int i = 0; i < runs; i++) {
		status = run(argv + 4, argv[3], &t[i], &rss);
		if (rss > maxrss)
			maxrss = rss;
	}
	qsort(t, (size_t)runs, sizeof(t[0]), cmp_double);
	printf("%.4f %ld %d\n", runs % 2 ? t[runs / 2] :
	    (t[runs / 2 - 1] + t[runs / 2]) / 2, maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return 0;
}
