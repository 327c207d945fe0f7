/*
 * export.h - the formats of talks export.
 *
 * Each format is a struct format in a file of its own (cmd/fmt_NAME.c),
 * listed in the table in cmd/export.c.  export.c parses the options,
 * opens the input and calls begin, then record for each selected record
 * (in input order, or sorted with --sort), then end.  A format that
 * groups records (by track, by speaker) keeps what it needs itself.
 */
#ifndef TALKS_EXPORT_H
#define TALKS_EXPORT_H

#include "cmd.h"

/* The options of talks export; each format reads the ones it uses. */
struct export_opts {
	int excel;                /* --excel (csv) */
	int long_form;            /* --long (markdown) */
	int split_speakers;       /* --split-speakers (json, jsonl) */
	int verbose;              /* -v */
	const char *tz;           /* --tz ZONE (ics, frab) */
	const char *conference;   /* --conference NAME (frab) */
	const char *acronym;      /* --acronym ID (frab) */
	const char *template_arg; /* --template TEXT or @FILE */
	const char *each;         /* --each speaker */
	int unique;               /* --unique */
	int page;                 /* --page: outputs end with a form feed */
	const char *output_dir;   /* --output-dir DIR */
	const char *name;         /* --name TEMPLATE */
};

struct exporter {
	struct common *c;         /* input, fields (c->cols), output (c->out) */
	struct export_opts *o;
	void *state;              /* the format's own */
};

struct format {
	const char *name;
	const char *summary;
	/* Each returns 0, or -1 after reporting an error (exit status 2). */
	int (*begin)(struct exporter *x);
	int (*record)(struct exporter *x, const struct tk_record *rec);
	int (*end)(struct exporter *x);
};

#endif
