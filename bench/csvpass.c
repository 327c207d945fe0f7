/*
 * csvpass.c - the cost of one libcsv pass: parses a file with libcsv
 * and callbacks that do nothing, then prints the record count.  Lenient
 * mode, so that a quote inside an unquoted field (common in TSV) is data.
 * Usage: csvpass [-t] FILE   (-t: tab as delimiter)
 */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
on_field(void *data, size_t n, void *ctx)
{
	(void)data;
	(void)n;
	(void)ctx;
}

static void
on_record(int c, void *ctx)
{
	(void)c;
	++*(unsigned long *)ctx;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 20];
	struct csv_parser p;
	unsigned long nrec = 0;
	ssize_t n;
	int fd, tab = argc == 3 && strcmp(argv[1], "-t") == 0;

	if (argc != 2 + tab) {
		fputs("usage: csvpass [-t] FILE\n", stderr);
		return 2;
	}
	if ((fd = open(argv[1 + tab], O_RDONLY)) < 0) {
		perror(argv[1 + tab]);
		return 2;
	}
	if (csv_init(&p, 0) != 0)
		return 2;
	if (tab)
		csv_set_delim(&p, '\t');
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (csv_parse(&p, buf, (size_t)n, on_field, on_record,
		    &nrec) != (size_t)n) {
			fprintf(stderr, "csvpass: %s\n",
			    csv_strerror(csv_error(&p)));
			return 2;
		}
	csv_fini(&p, on_field, on_record, &nrec);
	csv_free(&p);
	printf("%lu\n", nrec);
	return n < 0 ? 2 : 0;
}
