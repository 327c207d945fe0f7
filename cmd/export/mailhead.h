/*
 * mailhead.h - the header lines of -t mbox's mails (mailhead.c).
 */
#ifndef TALKS_MAILHEAD_H
#define TALKS_MAILHEAD_H

#include "talks.h"

/* Whether e can be an address between '<' and '>'. */
int mail_good_address(const struct tk_str *e);

/*
 * Appends the header lines of template t (lines "Name: value" and their
 * continuations) expanded with v, each on one folded line; the values
 * from data without control characters, as encoded words where they need
 * them, and in address headers as a display name (before an address in
 * angle brackets) or else as an address.  Counts the replacements in r.
 * Returns -1, with the value in *bad, when a value in place of an
 * address is not one.
 */
int mail_headers(const struct tk_tmpl *t, const struct tk_tmpl_vals *v,
    struct tk_buf *out, struct tk_repl *r, struct tk_str *bad);

/* Appends "To: NAME <EMAIL>", the name cleaned and quoted or encoded. */
void mail_to(struct tk_buf *out, const struct tk_str *name,
    const struct tk_str *email, struct tk_repl *r);

#endif
