/* help.h - the options that the manual pages describe (help.c). */
#ifndef TALKS_HELP_H
#define TALKS_HELP_H

#include <getopt.h>
#include <stdio.h>

/* An option as a page describes it: its tag ("-f, --fields list") and the
 * first sentence of its text; the table, made by man/options.sh from the
 * pages, ends with a NULL page. */
struct help_entry {
	const char *page, *head, *text;
};
extern const struct help_entry help_entries[];

/*
 * Writes a line for each option of command cmd (its getopt tables): the
 * tag and sentence of talks-CMD(1), else of talks(1); an option that no
 * page describes gets its name alone.  Returns how many had no text.
 */
size_t help_options(FILE *fp, const char *cmd, const char *shortopts,
    const struct option *longopts);

#endif
