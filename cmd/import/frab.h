/*
 * frab.h - what the readers of the frab schedule XML (frab_xml.c) and
 * JSON (frab_json.c) share: the events are the same, written two ways.
 */
#ifndef TALKS_IMPORT_FRAB_H
#define TALKS_IMPORT_FRAB_H

#include "import.h"

/* The leading fields of a frab event, written for every file. */
#define FRAB_FILLS (1u << L_ID | 1u << L_GUID | 1u << L_TITLE | \
	1u << L_SUBTITLE | 1u << L_SPEAKER | 1u << L_SPEAKER_IDS | \
	1u << L_TRACK | 1u << L_TYPE | 1u << L_LANGUAGE | \
	1u << L_DESCRIPTION | 1u << L_ABSTRACT | 1u << L_ROOM | \
	1u << L_DAY | 1u << L_START | 1u << L_END | 1u << L_DURATION | \
	1u << L_URL | 1u << L_SLUG | 1u << L_LINKS)

/* What the conference says of the times of all its events. */
struct frab_conf {
	long day_change;          /* seconds after midnight, or 0 */
	const char *tz;           /* the zone of the times, or NULL */
};

/* The day an event is listed under. */
struct frab_day {
	int has_date, has_start;
	struct tk_time date;
	struct stamp start;       /* its offset stands for its events' */
};

/* What an event says of its time, its links and its speakers. */
struct frab_event {
	struct tk_buf date, start, duration;
	int has_date, has_start, has_duration;
	struct tk_buf title;      /* to know its own page among the links */
	struct tk_buf links;      /* one line a link: href, space, title */
	size_t nlinks;
	struct speakers sp;
};

void frab_event_reset(struct frab_event *fe);
void frab_event_free(struct frab_event *fe);

/* Adds a link of the event. */
void frab_link(struct frab_event *fe, const char *href, size_t hn,
    const char *title, size_t tn);

/*
 * Writes the event's times (day, start, end, duration), links and
 * speakers, and ends the record; without a url of its own, the event's
 * url is the first link whose text is its title.  The start is the
 * event's own date-time; without one, the day's date and the event's
 * start time, on the next date when earlier than the day change, with
 * the day's offset.  Without an offset, the conference's zone gives
 * one.  Values that cannot be read are reported and written as the file
 * has them.
 */
void frab_event_end(struct import *im, const struct frab_conf *cf,
    const struct frab_day *day, struct frab_event *fe);

/*
 * The offset from UTC (seconds east) of local time t in zone tz, from the
 * system's zone data, into *off; -1 when tz is not a zone.
 */
int frab_zone_offset(const char *tz, const struct tk_time *local, long *off);

/* Whether tz names a zone of the system's zone data. */
int frab_zone_ok(const char *tz);

/* Reads a day's date and start into day; -1 for a bad one. */
int frab_day_set(struct frab_day *day, const char *date, size_t dn,
    const char *start, size_t sn);

#endif
