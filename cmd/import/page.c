/*
 * page.c - talks import of a page of talks as published: the talks that
 * lib/page.c reads, one block at a time, as records.
 */
#include <string.h>

#include "import.h"

/* The fields of a talk, in the order of struct tk_talk's. */
static const enum lead fields[] = {
	L_TITLE, L_SPEAKER, L_TRACK, L_LEVEL, L_DESCRIPTION, L_ABSTRACT, L_BIO
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static void
put_talk(struct import *im, const struct tk_talk *t)
{
	const struct tk_str *v[NFIELDS] = { &t->title, &t->speaker,
	    &t->track, &t->level, &t->description, &t->abstract, &t->bio };

	struct tk_str name;
	size_t pos = 0;

	im->line = t->line;
	for (size_t i = 0; i < NFIELDS; i++)
		rec_lead(im, fields[i], v[i]->p, v[i]->n);
	rec_end(im);
	/* A page names its speakers, and says nothing else of them. */
	while (im->speakers_out && tk_next_item(&t->speaker, &pos, &name))
		if (name.n > 0)
			people_add(&im->people, im->in->index, "", 0, name.p,
			    name.n);
}

/* Reports e as a warning: "talks: FILE:LINE: warning: message". */
static void
warn(const struct tk_err *e)
{
	static const char pre[] = "warning: ";
	struct tk_err w = *e;
	size_t n = strlen(e->msg), room = sizeof(w.msg) - sizeof(pre);

	if (n > room)
		n = room;
	memcpy(w.msg, pre, sizeof(pre) - 1);
	memcpy(w.msg + sizeof(pre) - 1, e->msg, n);
	w.msg[sizeof(pre) - 1 + n] = '\0';
	report(&w);
}

/* Reports e as an error, or with --lenient as a warning. */
static void
bad(struct import *im, const struct tk_err *e)
{
	if (im->lenient) {
		warn(e);
	} else {
		report(e);
		im->c.status = 2;
	}
}

int
read_page(struct import *im, struct input *in)
{
	struct tk_page *p;
	struct tk_talk t;
	struct tk_err e;
	const char *name = NULL;   /* the file's, from a skipped block */
	enum tk_page_event ev;
	unsigned long talks = 0, skipped = 0;
	unsigned all = 0;

	for (size_t i = 0; i < NFIELDS; i++)
		all |= 1u << fields[i];
	rec_form(im, all, "talk");
	/* The columns are the same for every page: no need to read it. */
	if (im->pass == PASS_SCAN)
		return 0;
	p = tk_page_open(in->path, im->max);
	while ((ev = tk_page_next(p, &t, &e)) != TK_PAGE_END) {
		switch (ev) {
		case TK_PAGE_TALK:
			put_talk(im, &t);
			talks++;
			break;
		case TK_PAGE_SKIP:
			if (im->verbose)
				report(&e);
			name = e.file;
			skipped++;
			break;
		case TK_PAGE_BAD:
			bad(im, &e);
			break;
		default:
			report(&e);
			im->c.status = 2;
			break;
		}
	}
	/* Text and not one talk: most likely not a talk page at all. */
	if (talks == 0 && skipped > 0) {
		tk_fail(&e, name, 0, 0, "no talk in %lu block%s of text "
		    "(not a talk page? see talks-import(1))", skipped,
		    skipped == 1 ? "" : "s");
		bad(im, &e);
	}
	tk_page_close(p);
	return 0;
}
