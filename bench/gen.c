/*
 * gen.c - writes N generated talk records as CSV or TSV, the same bytes
 * on every run: a fixed seed drives a small PRNG.
 *
 * Marker words: "quokka" in about 3% of records (sometimes "Quokka"),
 * "pandas" in about 25%, "python" in about 75%; "xylograph" in none.
 * The filler words contain none of them.
 * Usage: gen N csv|tsv
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

int
main(int argc, char **argv)
{
	long n;
	int tsv;

	if (argc != 3 || (n = atol(argv[1])) <= 0) {
		fputs("usage: gen N csv|tsv\n", stderr);
		return 2;
	}
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
