/* checker.h - what the files of lib/check/ share: the checker's state. */
#ifndef TALKS_CHECKER_H
#define TALKS_CHECKER_H

#include <stdint.h>

#include "check.h"
#include "match/match.h"
#include "select/select.h"
#include "write/write.h"

#define NONE SIZE_MAX

/* Where a record is: problems name it by file and line. */
struct place {
	size_t fileno;
	unsigned long line;
};

/* A problem as found; its message is in the checker's text. */
struct prob {
	int rule;
	long field;
	size_t rec, other;        /* record numbers; other NONE when none */
	size_t msg, msglen;
	size_t seq;               /* the order found, for a stable sort */
};

/* One person, by folded name. */
struct person {
	size_t rec;               /* the first record that names them */
	size_t spell, spelllen;   /* the first spelling, in names */
	size_t variants;          /* other spellings reported: a list */
};

/* One email address, ignoring ASCII case. */
struct mail {
	size_t person;            /* the first person given it */
	size_t rec;
	size_t others;            /* other people reported: a list */
};

/* A node of the small lists above, in the checker's nodes. */
struct node {
	size_t a, b;
	size_t next;
};

/* A talk with a time; end is start when it has no end or duration. */
struct talk {
	long long start, end;
	size_t rec;
	size_t room;              /* in rooms, or NONE */
	int dayless;              /* a bare start, read on a day of its own */
};

/* A talk in a room, or a speaker's talk: what the overlap rules sort. */
struct slot {
	size_t key;               /* the room or the person */
	long long start, end;
	size_t talk;
};

_Static_assert(sizeof(struct slot) % 8 == 0, "sort_u64 copies words");

/* Byte strings with a number each (keys.c); start it zeroed. */
struct keys {
	struct keyslot *slot;
	size_t nslot, n;
	struct tk_buf text;
};

/*
 * The number of key (n bytes) in s; when s does not have it, adds it
 * with value and returns NONE.
 */
size_t keys_put(struct keys *s, const char *key, size_t n, size_t value);
/* The number of key in s, or NONE. */
size_t keys_get(const struct keys *s, const char *key, size_t n);
void keys_free(struct keys *s);

/* A 64-bit hash of s (n bytes), its low bits as mixed as its high ones. */
uint64_t text_hash(const char *s, size_t n);

/*
 * The keys of the records, one each, compared only once all are in:
 * sorted by hash, so that the read needs no table that grows with the
 * records.
 */
struct reckey {
	uint64_t hash;
	size_t off;               /* in text: the key's length, then its bytes */
	size_t rec;
};

struct reckeys {
	struct reckey *a;
	size_t n, cap;
	struct tk_buf text;
};

_Static_assert(sizeof(struct reckey) % 8 == 0, "sort_u64 copies words");

struct tk_checker {
	const struct tk_reader *r;
	struct tk_check_opts o;
	struct tk_chars *chars;   /* with --max */
	struct tk_str *folded;    /* with --allow: the allowed values, folded */

	struct place *at;         /* per record */
	size_t nrec, caprec;

	struct prob *prob;
	size_t nprob, capprob;
	struct tk_buf text;       /* the messages */
	struct tk_buf msg;        /* the message being made */
	char *scratch;            /* for folding */
	size_t capscratch;
	struct tk_str *fields;    /* a record's fields, the day replaced */
	size_t capfields;

	struct tk_groups *rooms;
	int people_on;            /* name-variant or speaker-overlap */
	struct keys people, emails; /* folded name -> person, email -> mail */
	struct keys seen;         /* email and spelling -> person, checked */
	struct reckeys ids, titles; /* for duplicate */
	struct person *person;
	struct mail *mail;
	size_t nperson, capperson, nmail, capmail;
	struct tk_buf names;      /* the spellings of people */
	struct node *node;
	size_t nnode, capnode;

	struct talk *talk;
	size_t ntalk, captalk;
	struct slot *spk;         /* per speaker of a talk */
	size_t nspk, capspk;
	struct tk_time_opts topts; /* how times are read: as the exports do */
	int dated;                /* some talk has a day and a start */
	int dayless;              /* some talk has a bare start and no day */
};

/*
 * Sorts n elements of size bytes (a multiple of 8) at a, stably, by the
 * 64-bit number at offset off in each (signed or not).
 */
void sort_u64(void *a, size_t n, size_t size, size_t off, int is_signed);

/* problem.c: whether rule is applied. */
int rule_on(const struct tk_checker *k, int rule);

/* The value of column c of rec, without surrounding white space. */
struct tk_str value(const struct tk_record *rec, size_t c);

/* Room for n bytes in the scratch buffer. */
char *scratch(struct tk_checker *k, size_t n);

/* Making messages: begin, add text, then add the problem. */
void msg_begin(struct tk_checker *k);
void msg_add(struct tk_checker *k, const char *s, size_t n);
void msg_adds(struct tk_checker *k, const char *s);
void msg_num(struct tk_checker *k, unsigned long long v);
/* A value in quotes, cut short, control characters as spaces. */
void msg_value(struct tk_checker *k, const struct tk_str *v);
/* "line N" of record rec, or "FILE:N" when it is in another file. */
void msg_where(struct tk_checker *k, size_t rec, size_t from);
void msg_colname(struct tk_checker *k, size_t col);
void problem(struct tk_checker *k, int rule, size_t rec, size_t other,
    long field);

/* The rules of one record (rules.c and sched.c). */
void check_fields(struct tk_checker *k, const struct tk_record *rec,
    size_t ri);
/* Reads rec's time; returns its talk number, or NONE. */
size_t check_time(struct tk_checker *k, const struct tk_record *rec,
    size_t ri);
/* The people of rec, whose talk (or NONE) check_time returned. */
void check_people(struct tk_checker *k, const struct tk_record *rec,
    size_t ri, size_t talk);
/* Keeps the id and the title and speakers of rec, for duplicate. */
void add_keys(struct tk_checker *k, const struct tk_record *rec, size_t ri);
/* The rules that compare talks, after the last record. */
void check_overlaps(struct tk_checker *k);
void check_duplicates(struct tk_checker *k);
void reckeys_free(struct reckeys *s);

#endif
