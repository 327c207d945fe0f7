/* fields.c - canonical field names and the header aliases that map to them. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * Aliases are written folded (see tk_fold_name).  They cover the headers
 * that pretalx, Sessionize (startsAt folds to "startsat"), frab, Indico,
 * OSEM and common spreadsheets write.
 */
static const char *const a_id[] = { "id", "session id", "event id", "code",
	"talk id", "proposal id", NULL };
static const char *const a_title[] = { "title", "talk", "session",
	"session title", "proposal title", "talk title", "title of the talk",
	NULL };
static const char *const a_speaker[] = { "speaker", "speakers",
	"speaker names", "speaker name", "presenter", "presenters", "author",
	"authors", "owner", "persons", NULL };
static const char *const a_email[] = { "email", "e mail", "owner email",
	"speaker email", "presenters (email)", "speaker emails", "emails",
	NULL };
static const char *const a_affiliation[] = { "affiliation", "company",
	"organization", "organisation", "affiliations", NULL };
static const char *const a_track[] = { "track", "category", "topic", NULL };
static const char *const a_type[] = { "type", "session type",
	"session format", "event type", "format", "submission type", NULL };
static const char *const a_level[] = { "level", "audience",
	"audience level", "difficulty", "difficulty level", "experience level",
	NULL };
static const char *const a_state[] = { "state", "status", "proposal state",
	NULL };
static const char *const a_description[] = { "description", "summary",
	NULL };
static const char *const a_abstract[] = { "abstract", NULL };
static const char *const a_bio[] = { "bio", "biography", "speaker bio",
	NULL };
static const char *const a_room[] = { "room", "location", NULL };
static const char *const a_day[] = { "day", "date", "start (date)", NULL };
static const char *const a_start[] = { "start", "start time",
	"start (time)", "scheduled at", "startsat", "starts at", "time",
	"slot", "time slot", NULL };
static const char *const a_end[] = { "end", "end time", "end (time)",
	"endsat", "ends at", NULL };
static const char *const a_duration[] = { "duration", "scheduled duration",
	"length", NULL };
static const char *const a_url[] = { "url", "link", "web", NULL };
static const char *const a_tags[] = { "tags", "keywords", NULL };

static const char *const *const aliases[TK_NCANON] = {
	a_id, a_title, a_speaker, a_email, a_affiliation, a_track, a_type,
	a_level, a_state, a_description, a_abstract, a_bio, a_room, a_day,
	a_start, a_end, a_duration, a_url, a_tags,
};

const char *
tk_canon_name(int f)
{
	return aliases[f][0];
}

const char *const *
tk_canon_aliases(int f)
{
	return aliases[f];
}

static int
is_sep(unsigned char c)
{
	return c == ' ' || c == '-' || c == '_' || c == '\t';
}

size_t
tk_fold_name(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0;
	int sep = 0;

	while (i < n && is_sep((unsigned char)s[i]))
		i++;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_sep(c)) {
			sep = 1;
			continue;
		}
		if (sep)
			out[o++] = ' ';
		sep = 0;
		out[o++] = (char)tk_lower(c);
	}
	out[o] = '\0';
	return o;
}

int
tk_canon_find(const char *s, size_t n)
{
	char small[64];
	/* Long names can fold short ("title----"): fold them all. */
	char *buf = n < sizeof(small) ? small : tk_xmalloc(n + 1);
	size_t len = tk_fold_name(s, n, buf);
	int found = -1;

	for (int f = 0; f < TK_NCANON && found < 0; f++)
		for (const char *const *a = aliases[f]; *a; a++)
			if (strlen(*a) == len && memcmp(*a, buf, len) == 0) {
				found = f;
				break;
			}
	if (buf != small)
		free(buf);
	return found;
}
