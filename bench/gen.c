/*
 * gen.c - writes N generated talk records as CSV or TSV, the same bytes
 * on every run: a fixed seed drives a small PRNG.
 *
 * Marker words: "quokka" in about 3% of records (sometimes "Quokka"),
 * "pandas" in about 25%, "python" in about 75%; "xylograph" in none.
 * The filler words contain none of them.
 *
 * "schedule" writes a schedule as CSV instead: rooms, days, start and
 * end or duration, speakers with emails, and a few problems of each
 * kind that talks check finds (a room or a speaker booked twice, a name
 * written two ways, an address that is not one, a time that cannot be
 * read).  The csv and tsv files stay as they were.
 * Usage: gen N csv|tsv|schedule
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 0x9e3779b97f4a7c15ULL;

static unsigned long long
next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dULL;
}

static unsigned
pick(unsigned n)
{
	return (unsigned)(next() % n);
}

static const char *words[] = {
	"the", "of", "and", "to", "in", "a", "is", "that", "for", "it",
	"with", "as", "on", "this", "by", "are", "we", "how", "you", "can",
	"data", "code", "system", "service", "library", "testing", "design",
	"scale", "memory", "network", "cluster", "model", "query", "stream",
	"cache", "module", "package", "release", "runtime", "compiler",
	"async", "thread", "process", "typing", "parser", "format", "string",
	"team", "user", "project", "open", "source", "community", "tool",
	"build", "deploy", "cloud", "storage", "index", "search", "graph",
	"learning", "training", "review", "speed", "latency", "error",
	"failure", "lesson", "story", "practice", "pattern", "interface",
	"protocol", "database", "schema", "migration", "version", "history",
	"future", "simple", "fast", "small", "large", "better", "modern",
	"legacy", "real", "world", "production", "notebook", "science",
	"web", "server", "client", "browser", "mobile", "security", "audit",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static const char *first[] = {
	"Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro",
	"Ingrid", "José", "Katarzyna", "Liam", "Mei", "Nnamdi", "Olga",
	"Pedro", "Zoë", "Łukasz", "Søren", "Ayşe", "Björn", "Renée",
};
static const char *last[] = {
	"Smith", "Nguyen", "García", "Müller", "Kowalski", "O'Brien",
	"Tanaka", "Okafor", "Rossi", "Dubois", "Ivanova", "Haddad",
	"Fernández", "Lindqvist", "Yılmaz", "Novák", "Papadopoulos",
};
static const char *tracks[] = {
	"Web", "Data", "Science", "DevOps", "Education", "Core", "Security",
	"Community", "Hardware", "Tooling",
};
static const char *levels[] = { "Beginner", "Intermediate", "Advanced" };

#define NEL(a) (sizeof(a) / sizeof(a[0]))

static char buf[1 << 16];
static size_t len;

static void
add(const char *s)
{
	size_t n = strlen(s);

	memcpy(buf + len, s, n);
	len += n;
}

/* n words, some with punctuation; markers placed at a random word. */
static void
sentence(unsigned n, int cap)
{
	for (unsigned i = 0; i < n; i++) {
		const char *w = words[pick(NWORDS)];
		if (i > 0)
			add(" ");
		if (i == 0 && cap) {
			buf[len++] = (char)(w[0] - 32 * (w[0] >= 'a'));
			add(w + 1);
		} else if (pick(40) == 0) {
			add("\"");
			add(w);
			add("\"");
		} else {
			add(w);
		}
		if (i + 1 < n && pick(9) == 0)
			add(",");
	}
	add(".");
}

static void
paragraphs(unsigned np, unsigned ns, unsigned wmin, unsigned wspan)
{
	for (unsigned p = 0; p < np; p++) {
		if (p > 0)
			add("\n\n");
		for (unsigned s = 0; s < ns; s++) {
			if (s > 0)
				add(" ");
			sentence(wmin + pick(wspan), 1);
		}
	}
}

static void
marker(const char *w)
{
	add(" ");
	add(w);
	add(" matters.");
}

static void
put_field(const char *s, size_t n, int tsv, int last_field)
{
	if (tsv) {
		for (size_t i = 0; i < n; i++) {
			switch (s[i]) {
			case '\t': fputs("\\t", stdout); break;
			case '\n': fputs("\\n", stdout); break;
			case '\r': fputs("\\r", stdout); break;
			case '\\': fputs("\\\\", stdout); break;
			default: putchar(s[i]);
			}
		}
	} else if (strpbrk(s, ",\"\r\n")) {
		putchar('"');
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '"')
				putchar('"');
			putchar(s[i]);
		}
		putchar('"');
	} else {
		fwrite(s, 1, n, stdout);
	}
	putchar(last_field ? '\n' : tsv ? '\t' : ',');
}

static void
field_done(int tsv, int last_field)
{
	buf[len] = '\0';
	put_field(buf, len, tsv, last_field);
	len = 0;
}

#define ROOMS 24
#define SLOTS 18 /* a day: 09:00 to 17:30, every 30 minutes */

/*
 * The email of a name: its ASCII letters, lower case, dots for spaces,
 * then at and the domain.
 */
static void
email_of(const char *first_name, char initial, const char *last_name,
    const char *at)
{
	const char *parts[3] = { first_name, NULL, last_name };
	char mid[2] = { (char)(initial + 32), '\0' };

	parts[1] = mid;
	for (int i = 0; i < 3; i++) {
		if (i > 0)
			add(".");
		for (const char *p = parts[i]; *p; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
				buf[len++] = (char)(*p | 32);
	}
	add(at);
	add("example.org");
}

/* A speaker: first name, initial, last name; a variant has two spaces. */
static void
speaker(unsigned who, int variant)
{
	const char *f = first[who % NEL(first)];
	const char *l = last[who / NEL(first) % NEL(last)];
	char mid[4] = { (char)('A' + who / NEL(first) / NEL(last) % 26), '.',
		' ', '\0' };

	add(f);
	add(variant ? "  " : " ");
	add(mid);
	add(l);
}

static int
schedule(long n)
{
	static const char *levels3[] = { "Beginner", "Intermediate",
		"Advanced" };
	unsigned npeople = NEL(first) * NEL(last) * 26;
	char tmp[64];

	fputs("id,title,speaker,email,track,level,room,day,start,end,duration,"
	    "description,abstract,bio\n", stdout);
	for (long i = 0; i < n; i++) {
		long slot = i / ROOMS;
		unsigned room = (unsigned)(i % ROOMS), ns = pick(8) ? 1 : 2;
		unsigned who[2], shift = pick(400) == 0;
		long day = slot / SLOTS, minute = 9 * 60 + slot % SLOTS * 30;
		long y = 2030 + day / 336, d = day % 336;

		snprintf(tmp, sizeof(tmp), "%ld", i + 1);
		add(tmp);
		field_done(0, 0);
		sentence(3 + pick(7), 1);
		len--;
		field_done(0, 0);
		for (unsigned k = 0; k < ns; k++) {
			who[k] = pick(npeople);
			if (k > 0)
				add("; ");
			speaker(who[k], pick(500) == 0);
		}
		field_done(0, 0);
		for (unsigned k = 0; k < ns; k++) {
			unsigned w = who[k];
			if (k > 0)
				add("; ");
			email_of(first[w % NEL(first)], (char)('A' + w /
			    NEL(first) / NEL(last) % 26),
			    last[w / NEL(first) % NEL(last)], pick(500) ? "@" :
			    " at ");
		}
		field_done(0, 0);
		add(tracks[pick(NEL(tracks))]);
		field_done(0, 0);
		add(levels3[pick(3)]);
		field_done(0, 0);
		snprintf(tmp, sizeof(tmp), "Room %02u", room + 1);
		add(tmp);
		field_done(0, 0);
		snprintf(tmp, sizeof(tmp), "%04ld-%02ld-%02ld", y, d / 28 + 1,
		    d % 28 + 1);
		add(tmp);
		field_done(0, 0);
		/* One talk in 400 starts 15 minutes early: a room overlap. */
		minute -= shift ? 15 : 0;
		if (pick(1000) == 0)
			snprintf(tmp, sizeof(tmp), "%ld.%02ld", minute / 60,
			    minute % 60);
		else
			snprintf(tmp, sizeof(tmp), "%02ld:%02ld", minute / 60,
			    minute % 60);
		add(tmp);
		field_done(0, 0);
		if (pick(3)) {
			minute += 25;
			snprintf(tmp, sizeof(tmp), "%02ld:%02ld", minute / 60,
			    minute % 60);
			add(tmp);
			field_done(0, 0);
			field_done(0, 0);
		} else {
			field_done(0, 0);
			add("25");
			field_done(0, 0);
		}
		if (pick(20))
			sentence(15 + pick(20), 1);
		field_done(0, 0);
		paragraphs(2 + pick(3), 2 + pick(2), 12, 16);
		field_done(0, 0);
		if (pick(10))
			paragraphs(1, 2 + pick(3), 10, 12);
		field_done(0, 1);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	long n;
	int tsv;

	if (argc != 3 || (n = atol(argv[1])) <= 0) {
		fputs("usage: gen N csv|tsv|schedule\n", stderr);
		return 2;
	}
	if (strcmp(argv[2], "schedule") == 0)
		return schedule(n);
	tsv = strcmp(argv[2], "tsv") == 0;
	fputs(tsv ? "id\ttitle\tspeaker\ttrack\tlevel\tdescription\tabstract"
	    "\tbio\n" : "id,title,speaker,track,level,description,abstract,"
	    "bio\n", stdout);
	for (long i = 1; i <= n; i++) {
		unsigned ns = pick(6) == 0 ? 2 + pick(2) : 1;

		snprintf(buf, sizeof(buf), "%ld", i);
		len = strlen(buf);
		field_done(tsv, 0);
		sentence(3 + pick(7), 1);
		len--;
		field_done(tsv, 0);
		for (unsigned k = 0; k < ns; k++) {
			if (k > 0)
				add(pick(3) ? "; " : "\n");
			add(first[pick(NEL(first))]);
			add(" ");
			add(last[pick(NEL(last))]);
		}
		field_done(tsv, 0);
		add(tracks[pick(NEL(tracks))]);
		field_done(tsv, 0);
		if (pick(12))
			add(levels[pick(NEL(levels))]);
		field_done(tsv, 0);
		if (pick(20))
			sentence(15 + pick(20), 1);
		field_done(tsv, 0);
		paragraphs(2 + pick(3), 2 + pick(2), 12, 16);
		if (pick(100) < 3)
			marker(pick(4) ? "quokka" : "Quokka");
		if (pick(100) < 25)
			marker("pandas");
		if (pick(100) < 75)
			marker("python");
		field_done(tsv, 0);
		if (pick(10))
			paragraphs(1, 2 + pick(3), 10, 12);
		field_done(tsv, 1);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
