/*
 * match.c - pattern matching with PCRE2, the one place that uses it.
 *
 * Each pattern is compiled on its own, so that an error names the pattern
 * it is in and back references keep their numbers; a field matches when
 * any pattern does.  Subjects are searched in place (pointer and length),
 * with one match data block shared by all patterns.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"

/* What a pattern knows of the subject being stepped through. */
enum { NEXT_UNKNOWN, NEXT_FOUND, NEXT_NONE };

struct pat {
	pcre2_code *code;
	int jit;              /* JIT-compiled: use the fast path */
	int caseless;         /* compiled with PCRE2_CASELESS */
	int next;             /* NEXT_*: the cached match below */
	size_t so, eo;
};

struct tk_matcher {
	pcre2_general_context *gctx;
	pcre2_compile_context *cctx;
	struct pat *pat;
	size_t npat;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *stack;
	const char *s;        /* the subject of tk_matcher_start */
	size_t n, pos;
	struct pat raw;       /* the raw-record test, code NULL without one */
	unsigned char used[256]; /* bytes of the raw test's literals */
};

/*
 * PCRE2 allocates through these, so that running out of memory ends the
 * program as it does elsewhere.
 */
static void *
xalloc(PCRE2_SIZE n, void *data)
{
	return tk_xmalloc(n);
}

static void
xfree(void *p, void *data)
{
	free(p);
}

static int
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Escapes s so that it matches itself; bytes from 0x80 on stay as they are. */
static void
add_literal(struct tk_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			char x[] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			tk_buf_add(b, x, sizeof(x));
		} else if (c < 0x80 && !is_alnum(c)) {
			tk_buf_add(b, "\\", 1);
			tk_buf_add(b, s + i, 1);
		} else {
			tk_buf_add(b, s + i, 1);
		}
	}
}

/*
 * The length of the start-of-pattern items such as (*UTF) or
 * (*LIMIT_MATCH=9) at the front of s: they are only valid there, so they
 * stay in front when the pattern is wrapped.
 */
static size_t
verbs_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i + 2 < n && s[i] == '(' && s[i + 1] == '*') {
		size_t j = i + 2;
		while (j < n && ((s[j] >= 'A' && s[j] <= 'Z') || s[j] == '_' ||
		    s[j] == '=' || (s[j] >= '0' && s[j] <= '9')))
			j++;
		if (j == i + 2 || j >= n || s[j] != ')')
			break;
		i = j + 1;
	}
	return i;
}

/* Returns the index after the first close at or after s[i]. */
static size_t
skip_to(const char *s, size_t n, size_t i, char close)
{
	while (i < n && s[i] != close)
		i++;
	return i < n ? i + 1 : n;
}

/* After "(?" at s[j]: skips a group name or a reference by name. */
static size_t
skip_name(const char *s, size_t n, size_t j)
{
	char c = j + 1 < n ? s[j + 1] : '\0';

	if (s[j] == 'P' && (c == '<' || c == '=' || c == '>'))
		return skip_to(s, n, j + 2, c == '<' ? '>' : ')');
	if (s[j] == '<' && c != '=' && c != '!')
		return skip_to(s, n, j + 1, '>');
	if (s[j] == '&')
		return skip_to(s, n, j + 1, ')');
	if (s[j] == '\'')
		return skip_to(s, n, j + 1, '\'');
	return j;
}

/*
 * Copies the parts of pattern s that stand for subject text to b:
 * escapes, group names and verbs are left out, since their upper-case
 * letters do not ask for a case-sensitive match.
 */
static void
literal_parts(struct tk_buf *b, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (s[i] == '\\' && i + 1 < n) {
			char e = s[i + 1];
			i += 2;
			if (i < n && strchr("pPxoNgk", e) && s[i] == '{')
				i = skip_to(s, n, i, '}');
			else if (i < n && (e == 'k' || e == 'g') &&
			    (s[i] == '<' || s[i] == '\''))
				i = skip_to(s, n, i + 1,
				    s[i] == '<' ? '>' : '\'');
		} else if (s[i] == '(' && i + 1 < n && s[i + 1] == '*') {
			i = skip_to(s, n, i, ')');
		} else if (s[i] == '(' && i + 2 < n && s[i + 1] == '?') {
			i = skip_name(s, n, i + 2);
		} else {
			tk_buf_add(b, s + i, 1);
			i++;
		}
	}
}

/* Whether s has a letter in upper or title case (Unicode). */
static int
has_upper(const struct tk_matcher *m, const char *s, size_t n)
{
	static const char upper[] = "[\\p{Lu}\\p{Lt}]";
	pcre2_code *code;
	pcre2_match_data *md;
	int errcode, rc;
	PCRE2_SIZE off;

	code = pcre2_compile((PCRE2_SPTR)upper, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &errcode, &off, m->cctx);
	if (code == NULL)
		return 0;
	md = pcre2_match_data_create(1, m->gctx);
	rc = pcre2_match(code, (PCRE2_SPTR)(n ? s : ""), n, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return rc >= 0;
}

/* Whether pattern s (n bytes) asks for a case-sensitive match under -S. */
static int
wants_case(const struct tk_matcher *m, const char *s, size_t n, int fixed)
{
	struct tk_buf b = { NULL, 0, 0 };
	int r;

	if (fixed)
		return has_upper(m, s, n);
	literal_parts(&b, s, n);
	r = has_upper(m, b.p, b.n);
	free(b.p);
	return r;
}

/* The text to compile for pattern s: escaped with -F, wrapped with -w, -x. */
static void
build(struct tk_buf *b, const char *s, size_t n, const struct tk_match_opts *o,
    size_t *prefix)
{
	size_t v = o->fixed ? 0 : verbs_len(s, n);

	tk_buf_add(b, s, v);
	if (o->whole)
		tk_buf_adds(b, "\\A(?:");
	else if (o->word)
		tk_buf_adds(b, "(?<!\\w)(?:");
	*prefix = b->n - v;
	if (o->fixed)
		add_literal(b, s, n);
	else
		tk_buf_add(b, s + v, n - v);
	if (o->whole)
		tk_buf_adds(b, ")\\z");
	else if (o->word)
		tk_buf_adds(b, ")(?!\\w)");
}

/* Fills e with PCRE2's message for error code rc. */
static void
pcre_message(struct tk_err *e, const char *file, unsigned long line,
    unsigned long col, int rc)
{
	PCRE2_UCHAR msg[256];

	if (pcre2_get_error_message(rc, msg, sizeof(msg)) < 0)
		tk_fail(e, file, line, col, "PCRE2 error %d", rc);
	else
		tk_fail(e, file, line, col, "%s", (const char *)msg);
}

/* Fills e for an error at byte off of pattern i (from 0), n bytes long. */
static int
pattern_error(struct tk_err *e, size_t i, size_t off, size_t n, int rc)
{
	pcre_message(e, "pattern", i + 1, (off < n ? off : n) + 1, rc);
	return -1;
}

static pcre2_code *
compile(const struct tk_matcher *m, const char *s, size_t n, uint32_t flags,
    int *rc, PCRE2_SIZE *off)
{
	return pcre2_compile((PCRE2_SPTR)(n ? s : ""), n, flags, rc, off,
	    m->cctx);
}

/*
 * Whether pattern s (n bytes) may call a group as a subroutine ((?R),
 * (?1), (?-1), (?+1), (?&name), (?P>name), \g<name>, \g'name').  JIT
 * code for such a pattern can run for minutes before it reaches the
 * match limit (found by fuzzing: "|||(?0)" with -x), so it is run by the
 * interpreter, whose depth limit stops it.  A false alarm costs speed
 * only.
 */
static int
calls_groups(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		const char *t = s + i;
		if (t[0] == '(' && t[1] == '?' && (t[2] == 'R' ||
		    t[2] == '&' || (t[2] >= '0' && t[2] <= '9') ||
		    t[2] == '+' || t[2] == '-'))
			return 1;
		if (t[0] == '(' && t[1] == '?' && i + 3 < n && t[2] == 'P' &&
		    t[3] == '>')
			return 1;
		if (t[0] == '\\' && t[1] == 'g' && (t[2] == '<' ||
		    t[2] == '\''))
			return 1;
	}
	return 0;
}

/* The options every pattern is compiled with. */
#define BASE_FLAGS (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | \
	PCRE2_NEVER_BACKSLASH_C)

/* JIT-compiles p's code; (*NO_JIT) makes that succeed without code: ask. */
static void
jit(struct pat *p)
{
	PCRE2_SIZE size;

	if (pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE) == 0 &&
	    pcre2_pattern_info(p->code, PCRE2_INFO_JITSIZE, &size) == 0)
		p->jit = size > 0;
}

/* Compiles pattern number i (from 0) into p; -1 with e on a bad pattern. */
static int
compile_one(struct tk_matcher *m, size_t i, const struct tk_str *s,
    const struct tk_match_opts *o, struct tk_err *e)
{
	struct pat *p = &m->pat[i];
	uint32_t flags = BASE_FLAGS;
	struct tk_buf b = { NULL, 0, 0 };
	pcre2_code *raw;
	PCRE2_SIZE off;
	size_t prefix;
	int rc;

	if (o->caseless ||
	    (o->smart_case && !wants_case(m, s->p, s->n, o->fixed))) {
		flags |= PCRE2_CASELESS;
		p->caseless = 1;
	}
	build(&b, s->p, s->n, o, &prefix);
	if (prefix > 0 && !o->fixed) {
		/*
		 * Wrapping could hide an error ("a)|(b" with -x) or move its
		 * column, so the pattern must first compile alone.
		 */
		if ((raw = compile(m, s->p, s->n, flags, &rc, &off)) == NULL) {
			free(b.p);
			return pattern_error(e, i, off, s->n, rc);
		}
		pcre2_code_free(raw);
	}
	p->code = compile(m, b.p, b.n, flags, &rc, &off);
	free(b.p);
	if (p->code == NULL)
		return pattern_error(e, i, off > prefix ? off - prefix : 0,
		    s->n, rc);
	if (o->fixed || !calls_groups(s->p, s->n))
		jit(p);
	return 0;
}

/* ------------------------------------------------- the raw-record test */

/*
 * The raw-record test (tk_matcher_raw) runs one pattern over the bytes
 * of a record as its file has them, before the reader decodes the
 * fields.  It may say "no match" only when no decoded field can match,
 * so it is built only when a match in a field implies one in the raw
 * bytes (tk_raw_exact):
 *
 * - every pattern is a literal: -F, or a regular expression without
 *   metacharacters; no -w or -x, whose boundaries are the field's;
 * - no literal holds '"', '\\', tab, CR or LF, and none is empty (it
 *   matches every record: nothing to gain);
 * - no --match-limit (see below).
 *
 * Decoding a field removes bytes (the quotes around a quoted field, one
 * quote of each "") and makes bytes ('"' from "", and in TSV tab, LF, CR
 * and '\\' from \t \n \r \\); every other byte of a field is a byte of
 * the raw record, and two bytes next to each other in the field are
 * next to each other in the raw record unless a removed or made byte
 * lay between them, which is one of the bytes above or a quote.  So a
 * match of such a literal, also with -i (no character folds to one of
 * those bytes), is a run of raw bytes that the literal matches.  Invalid
 * UTF-8 around it changes nothing: the match is valid UTF-8 and starts
 * at a character.  The delimiter needs no rule, as decoding keeps it;
 * still, a literal that may match it is not tested raw on that file.
 *
 * A failed raw test (the match limit) counts as a possible match, so
 * that the fields' own tests report the failure as before.  A literal
 * does not reach the default limit (a field of 30 million 'x' searched
 * for "xy" does not); a small --match-limit could fail a field and not
 * the record, so it turns the raw test off.
 */
int
tk_raw_exact(const struct tk_str *pats, size_t npats,
    const struct tk_match_opts *o)
{
	static const char meta[] = "\\^$.[]|()?*+{}";
	static const char decoded[] = "\"\\\t\r\n";

	if (npats == 0 || o->word || o->whole || o->match_limit != 0)
		return 0;
	for (size_t i = 0; i < npats; i++) {
		if (pats[i].n == 0)
			return 0;
		for (size_t k = 0; k < pats[i].n; k++) {
			char c = pats[i].p[k];
			if (c != '\0' && strchr(decoded, c))
				return 0;
			if (!o->fixed && c != '\0' && strchr(meta, c))
				return 0;
		}
	}
	return 1;
}

/* Marks the bytes that a match of literal s (n bytes) may hold. */
static void
mark_used(struct tk_matcher *m, const char *s, size_t n, int caseless)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		m->used[c] = 1;
		if (caseless)
			m->used[tk_lower(c)] = 1;
		if (caseless && c >= 'a' && c <= 'z')
			m->used[c - 'a' + 'A'] = 1;
	}
	/* Folding reaches characters of other lengths: any byte from 0x80. */
	if (caseless)
		memset(m->used + 0x80, 1, 0x80);
}

/* Compiles the raw-record test when tk_raw_exact allows it. */
static void
compile_raw(struct tk_matcher *m, const struct tk_str *pats,
    const struct tk_match_opts *o)
{
	struct tk_buf b = { NULL, 0, 0 };
	PCRE2_SIZE off;
	int rc;

	if (o->no_raw || !tk_raw_exact(pats, m->npat, o))
		return;
	for (size_t i = 0; i < m->npat; i++) {
		tk_buf_adds(&b, i ? "|(?:" : "(?:");
		if (m->pat[i].caseless)
			tk_buf_adds(&b, "(?i)");
		add_literal(&b, pats[i].p, pats[i].n);
		tk_buf_adds(&b, ")");
		mark_used(m, pats[i].p, pats[i].n, m->pat[i].caseless);
	}
	m->raw.code = compile(m, b.p, b.n, BASE_FLAGS, &rc, &off);
	free(b.p);
	if (m->raw.code)
		jit(&m->raw);
}

static void
setup(struct tk_matcher *m, unsigned long limit)
{
	uint32_t l = limit == 0 || limit > UINT32_MAX ? TK_MATCH_LIMIT :
	    (uint32_t)limit;

	m->md = pcre2_match_data_create(1, m->gctx);
	m->mctx = pcre2_match_context_create(m->gctx);
	m->stack = pcre2_jit_stack_create(32 << 10, 8 << 20, m->gctx);
	pcre2_set_match_limit(m->mctx, l);
	pcre2_set_depth_limit(m->mctx, l);
	if (m->stack)
		pcre2_jit_stack_assign(m->mctx, NULL, m->stack);
}

struct tk_matcher *
tk_matcher_new(const struct tk_str *pats, size_t npats,
    const struct tk_match_opts *o, struct tk_err *e)
{
	struct tk_matcher *m = tk_xcalloc(1, sizeof(*m));

	/* Both come from xalloc, which does not return NULL. */
	m->gctx = pcre2_general_context_create(xalloc, xfree, NULL);
	m->cctx = pcre2_compile_context_create(m->gctx);
	m->pat = tk_xcalloc(npats ? npats : 1, sizeof(*m->pat));
	for (; m->npat < npats; m->npat++) {
		if (compile_one(m, m->npat, &pats[m->npat], o, e) < 0) {
			tk_matcher_free(m);
			return NULL;
		}
	}
	setup(m, o->match_limit);
	compile_raw(m, pats, o);
	return m;
}

void
tk_matcher_free(struct tk_matcher *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->npat; i++)
		pcre2_code_free(m->pat[i].code);
	free(m->pat);
	pcre2_code_free(m->raw.code);
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->stack);
	pcre2_compile_context_free(m->cctx);
	pcre2_general_context_free(m->gctx);
	free(m);
}

/* Runs pattern p on s from start: 1 with the match in md, 0, or -1. */
static int
run(struct tk_matcher *m, const struct pat *p, const char *s, size_t n,
    size_t start, uint32_t opts, struct tk_err *e)
{
	PCRE2_SPTR subj = (PCRE2_SPTR)(n ? s : "");
	int rc;

	if (p->jit)
		rc = pcre2_jit_match(p->code, subj, n, start, opts, m->md,
		    m->mctx);
	else
		rc = pcre2_match(p->code, subj, n, start, opts, m->md,
		    m->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	pcre_message(e, NULL, 0, 0, rc);
	return -1;
}

int
tk_matcher_test(struct tk_matcher *m, const char *s, size_t n,
    struct tk_err *e)
{
	for (size_t i = 0; i < m->npat; i++) {
		int rc = run(m, &m->pat[i], s, n, 0, 0, e);
		if (rc != 0)
			return rc;
	}
	return 0;
}

void
tk_matcher_start(struct tk_matcher *m, const char *s, size_t n)
{
	m->s = s;
	m->n = n;
	m->pos = 0;
	for (size_t i = 0; i < m->npat; i++)
		m->pat[i].next = NEXT_UNKNOWN;
}

/* Brings pattern p's cached match up to the current position. */
static int
refresh(struct tk_matcher *m, struct pat *p, struct tk_err *e)
{
	PCRE2_SIZE *ov;
	int rc;

	if (p->next == NEXT_FOUND && p->so < m->pos)
		p->next = NEXT_UNKNOWN;
	if (p->next != NEXT_UNKNOWN)
		return 0;
	rc = run(m, p, m->s, m->n, m->pos, PCRE2_NOTEMPTY, e);
	if (rc < 0)
		return -1;
	p->next = rc ? NEXT_FOUND : NEXT_NONE;
	if (rc) {
		ov = pcre2_get_ovector_pointer(m->md);
		p->so = ov[0];
		p->eo = ov[1];
	}
	return 0;
}

int
tk_matcher_next(struct tk_matcher *m, size_t *so, size_t *eo,
    struct tk_err *e)
{
	struct pat *best = NULL;

	if (m->pos > m->n)
		return 0;
	for (size_t i = 0; i < m->npat; i++) {
		struct pat *p = &m->pat[i];
		if (refresh(m, p, e) < 0)
			return -1;
		if (p->next == NEXT_FOUND && (best == NULL ||
		    p->so < best->so ||
		    (p->so == best->so && p->eo > best->eo)))
			best = p;
	}
	/* \K can report a match that ends before it starts: no progress. */
	if (best == NULL || best->eo <= m->pos || best->eo < best->so)
		return 0;
	*so = best->so;
	*eo = best->eo;
	m->pos = best->eo;
	return 1;
}

int
tk_matcher_has_raw(const struct tk_matcher *m)
{
	return m->raw.code != NULL;
}

int
tk_matcher_raw(struct tk_matcher *m, const char *s, size_t n, int delim)
{
	struct tk_err e;

	if (m->raw.code == NULL || m->used[(unsigned char)delim])
		return 1;
	return run(m, &m->raw, s, n, 0, 0, &e) != 0;
}
