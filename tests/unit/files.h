/* files.h - test input files, written to a directory of their own. */
#ifndef FILES_H
#define FILES_H

#include <stdio.h>
#include <stdlib.h>

static char dir[] = "/tmp/talks-unit-XXXXXX";

/* Writes data to a file named name in the test directory; returns its path. */
static char *
file(const char *name, const char *data, size_t n)
{
	static char paths[16][256];
	static int next;
	char *p = paths[next++ % 16];
	FILE *fp;

	snprintf(p, 256, "%s/%s", dir, name);
	fp = fopen(p, "wb");
	fwrite(data, 1, n, fp);
	fclose(fp);
	return p;
}

#define FILE_S(name, s) file(name, s, sizeof(s) - 1)

/* Makes the directory; 0, or -1. */
static int
files_begin(void)
{
	return mkdtemp(dir) ? 0 : -1;
}

/* Removes the directory and what is in it; 0, or -1. */
static int
files_end(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

#endif
