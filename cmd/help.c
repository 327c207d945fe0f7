/*
 * help.c - the option lines of talks COMMAND --help, from what the
 * manual pages say of each option (help_entries, made by man/options.sh).
 */
#include <stdio.h>
#include <string.h>

#include "help.h"

/* Whether head names option opt ("--fields" or "-f") as a whole word. */
static int
names(const char *head, const char *opt)
{
	size_t n = strlen(opt);

	for (const char *p = head; (p = strstr(p, opt)) != NULL; p++) {
		if (p != head && p[-1] != ' ')
			continue;
		if (strchr(" ,=[", p[n]) != NULL)
			return 1;
	}
	return 0;
}

/* The entry of page talks-CMD, else of talks, that names opt. */
static const struct help_entry *
lookup(const char *cmd, const char *opt)
{
	char page[64];

	snprintf(page, sizeof page, "talks-%s", cmd);
	for (int pass = 0; pass < 2; pass++)
		for (const struct help_entry *h = help_entries; h->page; h++)
			if (strcmp(h->page, pass ? "talks" : page) == 0 &&
			    names(h->head, opt))
				return h;
	return NULL;
}

/* Writes entry h once (entries that name several options come up once
 * for each); returns 1 when opt had no entry. */
static int
put(FILE *fp, const struct help_entry *h, const char *opt,
    const struct help_entry **seen, size_t *nseen)
{
	if (h == NULL) {
		fprintf(fp, "  %s\n", opt);
		return 1;
	}
	for (size_t i = 0; i < *nseen; i++)
		if (seen[i] == h)
			return 0;
	seen[(*nseen)++] = h;
	fprintf(fp, "  %-24s  %s\n", h->head, h->text);
	return 0;
}

size_t
help_options(FILE *fp, const char *cmd, const char *shortopts,
    const struct option *longopts)
{
	const struct help_entry *seen[256];
	size_t nseen = 0, missing = 0, nlong = 0;
	char opt[64];

	while (longopts[nlong].name)
		nlong++;
	if (nlong + strlen(shortopts) > sizeof seen / sizeof seen[0])
		return 0;
	fputs("\noptions:\n", fp);
	for (size_t i = 0; i < nlong; i++) {
		snprintf(opt, sizeof opt, "--%s", longopts[i].name);
		missing += put(fp, lookup(cmd, opt), opt, seen, &nseen);
	}
	/* Short options without a long name. */
	for (const char *p = shortopts; *p; p++) {
		size_t i;

		if (*p == ':' || *p == '+' || *p == '-')
			continue;
		for (i = 0; i < nlong && longopts[i].val != *p; i++)
			;
		if (i < nlong)
			continue;
		snprintf(opt, sizeof opt, "-%c", *p);
		missing += put(fp, lookup(cmd, opt), opt, seen, &nseen);
	}
	return missing;
}
