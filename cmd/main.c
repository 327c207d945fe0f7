/*
 * main.c - talks: dispatches to the subcommands.
 *
 * cmd/ is the command line over the library of lib/talks.h: one file per
 * subcommand, common.c for what they share (the common options, the
 * environment, read once into the library's options, the columns a
 * command decodes, standard output), and export in cmd/export/, whose
 * formats only render what its driver gathers.
 *
 * Adding a subcommand takes: a file cmd/NAME.c with cmd_NAME(), its
 * prototype in cmd.h, a row in the table below (kept sorted), the file
 * in the Makefile's CMD_SRC, a page man/talks-NAME.1 listed in talks(1),
 * and a test directory testdata/golden/NAME/.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "help.h"

static const struct command commands[] = {
	{ "by-track", cmd_by_track, "talks grouped by track, counted or by level",
	    by_track_shortopts, by_track_longopts },
	{ "check", cmd_check, "the problems of a schedule, one line each",
	    check_shortopts, check_longopts },
	{ "export", cmd_export,
	    "the records in another format: csv, json, html ...",
	    export_shortopts, export_longopts },
	{ "grep", cmd_grep, "the talks whose fields match a pattern",
	    grep_shortopts, grep_longopts },
	{ "import", cmd_import,
	    "records from published schedules and talk pages",
	    import_shortopts, import_longopts },
	{ "list", cmd_list, "one line per talk, the fields chosen",
	    list_shortopts, list_longopts },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Flushes fp; returns the exit status, after saying why it is 2. */
static int
flushed(FILE *fp)
{
	if (fflush(fp) == 0 && !ferror(fp))
		return 0;
	fprintf(stderr, "talks: write error: %s\n", strerror(errno));
	return 2;
}

static int
usage(FILE *fp)
{
	fputs("usage: talks COMMAND [OPTIONS] [FILE ...]\n"
	    "       talks help [COMMAND]\n"
	    "       talks --version\n\n"
	    "commands:\n", fp);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name,
		    commands[i].summary);
	fputs("\nRun 'talks COMMAND --help' for a command's options;"
	    " see talks(1).\n", fp);
	return flushed(fp);
}

const struct command *
command_named(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

extern char **environ;

/*
 * talks help COMMAND: the command's manual page, as git help shows its
 * own, when man(1) has it; else the command's --help.
 */
static int
help(const struct command *cmd)
{
	char page[64], *has[] = { "man", "-w", page, NULL };
	char *show[] = { "man", page, NULL };
	posix_spawn_file_actions_t fa;
	int ws, found = 0;
	pid_t pid;

	snprintf(page, sizeof page, "talks-%s", cmd->name);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "man", &fa, NULL, has, environ) == 0) {
		while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
			;
		found = WIFEXITED(ws) && WEXITSTATUS(ws) == 0;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (found) {
		fflush(stdout);
		execvp("man", show);
		fprintf(stderr, "talks: man: %s\n", strerror(errno));
		return 2;
	}
	char *opts[] = { (char *)cmd->name, "--help", NULL };
	return cmd->run(2, opts);
}

static int
unknown(const char *name)
{
	struct tk_err e;

	/* report shows control characters in the name as '?'. */
	tk_fail(&e, NULL, 0, 0, "unknown command '%s' (see 'talks --help')",
	    name);
	report(&e);
	return 2;
}

/* The option lines of --help, from the manual pages (help.c). */
static void
options_of(const char *name)
{
	const struct command *cmd = command_named(name);

	if (cmd)
		help_options(stdout, name, cmd->shortopts, cmd->longopts);
}

int
main(int argc, char **argv)
{
	const struct command *cmd;

	common_help_options = options_of;
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return usage(stdout);
	if (strcmp(argv[1], "__complete") == 0)
		return cmd_complete(argc - 1, argv + 1, commands, NCOMMANDS);
	if (strcmp(argv[1], "--version") == 0) {
		puts("talks " TK_VERSION);
		return flushed(stdout);
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3)
			return usage(stdout);
		if ((cmd = command_named(argv[2])) == NULL)
			return unknown(argv[2]);
		return help(cmd);
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "talks: unknown option '%s' (see 'talks "
		    "--help')\n", argv[1]);
		return 2;
	}
	if ((cmd = command_named(argv[1])) == NULL)
		return unknown(argv[1]);
	return cmd->run(argc - 1, argv + 1);
}
