/*
 * talks.h - the talk record library: the one header that cmd/ includes.
 *
 * The library works in stages, a folder each, with the header its users
 * include (scan/ serves read/ and write/ only, so it is not included
 * here); a stage uses the ones before it and never those after:
 *
 *   util/    byte strings, errors, allocation, growable arrays, case
 *   scan/    byte-scanning kernels (portable, AVX2) for reading and writing
 *   read/    records from CSV and TSV files (libcsv), and talk pages
 *   match/   grep's patterns (PCRE2)
 *   select/  field lists, filters, sorting, groups, speakers, times
 *   write/   buffered output, CSV and TSV rows, escapers, templates
 *   check/   the rules of talks check, over what the stages before give
 *
 * A new input form goes in read/, a new way to choose or gather records
 * in select/, the syntax of a new output in write/.  The library never
 * prints and never exits on bad data: every failure comes back as a
 * struct tk_err, and the caller decides what to say.  Only running out
 * of memory ends the program from inside the library (see tk_xmalloc).
 * It reads no environment variable and never sets TZ: what changes its
 * behaviour comes in options structures (tk_inopts, tk_match_opts,
 * tk_time_opts) or calls (tk_out_set_path); time zones are read from
 * their files (select/zone.c).
 */
#ifndef TALKS_H
#define TALKS_H

/* TK_VERSION, "0.1.0" say, comes from debian/changelog (see Makefile). */
#ifndef TK_VERSION
#error "TK_VERSION is defined by the Makefile, from debian/changelog"
#endif

#include "util/util.h"
#include "read/read.h"
#include "match/match.h"
#include "select/select.h"
#include "write/write.h"
#include "check/check.h"

#endif
