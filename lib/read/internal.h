/*
 * internal.h - what the files of lib/read/ share and nothing else sees:
 * the input files (source.c), the plain path (plain.c), the fast path
 * (fast.c) and the alias table (fields.c).
 */
#ifndef TALKS_READ_INTERNAL_H
#define TALKS_READ_INTERNAL_H

#include <iconv.h>
#include <sys/types.h>

#include "read/read.h"
#include "scan/scan.h"

/* The aliases of field f, ending with NULL (static strings). */
const char *const *tk_canon_aliases(int f);


/*
 * How far the notices that cost a look at every byte or value look:
 * bytes that are not UTF-8 in the first SRC_UTF8_LOOK bytes of a file,
 * guarded values in the records that start on its first SRC_GUARD_LINES
 * lines (talks(5)).  Conference exports are smaller; on larger files the
 * look would cost as much as the reading.
 */
#define SRC_UTF8_LOOK ((size_t)8 << 20)
#define SRC_GUARD_LINES 10000UL

#define SRC_FIRST_CHUNK ((size_t)64 << 10)
#define SRC_CHUNK ((size_t)1 << 20)

/*
 * One input file.  Unread bytes are buf[beg .. end); line is the line
 * number of buf[beg].  The first read is small; streaming grows the
 * buffer to the chunk once a read shows there is more to come.  A
 * regular file that waits for its turn after its header is read is
 * parked: closed, its buffer freed, and where to go on kept in off, so
 * that any number of files can wait in little memory and without a
 * descriptor each.
 */
struct src {
	const char *path;   /* as named; "-" is standard input */
	const char *name;   /* for messages */
	int fd;
	int eof;
	int filled;         /* the last read gave all the room it was given */
	char *buf;
	size_t cap, beg, end;
	unsigned long line;
	unsigned long col0; /* bytes of line already consumed before beg */
	int prev_cr;        /* the last byte consumed was a CR */
	int tsv;            /* TSV in the escaped form: decode \t, \n, \r, \\ */
	int watch;          /* that form is a guess: look for the other */
	int delim;
	size_t ncols;       /* columns in the header */
	size_t *map;        /* header column -> reader column */
	unsigned char *want; /* header columns to decode, or NULL for all */
	int streaming;      /* records are being read */
	int failed;         /* err holds an error to report in turn */
	struct tk_err err;
	int parked;         /* closed until src_resume (see above) */
	off_t off;          /* parked: the file offset of buf[beg] */
	dev_t dev;          /* parked: the file, to see it was not replaced */
	ino_t ino;
	size_t join[2];     /* the speaker from two columns (struct hdr) */
	int guard;          /* look for guarded values (reader.c) */
	int enc_note;       /* enc_err is a notice to give */
	struct tk_err enc_err;
	/* decode.c: the UTF-8 check, or the conversion to UTF-8. */
	const struct scan_ops *ops; /* the kernels of the check */
	int u8check;        /* look for bytes that are not UTF-8 */
	unsigned char u8tail[8]; /* a sequence cut by the end of a read */
	size_t u8ntail;
	size_t u8seen;      /* bytes checked, up to SRC_UTF8_LOOK */
	iconv_t cd;         /* converting from encname, or NULL */
	const char *encname;
	char *raw;          /* bytes read, not yet converted: raw[rawbeg .. rawend) */
	size_t rawcap, rawbeg, rawend;
	int raweof;
	char *cv;           /* converted, not yet handed: cv[cvbeg .. cvend) */
	size_t cvcap, cvbeg, cvend;
	int cvdone;         /* the conversion is complete */
	unsigned long cvlines; /* line ends converted, for messages */
	size_t cvout;       /* converted bytes handed to buf */
	size_t rawskip;     /* bytes of a byte order mark, not converted */
};

/*
 * After the first read of s: sets up the conversion to UTF-8 of a file
 * in another encoding (o->encoding, or UTF-16 with a byte order mark),
 * the bytes read so far converted first; else the UTF-8 check.  -1 with
 * e when iconv cannot convert from that encoding.
 */
int src_decode(struct src *s, const struct tk_inopts *o, struct tk_err *e);
/* src_read for a converted file: UTF-8 bytes, as read(2) counts them. */
long src_read_decoded(struct src *s, size_t max, struct tk_err *e);
void src_decode_free(struct src *s);
/* Frees the buffers of a converted s that is parked. */
void src_decode_park(struct src *s);
/*
 * Makes s, opened again, go on at byte at of its converted text: the
 * text is converted again from the start.  -1 with e on an error.
 */
int src_decode_resume(struct src *s, off_t at, struct tk_err *e);
/* Checks that buf[from .. to), just read, goes on as UTF-8. */
void src_check_utf8(struct src *s, size_t from, size_t to);
/* At the end of the file: a sequence cut there is not UTF-8. */
void src_check_end(struct src *s);

int src_open(struct src *s, const struct tk_inopts *o, struct tk_err *e);
/* Reads more bytes: returns the count, 0 at end of file, -1 on error. */
long src_fill(struct src *s, size_t want, struct tk_err *e);
/* Reads at most max bytes to buf + end, which has room for them; as above. */
long src_read(struct src *s, size_t max, struct tk_err *e);
void src_close(struct src *s);
/*
 * Parks s if it is a regular file (see struct src); pipes, devices and
 * standard input stay open, as their bytes cannot be read again.
 */
void src_park(struct src *s);
/* Opens a parked s again where it was left; -1 on an error. */
int src_resume(struct src *s, struct tk_err *e);

/*
 * What the columns of one file's header are (header.c): name[i] the
 * column's name (empty headers and repeated names renamed), folded[i]
 * that name folded, field[i] the canonical field it holds or -1.
 * join[0] and join[1], when not 0, are the columns (from 1) of a first
 * and a last name that together are the speaker.  note[0 .. nnote) are
 * the notices to give about the header.
 */
struct hdr {
	size_t n;
	char **name, **folded, **refolded;
	unsigned char *renamed;
	int *field;
	size_t join[2];
	size_t nrenamed;
	struct tk_err *note;
	size_t nnote, notecap;
};

struct rawrec;
/*
 * Resolves the header raw of s with the options o; sets used[m] for
 * each map of o->maps that found a column.  -1 with e for a header that
 * cannot be read (no title column, a NUL byte).  Free with hdr_free,
 * whatever it returns.
 */
int hdr_resolve(struct hdr *h, const struct src *s, const struct rawrec *raw,
    const struct tk_inopts *o, unsigned char *used, struct tk_err *e);
void hdr_free(struct hdr *h);

/* A record as its file has it, fields in header order. */
struct rawrec {
	struct tk_str *f;
	size_t nf;
	unsigned long line;
	int sign;           /* a decoded field shows the other form (watch) */
};

/* The reference path: libcsv on every byte. */
struct plain;
struct plain *plain_new(size_t max_record);
void plain_free(struct plain *p);
/* Prepares for a new file (its delimiter and form). */
void plain_start(struct plain *p, const struct src *s);
/*
 * Reads the next record of s into rr (valid until the next call):
 * 1 record, 0 end of file, -1 error.
 */
int plain_next(struct plain *p, struct src *s, struct rawrec *rr,
    struct tk_err *e);

/* The fast path (fast.c), with the kernels ops of lib/scan/. */
struct fast;
struct fast *fast_new(size_t max_record, size_t chunk,
    const struct scan_ops *ops);
void fast_free(struct fast *f);
/*
 * Reads the next record of s like plain_next, giving p the records it
 * cannot read as the plain path would.  want: the header columns to
 * decode (NULL: all); the others are empty.
 */
int fast_next(struct fast *f, struct plain *p, struct src *s,
    const unsigned char *want, struct rawrec *rr, struct tk_err *e);
/*
 * Makes fast_next skip, without decoding them, the records that fn
 * refuses (see tk_set_prefilter); fn NULL: none.
 */
void fast_prefilter(struct fast *f, tk_prefilter_fn fn, void *ctx);
/*
 * Decodes the TSV escapes of src (n bytes) into dst; returns the length.
 * Sets *kept when a backslash starts no escape and is kept as it is.
 */
size_t tsv_unescape(char *dst, const char *src, size_t n, int *kept);

/*
 * Whether the text of a quoted field (v, n bytes, "" undone or not) shows
 * a spreadsheet's TSV: talks quotes only values that start with '"', and
 * writes tabs and line breaks as escapes.  The other sign, a backslash
 * that starts no escape, is what tsv_unescape keeps.
 */
int tsv_quoted_sign(const char *v, size_t n);

#endif
