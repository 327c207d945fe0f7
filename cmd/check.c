/*
 * check.c - talks check: the problems of a schedule, one line each, in
 * the style of a compiler or a linter.  The rules are in lib/check/.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cmd.h"

static const char usage[] =
    "usage: talks check [-cq] [-t text|json|jsonl] [--only RULES]\n"
    "                   [--ignore RULES] [--require FIELDS] [--gap MINUTES]\n"
    "                   [--max FIELDS=N] [--allow FIELDS=VALUE,...]\n"
    "                   [--track NAME] [--level NAME] [--speaker NAME]\n"
    "                   [--speaker-sep SEP] [--speakers FILE]\n"
    "                   [--csv | --tsv | -d CHAR] [--tsv-escapes on|off]\n"
    "                   [--map FIELD=HEADER] [--unguard] [--encoding NAME]\n"
    "                   [FILE ...]\n"
    "rules:\n"
    "  room-overlap     two talks in one room at once\n"
    "  speaker-overlap  one speaker in two talks at once (--gap: too close)\n"
    "  time             a time that cannot be read or does not add up\n"
    "  missing          an empty field of --require (title,speaker)\n"
    "  duplicate        the same id, or the same title and speaker\n"
    "  name-variant     one person written two ways\n"
    "  email            an email that is not an address\n"
    "  length           a value longer than --max allows\n"
    "  unknown-value    a value that --allow does not list\n"
    "  speaker-record   a speaker without a record of --speakers, a name\n"
    "                   of two, a record of no talk\n";

enum {
	OPT_ONLY = OPT_LOCAL, OPT_IGNORE, OPT_REQUIRE, OPT_GAP, OPT_MAX,
	OPT_ALLOW
};

enum form { TEXT, JSON, JSONL };

/* --max or --allow as given: fields, then what follows '='. */
struct spec {
	const char *fields;
	size_t nfields;
	const char *rest;
	unsigned long n;          /* --max: N */
	size_t first, nvalues;    /* --allow: its values in check.values */
};

struct check {
	struct common c;
	enum form form;
	int quiet, count;
	unsigned only, ignore;
	long long gap;
	const char **require;     /* the --require lists */
	size_t nrequire;
	struct spec *max, *allow;
	size_t nmax, nallow;
	/* Resolved, for the checker. */
	size_t *req;
	size_t nreq;
	struct tk_check_max *maxv;
	size_t nmaxv;
	struct tk_check_allow *allowv;
	size_t nallowv;
	struct tk_str *values;    /* of all --allow, decoded */
	size_t nvalues;
};

/* The rules in list (comma-separated), as a mask. */
static unsigned
rules(const struct check *ch, const char *list)
{
	unsigned mask = 0;
	const char *p = list;

	for (;;) {
		size_t n = strcspn(p, ",");
		int r = tk_rule_find(p, n);
		if (r < 0) {
			char known[256] = "";
			for (int i = 0; i < TK_NRULES; i++) {
				strcat(known, i ? ", " : "");
				strcat(known, tk_rule_name(i));
			}
			misuse(&ch->c, "unknown rule '%.*s' (rules: %s)", (int)n,
			    p, known);
		}
		mask |= 1u << r;
		if (p[n] == '\0')
			return mask;
		p += n + 1;
	}
}

static enum form
form(const struct check *ch, const char *name)
{
	static const char *const names[] = { "text", "json", "jsonl", NULL };

	/* In the order of enum form. */
	return (enum form)common_choice(&ch->c, name, names,
	    "unknown format '%s' (formats: text, json, jsonl)");
}

/* Splits FIELDS=REST; at the last '=' for --max, the first for --allow. */
static void
add_spec(struct check *ch, struct spec **s, size_t *n, const char *opt,
    const char *arg)
{
	const char *eq = strcmp(opt, "--max") == 0 ? strrchr(arg, '=') :
	    strchr(arg, '=');

	if (eq == NULL || eq == arg)
		misuse(&ch->c, "bad %s value '%s': give FIELDS=%s", opt, arg,
		    opt[2] == 'm' ? "N" : "VALUE,...");
	*s = tk_xrealloc(*s, (*n + 1) * sizeof(**s));
	(*s)[*n].fields = arg;
	(*s)[*n].nfields = (size_t)(eq - arg);
	(*s)[*n].rest = eq + 1;
	++*n;
}

/*
 * Splits an --allow list into ch->values: commas between values, "\,"
 * for a comma and "\\" for a backslash in one; blanks around each
 * value are dropped and empty values skipped.  Returns how many it added.
 */
static size_t
split_values(struct check *ch, const char *s)
{
	size_t added = 0;

	while (*s) {
		char *v = tk_xmalloc(strlen(s) + 1);
		size_t n = 0, lead;

		for (; *s && *s != ','; s++) {
			if (*s == '\\' && (s[1] == ',' || s[1] == '\\'))
				s++;
			v[n++] = *s;
		}
		if (*s == ',')
			s++;
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		for (lead = 0; lead < n && (v[lead] == ' ' || v[lead] == '\t');
		    lead++)
			;
		if (lead == n) {
			free(v);
			continue;
		}
		memmove(v, v + lead, n - lead);
		ch->values = tk_xrealloc(ch->values, (ch->nvalues + 1) *
		    sizeof(*ch->values));
		ch->values[ch->nvalues].p = v;
		ch->values[ch->nvalues++].n = n - lead;
		added++;
	}
	return added;
}

static void
option(struct check *ch, int opt, const char *arg)
{
	const char *rest;
	char *end;

	switch (opt) {
	case 'c':
		ch->count = 1;
		break;
	case 'q':
		ch->quiet = 1;
		break;
	case 't':
		ch->form = form(ch, arg);
		break;
	case OPT_ONLY:
		ch->only |= rules(ch, arg);
		break;
	case OPT_IGNORE:
		ch->ignore |= rules(ch, arg);
		break;
	case OPT_REQUIRE:
		ch->require = tk_xrealloc(ch->require, (ch->nrequire + 1) *
		    sizeof(*ch->require));
		ch->require[ch->nrequire++] = arg;
		break;
	case OPT_GAP:
		ch->gap = (long long)common_number(&ch->c, "--gap", arg, 0,
		    1440) * 60;
		break;
	case OPT_MAX:
		add_spec(ch, &ch->max, &ch->nmax, "--max", arg);
		rest = ch->max[ch->nmax - 1].rest;
		errno = 0;
		ch->max[ch->nmax - 1].n = strtoul(rest, &end, 10);
		if (*rest < '0' || *rest > '9' || *end != '\0' || errno)
			misuse(&ch->c, "bad --max value '%s': give FIELDS=N",
			    arg);
		break;
	case OPT_ALLOW:
		add_spec(ch, &ch->allow, &ch->nallow, "--allow", arg);
		ch->allow[ch->nallow - 1].first = ch->nvalues;
		if ((ch->allow[ch->nallow - 1].nvalues = split_values(ch,
		    ch->allow[ch->nallow - 1].rest)) == 0)
			misuse(&ch->c, "bad --allow value '%s': no values", arg);
		break;
	}
}

/* Resolves the fields of s; returns -1 after saying they are unknown. */
static int
spec_fields(struct check *ch, const struct spec *s, size_t **cols, size_t *n)
{
	char *names = tk_xstrndup(s->fields, s->nfields);
	int rc = common_fields(&ch->c, names, cols, n);

	free(names);
	return rc;
}

static int
resolve_require(struct check *ch)
{
	static const char *dflt[] = { "title,speaker" };
	const char **lists = ch->nrequire ? ch->require : dflt;
	size_t nlists = ch->nrequire ? ch->nrequire : 1, *cols, n;

	for (size_t i = 0; i < nlists; i++) {
		if (*lists[i] == '\0')
			continue;
		if (common_fields(&ch->c, lists[i], &cols, &n) < 0)
			return -1;
		ch->req = tk_xrealloc(ch->req, (ch->nreq + n) * sizeof(*ch->req));
		for (size_t j = 0; j < n; j++) {
			size_t k = 0;
			while (k < ch->nreq && ch->req[k] != cols[j])
				k++;
			if (k == ch->nreq)
				ch->req[ch->nreq++] = cols[j];
		}
		free(cols);
	}
	return 0;
}

static int
resolve_max(struct check *ch)
{
	size_t *cols, n;

	for (size_t i = 0; i < ch->nmax; i++) {
		unsigned long v = ch->max[i].n;
		if (spec_fields(ch, &ch->max[i], &cols, &n) < 0)
			return -1;
		for (size_t j = 0; j < n; j++) {
			/* A later --max of a field replaces an earlier one. */
			size_t k = 0;
			while (k < ch->nmaxv && ch->maxv[k].col != cols[j])
				k++;
			if (k == ch->nmaxv)
				ch->maxv = tk_xrealloc(ch->maxv, ++ch->nmaxv *
				    sizeof(*ch->maxv));
			ch->maxv[k].col = cols[j];
			ch->maxv[k].n = v;
		}
		free(cols);
	}
	return 0;
}

/* The --allow list of column col, added empty if new. */
static struct tk_check_allow *
allow_of(struct check *ch, size_t col)
{
	size_t k = 0;

	while (k < ch->nallowv && ch->allowv[k].col != col)
		k++;
	if (k == ch->nallowv) {
		ch->allowv = tk_xrealloc(ch->allowv, (k + 1) *
		    sizeof(*ch->allowv));
		memset(&ch->allowv[k], 0, sizeof(ch->allowv[k]));
		ch->allowv[k].col = col;
		ch->nallowv++;
	}
	return &ch->allowv[k];
}

/* Resolves --allow: each column gets the values of every --allow naming it. */
static int
resolve_allow(struct check *ch)
{
	size_t *cols, n;

	for (size_t i = 0; i < ch->nallow; i++) {
		const struct spec *s = &ch->allow[i];
		if (spec_fields(ch, s, &cols, &n) < 0)
			return -1;
		for (size_t j = 0; j < n; j++) {
			struct tk_check_allow *a = allow_of(ch, cols[j]);
			struct tk_str *v = tk_xrealloc((void *)a->v,
			    (a->nv + s->nvalues) * sizeof(*v));
			memcpy(v + a->nv, ch->values + s->first, s->nvalues *
			    sizeof(*v));
			a->v = v;
			a->nv += s->nvalues;
		}
		free(cols);
	}
	return 0;
}

/* Writes s with each control character as '?': one problem, one line. */
static void
put_clean(struct tk_out *o, const char *s)
{
	for (; *s; s++)
		tk_out_putc(o, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' :
		    *s);
}

static void
put_num(struct tk_out *o, unsigned long long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%llu", v);
	tk_out_puts(o, b);
}

static void
put_json_str(struct tk_out *o, const char *s)
{
	struct tk_str v = { s, strlen(s) };

	tk_put_json(o, &v);
}

/* file: the problem's file when it is not one of the talks' (the join's). */
static void
put_text(struct check *ch, const struct tk_problem *p, const char *file)
{
	struct tk_out *o = &ch->c.out;

	put_clean(o, file ? file : tk_filename(ch->c.r, p->fileno));
	tk_out_putc(o, ':');
	put_num(o, p->line);
	tk_out_puts(o, ": ");
	tk_out_puts(o, tk_rule_name(p->rule));
	tk_out_puts(o, ": ");
	tk_out_write(o, p->msg.p, p->msg.n);
	tk_out_putc(o, '\n');
}

static void
put_json(struct check *ch, const struct tk_problem *p, const char *file)
{
	struct tk_out *o = &ch->c.out;

	tk_out_puts(o, "{\"file\":");
	put_json_str(o, file ? file : tk_filename(ch->c.r, p->fileno));
	tk_out_puts(o, ",\"line\":");
	put_num(o, p->line);
	tk_out_puts(o, ",\"rule\":\"");
	tk_out_puts(o, tk_rule_name(p->rule));
	tk_out_putc(o, '"');
	if (p->field >= 0) {
		tk_out_puts(o, ",\"field\":");
		put_json_str(o, tk_colname(ch->c.r, (size_t)p->field));
	}
	tk_out_puts(o, ",\"message\":");
	tk_put_json(o, &p->msg);
	if (p->has_other) {
		tk_out_puts(o, ",\"other_file\":");
		put_json_str(o, tk_filename(ch->c.r, p->other_fileno));
		tk_out_puts(o, ",\"other_line\":");
		put_num(o, p->other_line);
	}
	tk_out_putc(o, '}');
}

/* The number of the join's problems that are told (speaker-record). */
static size_t
joined_count(const struct check *ch, unsigned mask)
{
	const char *file, *msg;
	unsigned long line;
	size_t n = 0;

	if (!(mask >> TK_RULE_SPEAKER_RECORD & 1))
		return 0;
	while (join_problem(&ch->c, n, &file, &line, &msg))
		n++;
	return n;
}

/* Problem i of the join, for put_text and put_json. */
static void
joined_get(const struct check *ch, size_t i, struct tk_problem *p,
    const char **file)
{
	const char *msg;

	memset(p, 0, sizeof(*p));
	join_problem(&ch->c, i, file, &p->line, &msg);
	p->rule = TK_RULE_SPEAKER_RECORD;
	p->field = -1;
	p->msg.p = msg;
	p->msg.n = strlen(msg);
}

static void
put_problems(struct check *ch, const struct tk_checker *k, unsigned mask)
{
	struct tk_out *o = &ch->c.out;
	struct tk_problem p;
	size_t nk = tk_check_count(k), n = nk + joined_count(ch, mask);

	if (ch->form == JSON)
		tk_out_puts(o, n ? "[\n" : "[");
	for (size_t i = 0; i < n; i++) {
		const char *file = NULL;
		if (i < nk)
			tk_check_get(k, i, &p);
		else
			joined_get(ch, i - nk, &p, &file);
		if (ch->form == TEXT) {
			put_text(ch, &p, file);
			continue;
		}
		put_json(ch, &p, file);
		tk_out_puts(o, ch->form == JSONL || i + 1 == n ? "\n" : ",\n");
	}
	if (ch->form == JSON)
		tk_out_puts(o, "]\n");
}

/* Whether rule has something to check: length and unknown-value need lists. */
static int
ran(const struct check *ch, unsigned mask, int rule)
{
	return (mask >> rule & 1) && (rule != TK_RULE_LENGTH || ch->nmaxv) &&
	    (rule != TK_RULE_UNKNOWN_VALUE || ch->nallowv) &&
	    (rule != TK_RULE_MISSING || ch->nreq) &&
	    (rule != TK_RULE_SPEAKER_RECORD || ch->c.join);
}

/* -c: the number of problems of each rule that ran. */
static void
put_counts(struct check *ch, const struct tk_checker *k, unsigned mask)
{
	struct tk_out *o = &ch->c.out;
	size_t count[TK_NRULES] = { 0 };
	struct tk_problem p;
	int first = 1;

	for (size_t i = 0; i < tk_check_count(k); i++) {
		tk_check_get(k, i, &p);
		count[p.rule]++;
	}
	count[TK_RULE_SPEAKER_RECORD] += joined_count(ch, mask);
	if (ch->form != TEXT)
		tk_out_putc(o, '{');
	for (int r = 0; r < TK_NRULES; r++) {
		if (!ran(ch, mask, r))
			continue;
		if (ch->form == TEXT) {
			put_num(o, count[r]);
			tk_out_putc(o, '\t');
			tk_out_puts(o, tk_rule_name(r));
			tk_out_putc(o, '\n');
			continue;
		}
		tk_out_puts(o, first ? "\"" : ",\"");
		tk_out_puts(o, tk_rule_name(r));
		tk_out_puts(o, "\":");
		put_num(o, count[r]);
		first = 0;
	}
	if (ch->form != TEXT)
		tk_out_puts(o, "}\n");
}

/* Tells the reader the columns the rules look at (and the filters). */
static void
want_columns(struct check *ch, const struct tk_checker *k)
{
	size_t n, *cols = tk_check_cols(k, &n);

	common_want(&ch->c, 0, cols, n);
	free(cols);
}

static void
check_free(struct check *ch)
{
	for (size_t i = 0; i < ch->nvalues; i++)
		free((char *)ch->values[i].p);
	for (size_t i = 0; i < ch->nallowv; i++)
		free((void *)ch->allowv[i].v);
	free(ch->values);
	free(ch->allowv);
	free(ch->maxv);
	free(ch->req);
	free(ch->require);
	free(ch->max);
	free(ch->allow);
}

/* Reads and checks the records; returns the exit status. */
static int
run(struct check *ch, unsigned mask)
{
	struct tk_check_opts o = { 0 };
	struct tk_checker *k;
	struct tk_record rec;
	struct tk_err e;

	o.rules = mask;
	o.gap = ch->gap;
	o.require = ch->req;
	o.nrequire = ch->nreq;
	o.max = ch->maxv;
	o.nmax = ch->nmaxv;
	o.allow = ch->allowv;
	o.nallow = ch->nallowv;
	if ((k = tk_check_new(ch->c.r, &o, &e)) == NULL) {
		report(&e);
		return 2;
	}
	want_columns(ch, k);
	join_collect(&ch->c);
	while (common_next(&ch->c, &rec))
		tk_check_add(k, &rec);
	common_missed(&ch->c);
	join_end(&ch->c, tk_filter_count(ch->c.filter) == 0);
	tk_check_end(k);
	if (ch->quiet)
		;
	else if (ch->count)
		put_counts(ch, k, mask);
	else
		put_problems(ch, k, mask);
	if (ch->c.status == 0 && tk_check_count(k) + joined_count(ch, mask) > 0)
		ch->c.status = 1;
	tk_check_free(k);
	return 0;
}

/* The options, for getopt, --help and completion (main.c). */
const char check_shortopts[] = ":cqt:d:";
const struct option check_longopts[] = {
	COMMON_INPUT_LONG,
	{ "count", no_argument, NULL, 'c' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "to", required_argument, NULL, 't' },
	{ "only", required_argument, NULL, OPT_ONLY },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "require", required_argument, NULL, OPT_REQUIRE },
	{ "gap", required_argument, NULL, OPT_GAP },
	{ "max", required_argument, NULL, OPT_MAX },
	{ "allow", required_argument, NULL, OPT_ALLOW },
	{ NULL, 0, NULL, 0 }
};

int
cmd_check(int argc, char **argv)
{
	struct check ch;
	unsigned mask;
	int opt;

	memset(&ch, 0, sizeof(ch));
	common_init(&ch.c, "check", usage);
	while ((opt = getopt_long(argc, argv, check_shortopts,
	    check_longopts, NULL)) !=
	    -1)
		if (!common_option(&ch.c, opt, optarg, argv))
			option(&ch, opt, optarg);
	argc -= optind;
	argv += optind;
	mask = (ch.only ? ch.only : TK_RULES_ALL) & ~ch.ignore;
	if (common_open(&ch.c, argc, argv, "title") < 0 ||
	    resolve_require(&ch) < 0 || resolve_max(&ch) < 0 ||
	    resolve_allow(&ch) < 0 || run(&ch, mask) != 0) {
		ch.c.status = 2;
	}
	check_free(&ch);
	return common_finish(&ch.c);
}
