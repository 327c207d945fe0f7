/*
 * gen_frab.c - writes a frab schedule XML of N generated events, the same
 * bytes on every run, in the shape FOSDEM publishes: the people listed
 * first with their bios, then days of rooms of events, each with one to
 * three of 500 speakers, links and a recording element.  For measuring
 * talks import on schedules of any size (bench/import_memory.sh).
 * Usage: gen_frab N
 */
#include <stdio.h>
#include <stdlib.h>

#define PEOPLE 500
#define ROOMS 10
#define PER_ROOM 40   /* events of a room in a day */

static unsigned long long state = 0x2545f4914f6cdd1dULL;

static unsigned
pick(unsigned n)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (unsigned)((state * 0x9e3779b97f4a7c15ULL >> 33) % n);
}

static const char *words[] = {
	"streams", "parsers", "memory", "schedules", "compilers", "networks",
	"kernels", "databases", "editors", "fonts", "graphs", "caches",
	"shells", "filters", "clocks", "zones", "builds", "tests",
};

#define NWORDS (sizeof(words) / sizeof(words[0]))

static void
people(void)
{
	printf("  <persons>\n");
	for (unsigned i = 1; i <= PEOPLE; i++)
		printf("    <person id=\"%u\">\n      <name>Speaker %u</name>\n"
		    "      <slug>speaker_%u</slug>\n      <biography>Works on "
		    "%s &amp; %s.</biography>\n    </person>\n", i, i, i,
		    words[pick(NWORDS)], words[pick(NWORDS)]);
	printf("  </persons>\n");
}

static void
event(unsigned long id, unsigned day, unsigned slot, unsigned room)
{
	unsigned start = 9 * 60 + slot * 20, n = 1 + pick(3);

	printf("      <event id=\"%lu\" "
	    "guid=\"00000000-0000-4000-8000-%012lu\">\n"
	    "        <date>2030-06-%02uT%02u:%02u:00+02:00</date>\n"
	    "        <start>%02u:%02u</start>\n"
	    "        <duration>00:15</duration>\n"
	    "        <room>Room %u</room>\n        <slug>e%lu</slug>\n"
	    "        <title>On %s and %s, part %lu</title>\n"
	    "        <subtitle></subtitle>\n        <track>%s</track>\n"
	    "        <type>talk</type>\n        <language>en</language>\n"
	    "        <abstract>What we learnt about %s &lt;b&gt;this "
	    "year&lt;/b&gt;.</abstract>\n"
	    "        <description>Longer: %s, %s and %s.</description>\n"
	    "        <recording><license>CC BY 4.0</license>"
	    "<optout>false</optout></recording>\n        <persons>\n",
	    id, id, day + 1, start / 60 % 24, start % 60, start / 60 % 24,
	    start % 60, room, id, words[pick(NWORDS)], words[pick(NWORDS)],
	    id, words[pick(NWORDS)], words[pick(NWORDS)], words[pick(NWORDS)],
	    words[pick(NWORDS)], words[pick(NWORDS)]);
	for (unsigned k = 0; k < n; k++) {
		unsigned p = 1 + pick(PEOPLE);
		printf("          <person id=\"%u\">Speaker %u</person>\n",
		    p, p);
	}
	printf("        </persons>\n        <links>\n          <link "
	    "href=\"https://example.org/e/%lu\">Video</link>\n"
	    "        </links>\n"
	    "      </event>\n", id);
}

int
main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000, id = 0;

	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n"
	    "  <version>generated</version>\n  <conference>\n"
	    "    <acronym>gen</acronym>\n    <title>Generated</title>\n"
	    "    <day_change>06:00</day_change>\n  </conference>\n");
	people();
	for (unsigned day = 0; id < n; day++) {
		printf("  <day index=\"%u\" date=\"2030-06-%02u\">\n", day + 1,
		    day % 28 + 1);
		for (unsigned room = 1; room <= ROOMS && id < n; room++) {
			printf("    <room name=\"Room %u\">\n", room);
			for (unsigned s = 0; s < PER_ROOM && id < n; s++)
				event(++id, day % 28, s, room);
			printf("    </room>\n");
		}
		printf("  </day>\n");
	}
	printf("</schedule>\n");
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
