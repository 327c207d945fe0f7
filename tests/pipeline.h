/* pipeline.h - a case's command line run without a shell (pipeline.c). */
#ifndef PIPELINE_H
#define PIPELINE_H

#include <sys/types.h>

#define PL_STAGES 8
#define PL_ARGS 64
#define PL_ENV 8
#define PL_REDIRS 4

struct pl_stage {
	char *argv[PL_ARGS];	/* NULL-terminated */
	char *env[PL_ENV];	/* NAME=VALUE put before the command */
	char *redir[PL_REDIRS];	/* in the order written */
	int argc, nenv, nredir;
};

struct pipeline {
	struct pl_stage st[PL_STAGES];
	int n;
};

/* Splits CMD (changed in place) into PL; 0 when bash must run it. */
int pl_parse(char *cmd, struct pipeline *pl);

/* Starts the stages of PL, the first reading IN, the last writing OUT,
 * all writing errors to ERR; their pids go to PIDS.  0 when all started;
 * -1 with errno set otherwise, and none is left running. */
int pl_start(const struct pipeline *pl, char *const env[], int in, int out,
    int err, pid_t *pids);

#endif
