/*
 * write.h - the last stage: writing records.
 *
 * A buffered output with sticky errors and the CSV and TSV rows (out.c),
 * UTF-8 checking and the JSON and XML escapers (utf8.c), text cleaned
 * for XML and iCalendar (cleantext.c), templates with {field}
 * placeholders (template.c), file names made from data (safename.c),
 * and slugs for names in URLs (slug.c, with utf8proc).
 * The writers of a new output format's syntax go here; the format itself
 * is a file of cmd/export/.
 */
#ifndef TALKS_WRITE_H
#define TALKS_WRITE_H

#include <stddef.h>

#include "read/read.h"
#include "util/util.h"

/* ---------------------------------------------------------------- output */

/*
 * A buffered writer on a file descriptor, or in memory.  Write errors are
 * sticky: after one, writes are dropped and tk_out_flush returns -1 with
 * errno set.
 */
struct tk_out {
	int fd;       /* -1: in memory */
	int err;      /* errno of the first write error, or 0 */
	size_t len;
	size_t cap;
	char *buf;
	/* The scan kernel that the escapers use (tk_out_set_path). */
	size_t (*ascii_run)(const char *p, size_t n);
};

/* A writer on fd, with the fastest scan kernels.  Free with tk_out_free. */
void tk_out_init(struct tk_out *o, int fd);

/*
 * A writer in memory: buf[0 .. len) holds what was written (set len to
 * 0 to start again); it grows as needed and never fails.
 */
void tk_out_init_mem(struct tk_out *o);

/*
 * Chooses the scan kernels of the writers below as tk_inopts.path
 * chooses the reader's: TK_PATH_PLAIN and TK_PATH_PORTABLE the portable
 * ones, else the vector ones where the CPU has them.  The output is the
 * same; tests run both.
 */
void tk_out_set_path(struct tk_out *o, enum tk_path path);

void tk_out_write(struct tk_out *o, const void *p, size_t n);
void tk_out_putc(struct tk_out *o, int c);
void tk_out_puts(struct tk_out *o, const char *s);
int tk_out_flush(struct tk_out *o);
void tk_out_free(struct tk_out *o);

/* Writes v on one line: each tab, LF, CR or CRLF becomes one space. */
void tk_put_flat(struct tk_out *o, const struct tk_str *v);

/*
 * Writes one row of n values, in CSV form with delimiter delim when form
 * is TK_CSV (quoted only when they must be), or in TSV form (tab, LF, CR
 * and backslash as \t, \n, \r, \\; a value that starts with '"' quoted
 * so that it is not read as a quote), and then eol.
 */
void tk_put_row(struct tk_out *o, const struct tk_str *const *v, size_t n,
    enum tk_dialect form, int delim, const char *eol);

/* --------------------------------------------------- UTF-8 and escaping */

/*
 * Decodes the sequence at p (n > 0 bytes left).  Returns its length and
 * sets *ok when it is valid UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF); otherwise returns the length of its longest
 * prefix that could start a valid sequence (at least 1), which is to be
 * replaced by one U+FFFD, and clears *ok.
 */
size_t tk_utf8_seq(const char *p, size_t n, int *ok);

/* Whether s (n bytes) is valid UTF-8. */
int tk_utf8_valid(const char *s, size_t n);

/*
 * The writers below replace what is not valid UTF-8 by U+FFFD, as
 * tk_utf8_seq splits it, and return the number of replacements made,
 * so that the caller can warn.
 */

/* Writes v as it is, but for the replacements. */
size_t tk_put_utf8(struct tk_out *o, const struct tk_str *v);

/*
 * Writes v as a JSON string with its quotes: '"' and '\' escaped, control
 * characters as \n, \r, \t, \b, \f or \u00XX.
 */
size_t tk_put_json(struct tk_out *o, const struct tk_str *v);

/*
 * Writes v for XML or HTML text or attribute values: & < > " ' as
 * entities.  Characters XML 1.0 does not allow (control characters but
 * tab, line feed and carriage return; U+FFFE, U+FFFF) are replaced by
 * U+FFFD too, and counted.
 */
size_t tk_put_xml(struct tk_out *o, const struct tk_str *v);

/* The entity of ASCII byte c in XML text and attributes, or NULL. */
const char *tk_xml_entity(unsigned char c);

/*
 * tk_put_xml for HTML, which does not allow U+007F, the C1 controls and
 * the noncharacters either (tk_char_kind, strict); the replacements are
 * counted by kind in r.
 */
struct tk_repl;
void tk_put_html(struct tk_out *o, const struct tk_str *v, struct tk_repl *r);

/* What tk_put_safe_html does with markup that is not in its list. */
enum tk_safe {
	TK_SAFE_ESCAPE,  /* writes it as text, escaped (HTML that was given) */
	TK_SAFE_DROP,    /* leaves the tags out, keeping their text (cmark's) */
	TK_SAFE_TEXT     /* writes everything as plain text, not escaped */
};

/*
 * Writes the HTML fragment v for an HTML page, keeping only the elements
 * p, br, em, strong, code, pre, ul, ol, li and a (with an http or https
 * href, its one attribute kept); the others as how says (TK_SAFE_DROP
 * keeps h1 to h6 and blockquote as p, and leaves comments out).  Every
 * element written is closed, in order, as HTML5 parses it; character
 * references are kept when they are numeric or common names, else
 * written as text.  Text goes through tk_put_html, its replacements
 * counted in r.  TK_SAFE_TEXT writes the text alone, unescaped, with a
 * blank line after each block and a line break for br and each item.
 */
void tk_put_safe_html(struct tk_out *o, const struct tk_str *v,
    enum tk_safe how, struct tk_repl *r);

/* ------------------------------------------------- escaping by document */

/* The documents a value can be written for (tk_esc_add). */
enum {
	TK_ESC_NONE, TK_ESC_XML, TK_ESC_HTML, TK_ESC_LATEX, TK_ESC_CSV,
	TK_ESC_SHELL
};

/* The escape named s (n bytes): "none", "xml", ...; -1 for no escape. */
int tk_esc_find(const char *s, size_t n);
const char *tk_esc_name(int esc);

/* What a character is to a document that must be text (tk_char_kind). */
enum { TK_CH_OK, TK_CH_BAD_UTF8, TK_CH_CONTROL };

/*
 * The kind of the character at s (n > 0 bytes left), whose length it
 * sets in *len as tk_utf8_seq does: TK_CH_BAD_UTF8, TK_CH_CONTROL for
 * what XML 1.0 cannot hold (control characters but tab, line feed and
 * carriage return; U+FFFE, U+FFFF and their likes in other planes) and,
 * when strict (HTML), U+007F, the C1 controls and U+FDD0 to U+FDEF too;
 * else TK_CH_OK.
 */
int tk_char_kind(const char *s, size_t n, int strict, size_t *len);

/* The replacements made, by kind, so that the caller can warn. */
struct tk_repl {
	size_t utf8;  /* sequences that were not UTF-8 */
	size_t ctrl;  /* characters the document cannot hold */
};

/* Counts one replacement of kind (TK_CH_...) in r (which may be NULL). */
void tk_repl_add(struct tk_repl *r, int kind);

/*
 * Appends the character p (len bytes) of kind to out when kind is
 * TK_CH_OK, else U+FFFD, counted in r.
 */
void tk_repl_put(struct tk_buf *out, const char *p, size_t len, int kind,
    struct tk_repl *r);

/*
 * Appends v to out as document esc wants it: TK_ESC_NONE as it is; XML
 * and HTML with & < > " ' as entities; LaTeX with its special characters
 * as commands; CSV as one field, quoted when it must be; shell as one
 * word in single quotes.  All but TK_ESC_NONE write valid UTF-8, with
 * U+FFFD for what is not, for NUL, and for the characters tk_char_kind
 * calls controls (but in CSV and shell, which can hold them quoted);
 * each replacement is counted in r (which may be NULL).
 */
void tk_esc_add(int esc, const struct tk_str *v, struct tk_buf *out,
    struct tk_repl *r);

/* ------------------------------------------------------------ templates */

/*
 * Text with {field} placeholders: any field name or alias that
 * tk_find_col knows, "{{" and "}}" for literal braces.  A placeholder
 * {field|ESC} whose text after its last '|' is an escape name
 * (tk_esc_find) has its value written for that document.
 */
struct tk_tmpl;

#define TK_TMPL_ALLOW_TITLES 1 /* tk_tmpl_parse: {titles} is known */
#define TK_TMPL_FLAT 2         /* tk_tmpl_expand: values on one line */
#define TK_TMPL_TITLES (-2L)   /* the column that stands for {titles} */

/*
 * Parses template s (n bytes).  name is the file to name in errors, whose
 * line and col give the place in s (col in characters).  Returns NULL
 * with e filled for an unknown field, an unclosed or single brace.
 * r must outlive the template; free with tk_tmpl_free.
 */
struct tk_tmpl *tk_tmpl_parse(const struct tk_reader *r, const char *s,
    size_t n, const char *name, int flags, struct tk_err *e);
void tk_tmpl_free(struct tk_tmpl *t);

/* Whether t has a placeholder for column col (or TK_TMPL_TITLES). */
int tk_tmpl_uses(const struct tk_tmpl *t, long col);

/*
 * The values a template is expanded with: rec's fields, except those
 * given here (NULL: rec's own).  titles is the value of {titles}.
 */
struct tk_tmpl_vals {
	const struct tk_record *rec;
	const struct tk_str *speaker, *email, *affiliation, *titles;
};

/*
 * Appends t expanded with v to out.  With TK_TMPL_FLAT each control
 * character in a value (a CRLF counts as one) becomes a space.  Values
 * are written as they are, but for placeholders that name an escape
 * ({title|xml}).
 */
void tk_tmpl_expand(const struct tk_tmpl *t, const struct tk_tmpl_vals *v,
    int flags, struct tk_buf *out);

/*
 * The pieces of t, for callers that write each in a way of their own:
 * tk_tmpl_piece sets *s to piece i (i < tk_tmpl_npieces(t)), literal text
 * or the value of a placeholder with v, and returns -1 for text, else
 * the placeholder's column (or TK_TMPL_TITLES).
 */
size_t tk_tmpl_npieces(const struct tk_tmpl *t);
long tk_tmpl_piece(const struct tk_tmpl *t, size_t i,
    const struct tk_tmpl_vals *v, struct tk_str *s);

/*
 * tk_tmpl_expand with each value escaped by tk_esc_add for document esc,
 * or for the one its placeholder names; counts the replacements in r
 * (which may be NULL).
 */
void tk_tmpl_expand_esc(const struct tk_tmpl *t,
    const struct tk_tmpl_vals *v, int flags, int esc, struct tk_buf *out,
    struct tk_repl *r);

/* ------------------------------------------------------------ clean text */
/* (After the escapers: struct tk_repl is theirs.) */

/*
 * Appends v to out with the replacements tk_put_xml makes (U+FFFD for
 * what is not UTF-8 and for the characters XML 1.0 forbids, which
 * iCalendar forbids too); returns their number.
 */
size_t tk_clean_text(const struct tk_str *v, struct tk_buf *out);

/* tk_clean_text, counting the replacements by kind in r. */
void tk_clean_text_r(const struct tk_str *v, struct tk_buf *out,
    struct tk_repl *r);

/* ------------------------------------------------------------ file names */

/*
 * A file name made from s (n bytes): '/', '\\', control characters and
 * invalid UTF-8 become '_', and so do a leading '.' or '-' and each '.'
 * after a '.'; long names are cut (the extension kept); never empty.
 * Caller frees.
 */
char *tk_safe_name(const char *s, size_t n);

/*
 * Creates file name in directory dirfd for writing, never overwriting
 * and never following a symbolic link: if name exists, tries name-2,
 * name-3, ... before its extension.  Returns the descriptor and sets
 * *used to the name created (caller frees), or returns -1 with e filled
 * and *used set to the name last tried (caller frees).
 */
int tk_create_new(int dirfd, const char *name, char **used,
    struct tk_err *e);

/*
 * Gives file from, in directory dirfd, a second name: name, or the first
 * of name-2, name-3, ... that does not exist, never overwriting.
 * Returns 0 and sets *used as tk_create_new does, or -1 with e filled.
 */
int tk_link_new(int dirfd, const char *from, const char *name, char **used,
    struct tk_err *e);

/* ---------------------------------------------------------------- slugs */

/*
 * Appends to b the slug of v, at most max bytes: the letters without
 * their accents (numérique: numerique, Straße: strasse) in lower case,
 * ASCII letters and digits, and one '-' for each run of anything else
 * between them.
 */
void tk_slug(struct tk_buf *b, const struct tk_str *v, size_t max);

#endif
