/*
 * import.c - libFuzzer target for talks import: the readers of frab XML
 * and JSON, pretalx and Sessionize JSON and talk pages, through the
 * command itself, so that the driver's two passes, the columns and the
 * people are run too.
 *
 * The first byte picks the form (--from, or none: sniffed) and now and
 * then a small TALKS_MAX_RECORD; the rest is the file.  Records go to
 * /dev/null; fuzz/run.sh runs it with -close_fd_mask=2, so that the
 * messages of talks are dropped but libFuzzer's and the sanitizers' are
 * not.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../cmd/cmd.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int null = open("/dev/null", O_WRONLY);

	(void)argc;
	(void)argv;
	if (null < 0 || dup2(null, STDOUT_FILENO) < 0)
		abort();
	close(null);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const forms[] = {
		NULL, "page", "frab", "frab-json", "pretalx", "sessionize"
	};
	char path[64], *argv[6];
	int fd, argc = 0;
	unsigned pick;

	if (size == 0)
		return 0;
	pick = data[0];
	fd = memfd_create("fuzz", 0);
	if (fd < 0 || (size > 1 && write(fd, data + 1, size - 1) !=
	    (ssize_t)(size - 1)))
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (pick & 0x80)
		setenv("TALKS_MAX_RECORD", "300", 1);
	else
		unsetenv("TALKS_MAX_RECORD");
	argv[argc++] = "import";
	if (forms[pick % 6]) {
		argv[argc++] = "--from";
		argv[argc++] = (char *)forms[pick % 6];
	}
	if (pick & 0x40) {
		argv[argc++] = "--speakers-out=/dev/null";
	}
	argv[argc++] = path;
	argv[argc] = NULL;
	cmd_import(argc, argv);
	close(fd);
	return 0;
}
