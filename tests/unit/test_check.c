/*
 * test_check.c - the rules of talks check: addresses, folded names,
 * lengths, and generated schedules whose overlaps and duplicates are
 * also found by comparing every pair of talks.
 */
#include <stdlib.h>

#include "check/check.h"
#include "files.h"
#include "unit.h"

static void
test_rules(void)
{
	for (int r = 0; r < TK_NRULES; r++) {
		const char *n = tk_rule_name(r);
		check(tk_rule_find(n, strlen(n)) == r);
	}
	check(tk_rule_find("room", 4) == -1);
	check(tk_rule_find("room-overlapx", 13) == -1);
	check(tk_rule_find("", 0) == -1);
}

static int
email_ok(const char *s)
{
	return tk_email_problem(s, strlen(s)) == NULL;
}

static void
test_email(void)
{
	static const char *good[] = {
		"a@b", "a.b@example.org", "a+tag@mail.example.org",
		"!#$%&'*+-/=?^_`{|}~@example.org", "\"a b\"@example.org",
		"\"a\\\"b\"@example.org", "\"\"@example.org", "a@[192.0.2.1]",
		"a@[IPv6:2001:db8::1]", "j\xc3\xb6rg@m\xc3\xbcller.de",
		"x@localhost",
	};
	static const char *bad[] = {
		"", "a", "a@", "@b", "a@@b", "a@b@c", "a b@c", "a@b c", ".a@b",
		"a.@b", "a..b@c", "a@.b", "a@b.", "a@b..c", "A <a@b>", "<a@b>",
		"a@b>", "a,b@c", "\"a@b", "\"a\"b@c", "\"a\"", "a@[1.2.3.4",
		"a@[1.2.3.4]x", "a@[1[2]", "a(c)@b", "a\xff@b", "a@b\xc3",
		"\"a\\\"@b", "\"a\x01\"@b", "a\t@b",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		check(email_ok(good[i]));
		if (!email_ok(good[i]))
			printf("  refused: %s (%s)\n", good[i],
			    tk_email_problem(good[i], strlen(good[i])));
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		check(!email_ok(bad[i]));
		if (email_ok(bad[i]))
			printf("  taken: %s\n", bad[i]);
	}
	check(strcmp(tk_email_problem("A B <a@b>", 9), "a display name: give "
	    "the address alone") == 0);
	check(strcmp(tk_email_problem("a", 1), "no '@'") == 0);
	check(strcmp(tk_email_problem("a@b@c", 5), "more than one '@'") == 0);
}

/* Whether a and b fold the same. */
static int
same(const char *a, const char *b)
{
	char fa[256], fb[256];
	size_t na = tk_fold_text(a, strlen(a), fa);
	size_t nb = tk_fold_text(b, strlen(b), fb);

	return na == nb && memcmp(fa, fb, na) == 0;
}

static void
test_fold(void)
{
	char out[64];

	check(same("José García", "JOSE GARCIA"));
	check(same("José García", "Jose\xcc\x81 Garci\xcc\x81" "a"));
	check(same("Jose  Garcia", " jose garcia\t"));
	/* Letters that Unicode does not write with a mark keep their form. */
	check(!same("Søren Kierkegaard", "Soren Kierkegaard"));
	check(same("Søren Kierkegaard", "SØREN KIERKEGAARD"));
	check(same("Łukasz", "łukasz"));
	check(same("Straße", "STRASSE"));
	check(same("Ærø", "ærø"));
	check(!same("Ærø", "aero"));
	check(same("Nguyễn", "Nguyen"));
	check(same("Ștefan Țurcan", "Stefan Turcan"));
	check(same("Ζωή", "ΖΩΗ"));
	check(same("Ёлка", "елка"));
	check(same("Ann\xc2\xa0Lee", "Ann Lee"));
	check(same("Ann\xe2\x80\x8bLee", "AnnLee"));
	check(same("Ἀθηνᾶ", "ἀθηνα"));
	check(!same("Ann Lee", "Anne Lee"));
	check(!same("a\xff", "a"));
	check(!same("×", "x"));
	/* A folded value may be longer, within TK_FOLD_ROOM. */
	check_str(out, tk_fold_text("ÆÞßĲ", 8, out), "æþssĳ");
	check_str(out, tk_fold_text("\xc5\x89", 2, out), "'n");
}

static size_t
chars(struct tk_chars *c, const char *s)
{
	return tk_chars_count(c, s, strlen(s));
}

static void
test_chars(void)
{
	struct tk_err e;
	struct tk_chars *c = tk_chars_new(&e);

	check(c != NULL);
	if (c == NULL)
		return;
	check(chars(c, "") == 0);
	check(chars(c, "abc") == 3);
	check(chars(c, "a\r\nb") == 3);
	check(chars(c, "a\n\rb") == 4);
	check(chars(c, "\xc3\xa9t\xc3\xa9") == 3);
	check(chars(c, "e\xcc\x81te\xcc\x81") == 3);
	check(chars(c, "e\xcc\x81\xcc\x81x") == 2);
	check(chars(c, "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7") == 1);
	check(chars(c, "\xf0\x9f\x87\xb3\xf0\x9f\x87\xb4") == 1);
	check(chars(c, "\xf0\x9f\x87\xb3\xf0\x9f\x87\xb4\xf0\x9f\x87\xb8"
	    "\xf0\x9f\x87\xaa") == 2);
	check(chars(c, "\xf0\x9f\x87\xb3\xf0\x9f\x87\xb4\xf0\x9f\x87\xb8") ==
	    2);
	check(chars(c, "a\xff\xfe" "b") == 4);
	check(chars(c, "\xe2\x82") == 1);
	check(chars(c, "\xe4\xbd\xa0\xe5\xa5\xbd") == 2);
	tk_chars_free(c);
}

/* ------------------------------------------------- generated schedules */

#define NTALK 240
#define NROOM 4
#define NPEOPLE 12

struct gtalk {
	int room, start, end, has_end; /* minutes */
	int who[2], nwho;
	int id, title;
	unsigned long line;
};

static struct gtalk talks[NTALK];

static const char *const people[NPEOPLE] = {
	"Ann Lee", "Ben Ode", "Cy Dee", "Di Ray", "Ed Fox", "Flo Gu",
	"Gil Ho", "Hal Ito", "Ida Jo", "Jo Kim", "Kai Lu", "Lev Ma",
};

/* Writes a schedule of random talks, some of them across lines. */
static char *
schedule(char *buf, size_t cap)
{
	size_t n = (size_t)snprintf(buf, cap,
	    "id,title,speaker,room,day,start,end\n");
	unsigned long line = 2;

	for (int i = 0; i < NTALK; i++) {
		struct gtalk *t = &talks[i];
		t->room = (int)rnd(NROOM);
		t->start = 9 * 60 + 5 * (int)rnd(36);
		t->has_end = rnd(5) != 0;
		t->end = t->has_end ? t->start + 5 * (int)rnd(13) : t->start;
		t->nwho = 1 + (rnd(3) == 0);
		t->who[0] = (int)rnd(NPEOPLE);
		t->who[1] = (int)rnd(NPEOPLE);
		t->id = (int)rnd(NTALK * 2);
		t->title = (int)rnd(NTALK / 3);
		t->line = line;
		/* The second speaker on a line of its own, now and then. */
		int nl = t->nwho == 2 && rnd(2);
		n += (size_t)snprintf(buf + n, cap - n, "%d,Talk %d,\"%s%s%s\","
		    "%s%d,2026-05-04,%02d:%02d,", t->id, t->title,
		    people[t->who[0]], t->nwho == 2 ? (nl ? "\n" : "; ") : "",
		    t->nwho == 2 ? people[t->who[1]] : "", rnd(2) ? "Room " :
		    "room ", t->room, t->start / 60, t->start % 60);
		if (t->has_end)
			n += (size_t)snprintf(buf + n, cap - n, "%02d:%02d",
			    t->end / 60, t->end % 60);
		n += (size_t)snprintf(buf + n, cap - n, "\n");
		line += 1 + (unsigned long)nl;
	}
	return buf;
}

/* Whether talk u comes before talk t in the order of the sweep. */
static int
before(int u, int t)
{
	return talks[u].start < talks[t].start ||
	    (talks[u].start == talks[t].start && u < t);
}

static int
overlap(int u, int t)
{
	return talks[u].start == talks[t].start ||
	    (talks[u].start < talks[t].start && talks[u].end > talks[t].start);
}

static int
speaks(int t, int who)
{
	return talks[t].who[0] == who || (talks[t].nwho == 2 &&
	    talks[t].who[1] == who);
}

static int
by_line(unsigned long line)
{
	for (int i = 0; i < NTALK; i++)
		if (talks[i].line == line)
			return i;
	return -1;
}

/* The problems of rule at each talk, counted, and checked one by one. */
static void
check_generated(struct tk_checker *k, int *room_at, int *spk_at, int *dup_at)
{
	struct tk_problem p;

	for (size_t i = 0; i < tk_check_count(k); i++) {
		tk_check_get(k, i, &p);
		int t = by_line(p.line), u = by_line(p.other_line);
		check(t >= 0 && u >= 0 && t != u);
		if (t < 0 || u < 0)
			continue;
		if (p.rule == TK_RULE_ROOM_OVERLAP) {
			room_at[t]++;
			check(talks[u].room == talks[t].room && before(u, t) &&
			    overlap(u, t));
		} else if (p.rule == TK_RULE_SPEAKER_OVERLAP) {
			spk_at[t]++;
			check(before(u, t) && overlap(u, t));
		} else if (p.rule == TK_RULE_DUPLICATE) {
			dup_at[t]++;
			check(u < t && (talks[u].id == talks[t].id ||
			    (talks[u].title == talks[t].title &&
			    talks[u].nwho == talks[t].nwho &&
			    talks[u].who[0] == talks[t].who[0] &&
			    (talks[u].nwho == 1 ||
			    talks[u].who[1] == talks[t].who[1]))));
		}
		if (i > 0) {
			struct tk_problem q;
			tk_check_get(k, i - 1, &q);
			check(q.line < p.line || (q.line == p.line &&
			    q.rule <= p.rule));
		}
	}
}

static int
same_talk_key(int u, int t)
{
	const struct gtalk *a = &talks[u], *b = &talks[t];

	return a->title == b->title && a->nwho == b->nwho &&
	    a->who[0] == b->who[0] && (a->nwho == 1 || a->who[1] == b->who[1]);
}

/* The problems that comparing every pair finds. */
static void
check_pairs(const int *room_at, const int *spk_at, const int *dup_at)
{
	for (int t = 0; t < NTALK; t++) {
		int room = 0, spk = 0, id = 0, key = 0;
		for (int u = 0; u < NTALK; u++) {
			if (u == t)
				continue;
			if (before(u, t) && overlap(u, t) &&
			    talks[u].room == talks[t].room)
				room = 1;
			for (int w = 0; w < talks[t].nwho; w++) {
				int who = talks[t].who[w];
				/* A speaker named twice on a talk is one. */
				if (w == 1 && talks[t].who[0] == who)
					continue;
				if (before(u, t) && overlap(u, t) &&
				    speaks(u, who))
					spk++;
			}
			if (u < t && talks[u].id == talks[t].id)
				id = 1;
			if (u < t && same_talk_key(u, t))
				key = 1;
		}
		/* Each speaker's overlap is reported once, naming one talk. */
		int want_spk = 0;
		for (int w = 0; w < talks[t].nwho; w++) {
			int who = talks[t].who[w], any = 0;
			if (w == 1 && talks[t].who[0] == who)
				continue;
			for (int u = 0; u < NTALK; u++)
				if (u != t && before(u, t) && overlap(u, t) &&
				    speaks(u, who))
					any = 1;
			want_spk += any;
		}
		check(room_at[t] == room);
		check(spk_at[t] == want_spk);
		check((spk > 0) == (want_spk > 0));
		check(dup_at[t] == (id || key));
		if (room_at[t] != room || spk_at[t] != want_spk ||
		    dup_at[t] != (id || key))
			printf("  talk %d (line %lu): room %d/%d speaker %d/%d "
			    "duplicate %d/%d\n", t, talks[t].line, room_at[t],
			    room, spk_at[t], want_spk, dup_at[t], id || key);
	}
}

static void
test_generated(void)
{
	static char buf[NTALK * 128];
	static const size_t req[] = { TK_TITLE };

	for (int round = 0; round < 20; round++) {
		char *path;
		struct tk_check_opts o = { 0 };
		struct tk_inopts in = { .dialect = TK_AUTO };
		struct tk_reader *r;
		struct tk_checker *k;
		struct tk_record rec;
		struct tk_err e;
		int room_at[NTALK] = { 0 }, spk_at[NTALK] = { 0 };
		int dup_at[NTALK] = { 0 };

		schedule(buf, sizeof(buf));
		path = file("sched.csv", buf, strlen(buf));
		r = tk_open(&path, 1, &in);
		o.rules = TK_RULES_ALL & ~(1u << TK_RULE_NAME_VARIANT);
		o.require = req;
		o.nrequire = 1;
		k = tk_check_new(r, &o, &e);
		while (tk_read(r, &rec, &e) == 1)
			tk_check_add(k, &rec);
		tk_check_end(k);
		check_generated(k, room_at, spk_at, dup_at);
		check_pairs(room_at, spk_at, dup_at);
		tk_check_free(k);
		tk_close(r);
	}
}

/* ---------------------------------------------------- generated people */

#define NREC 150

static const char *const spellings[][4] = {
	{ "Ann Lee", "ann lee", "Ann  Lee", "ANN LEE" },
	{ "Jos\xc3\xa9 N\xc3\xba\xc3\xb1" "ez", "Jose Nunez",
	  "JOS\xc3\x89 N\xc3\x9a\xc3\x91" "EZ",
	  "Jose\xcc\x81 Nu\xcc\x81n\xcc\x83" "ez" },
	{ "Zo\xc3\xab Ng", "Zoe Ng", "Zoe Ng", "Zo\xc3\xab Ng" },
	{ "Bo Li", "Bo Li", "Bo Li", "Bo Li" },
};
static const char *const addresses[] = { "", "a@x.org", "A@X.org",
	"b@x.org", "c@x.org" };

struct gspeaker {
	int person, spelling, email; /* email: an index of addresses */
};

struct grec {
	struct gspeaker s[2];
	int n;
	unsigned long line;
};

static struct grec recs[NREC];

/* The email key of address e: a@x.org and A@X.org are one. */
static int
mailkey(int e)
{
	return e == 2 ? 1 : e;
}

/*
 * The name-variant problems at record r, found by looking at every
 * earlier speaker (and the earlier speakers of r itself).
 */
static int
variants_at(int r)
{
	int count = 0;

	for (int i = 0; i < recs[r].n; i++) {
		const struct gspeaker *s = &recs[r].s[i];
		const char *first = NULL, *me = spellings[s->person][s->spelling];
		int seen = 0, owner = -1, reported = 0;
		/* Speakers before this one, in order. */
		for (int q = 0; q <= r; q++)
			for (int j = 0; j < recs[q].n && (q < r || j < i); j++) {
				const struct gspeaker *t = &recs[q].s[j];
				const char *sp = spellings[t->person][t->spelling];
				if (t->person == s->person) {
					if (first == NULL)
						first = sp;
					if (strcmp(sp, me) == 0)
						seen = 1;
				}
				if (s->email && t->email &&
				    mailkey(t->email) == mailkey(s->email)) {
					if (owner < 0)
						owner = t->person;
					else if (t->person == s->person &&
					    t->person != owner)
						reported = 1;
				}
			}
		if (first && strcmp(first, me) != 0 && !seen)
			count++;
		if (owner >= 0 && owner != s->person && !reported)
			count++;
	}
	return count;
}

static void
test_people(void)
{
	static char buf[NREC * 128];
	struct tk_inopts in = { .dialect = TK_AUTO };

	for (int round = 0; round < 20; round++) {
		size_t n = (size_t)snprintf(buf, sizeof(buf),
		    "title,speaker,email\n");
		unsigned long line = 2;
		struct tk_check_opts o = { 0 };
		struct tk_problem p;
		struct tk_record rec;
		struct tk_err e;
		int at[NREC] = { 0 };
		char *path;

		for (int r = 0; r < NREC; r++) {
			struct grec *g = &recs[r];
			g->n = 1 + (rnd(4) == 0);
			g->line = line;
			for (int i = 0; i < g->n; i++) {
				g->s[i].person = (int)rnd(4);
				g->s[i].spelling = (int)rnd(4);
				g->s[i].email = (int)rnd(5);
			}
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			    "T%d,\"%s%s%s\",\"%s%s%s\"\n", r,
			    spellings[g->s[0].person][g->s[0].spelling],
			    g->n == 2 ? "; " : "", g->n == 2 ?
			    spellings[g->s[1].person][g->s[1].spelling] : "",
			    addresses[g->s[0].email], g->n == 2 ? ";" : "",
			    g->n == 2 ? addresses[g->s[1].email] : "");
			line++;
		}
		path = file("people.csv", buf, n);
		struct tk_reader *rd = tk_open(&path, 1, &in);
		o.rules = 1u << TK_RULE_NAME_VARIANT;
		struct tk_checker *k = tk_check_new(rd, &o, &e);
		while (tk_read(rd, &rec, &e) == 1)
			tk_check_add(k, &rec);
		tk_check_end(k);
		for (size_t i = 0; i < tk_check_count(k); i++) {
			tk_check_get(k, i, &p);
			check(p.rule == TK_RULE_NAME_VARIANT && p.has_other &&
			    p.other_line <= p.line && p.line >= 2 &&
			    p.line < NREC + 2);
			if (p.line >= 2 && p.line < NREC + 2)
				at[p.line - 2]++;
		}
		for (int r = 0; r < NREC; r++) {
			check(at[r] == variants_at(r));
			if (at[r] != variants_at(r))
				printf("  record %d: %d problems, want %d\n", r,
				    at[r], variants_at(r));
		}
		tk_check_free(k);
		tk_close(rd);
	}
}

int
main(void)
{
	if (files_begin() < 0)
		return 1;
	test_rules();
	test_email();
	test_fold();
	test_chars();
	test_generated();
	test_people();
	files_end();
	return unit_done();
}
