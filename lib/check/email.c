/*
 * email.c - whether a value is an email address: an addr-spec of RFC
 * 5322, local-part "@" domain, where the local part is a dot-atom or a
 * quoted string and the domain a dot-atom or a domain literal in [].
 *
 * Letters beyond ASCII are allowed where atext is, as RFC 6532 allows
 * them; the comments and folding white space that RFC 5322 tolerates
 * around the parts, and its obsolete forms, are not: no mail program
 * wants them in a field of a spreadsheet.
 */
#include <string.h>

#include "check.h"
#include "write/write.h"

static int
is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != 0 && strchr("!#$%&'*+-/=?^_`{|}~",
	    c) != NULL);
}

/*
 * Reads a dot-atom from s[*i ..) up to the byte stop (256: the end);
 * returns NULL, or why it is not one.
 */
static const char *
dot_atom(const char *s, size_t n, size_t *i, int stop, const char *what)
{
	static const char *const empty[] = { "nothing before '@'",
		"nothing after '@'" };
	int local = what[0] == 'l';
	size_t start = *i;
	int dot = 1;

	while (*i < n && (unsigned char)s[*i] != stop) {
		unsigned char c = (unsigned char)s[*i];
		int ok;
		if (c == '.') {
			if (*i == start)
				return local ? "a dot at the start of the "
				    "local part" : "a dot at the start of the "
				    "domain";
			if (dot)
				return "two dots in a row";
			dot = 1;
			++*i;
			continue;
		}
		dot = 0;
		if (c >= 0x80) {
			size_t len = tk_utf8_seq(s + *i, n - *i, &ok);
			if (!ok)
				return "bytes that are not UTF-8";
			*i += len;
			continue;
		}
		if (c == '@')
			return "more than one '@'";
		if (c == ' ' || c == '\t')
			return "a space";
		if (c == '"')
			return "a quote that is not around the local part";
		if (c == '<' || c == '>')
			return "angle brackets: give the address alone";
		if (c == ',')
			return "a comma: separate addresses with ';'";
		if (!is_atext(c))
			return local ? "a character that the local part cannot "
			    "have" : "a character that the domain cannot have";
		++*i;
	}
	if (*i == start)
		return empty[!local];
	if (dot)
		return local ? "a dot at the end of the local part" :
		    "a dot at the end of the domain";
	return NULL;
}

/* Reads a quoted string at s[*i] == '"'; returns NULL or why not. */
static const char *
quoted(const char *s, size_t n, size_t *i)
{
	int ok;

	for (++*i; *i < n; ) {
		unsigned char c = (unsigned char)s[*i];
		if (c == '"') {
			++*i;
			return NULL;
		}
		if (c == '\\') {
			if (*i + 1 == n || (unsigned char)s[*i + 1] < 0x20 ||
			    s[*i + 1] == 0x7f)
				return "a bad escape in the quoted local part";
			*i += 2;
			continue;
		}
		if (c >= 0x80) {
			size_t len = tk_utf8_seq(s + *i, n - *i, &ok);
			if (!ok)
				return "bytes that are not UTF-8";
			*i += len;
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return "a control character";
		++*i;
	}
	return "a quoted local part that is not closed";
}

/* Reads a domain literal at s[*i] == '['; returns NULL or why not. */
static const char *
literal(const char *s, size_t n, size_t *i)
{
	for (++*i; *i < n; ++*i) {
		unsigned char c = (unsigned char)s[*i];
		if (c == ']') {
			++*i;
			return NULL;
		}
		if (c < 33 || c > 126 || c == '[' || c == '\\')
			return "a character that a domain literal cannot have";
	}
	return "a domain literal that is not closed";
}

const char *
tk_email_problem(const char *s, size_t n)
{
	const void *lt = memchr(s, '<', n);
	const char *why;
	size_t i = 0;

	if (n == 0)
		return "empty";
	if (memchr(s, '@', n) == NULL)
		return "no '@'";
	/* "Name <a@b>": say so rather than blame the first space. */
	if (lt && memchr(lt, '>', n - (size_t)((const char *)lt - s)) &&
	    s[0] != '"')
		return (const char *)lt == s ? "angle brackets: give the "
		    "address alone" : "a display name: give the address alone";
	if (s[0] == '"')
		why = quoted(s, n, &i);
	else
		why = dot_atom(s, n, &i, '@', "local");
	if (why)
		return why;
	if (i == n || s[i] != '@')
		return i == n ? "no '@' after the quoted local part" :
		    "text between the quoted local part and '@'";
	i++;
	if (i < n && s[i] == '[')
		why = literal(s, n, &i);
	else
		why = dot_atom(s, n, &i, 256, "domain");
	if (why)
		return why;
	if (i < n)
		return "text after the domain literal";
	return NULL;
}
