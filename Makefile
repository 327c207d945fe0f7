# talks - talk records from CSV and TSV, in the Unix filter style.
# Builds on every CPU unless told otherwise (make -j1).
NPROC != getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1
MAKEFLAGS += -j$(NPROC)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
EXAMPLEDIR ?= $(PREFIX)/share/doc/talks/examples
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

# The version has one home, debian/changelog: talks --version, the formats
# that name their producer and the installed manual pages take it there.
VERSION != sed -n '1s/^talks (\([^)]*\)).*/\1/p' debian/changelog

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter
PCRE2_CFLAGS != pkg-config --cflags libpcre2-8 2>/dev/null || true
PCRE2_LIBS != pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8
# expat and jansson are used only by talks import (cmd/import/).
IMPORT_CFLAGS != pkg-config --cflags expat jansson 2>/dev/null || true
IMPORT_LIBS != pkg-config --libs expat jansson 2>/dev/null || \
	echo -lexpat -ljansson
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -DTK_VERSION='"$(VERSION)"' \
	-Ilib $(PCRE2_CFLAGS) $(IMPORT_CFLAGS) $(CMARK_CFLAGS) $(CPPFLAGS) \
	$(CFLAGS)
LIBS = -lcsv $(PCRE2_LIBS) -lutf8proc
# cmark renders the Markdown of export --markup markdown (cmd/export/).
CMARK_CFLAGS != pkg-config --cflags libcmark 2>/dev/null || true
CMARK_LIBS != pkg-config --libs libcmark 2>/dev/null || echo -lcmark

# The library by stage (see lib/talks.h); a stage uses those before it.
LIB_UTIL = lib/util/alloc.c lib/util/buf.c lib/util/fold.c lib/util/grow.c
LIB_SCAN = lib/scan/scan.c lib/scan/scan_avx2.c
LIB_READ = lib/read/fields.c lib/read/header.c lib/read/decode.c lib/read/source.c lib/read/plain.c \
	lib/read/fast.c lib/read/reader.c lib/read/page.c
LIB_MATCH = lib/match/match.c
LIB_SELECT = lib/select/select.c lib/select/items.c lib/select/filter.c \
	lib/select/rows.c lib/select/group.c lib/select/speakers.c lib/select/people.c \
	lib/select/civil.c lib/select/timeparse.c lib/select/zone.c \
	lib/select/when.c
LIB_WRITE = lib/write/out.c lib/write/utf8.c lib/write/cleantext.c \
	lib/write/template.c lib/write/safename.c lib/write/slug.c \
	lib/write/escape.c lib/write/safehtml.c
LIB_CHECK = lib/check/check.c lib/check/problem.c lib/check/rules.c \
	lib/check/sched.c lib/check/people.c lib/check/email.c \
	lib/check/chars.c lib/check/fold.c lib/check/keys.c lib/check/sort.c
LIB_SRC = $(LIB_UTIL) $(LIB_SCAN) $(LIB_READ) $(LIB_MATCH) $(LIB_SELECT) \
	$(LIB_WRITE) $(LIB_CHECK)
LIB_HDRS = lib/talks.h lib/util/util.h lib/scan/scan.h lib/read/read.h \
	lib/read/internal.h lib/match/match.h lib/select/select.h \
	lib/select/internal.h lib/write/write.h lib/check/check.h \
	lib/check/checker.h

# The command line: a file per subcommand, export's formats in a folder.
CMD_SRC = cmd/main.c cmd/common.c cmd/join.c cmd/list.c cmd/grep.c \
	cmd/by_track.c cmd/check.c cmd/complete.c cmd/help.c cmd/textmarkup.c \
	$(HELP_GEN)
# What the manual pages say of each option, for --help: made from them.
HELP_GEN = cmd/help_pages.c
# talks import: the driver, one file per input form, what they share;
# expat and jansson are used only here.
IMPORT_SRC = cmd/import/import.c cmd/import/input.c cmd/import/cols.c \
	cmd/import/record.c cmd/import/people.c cmd/import/stamp.c \
	cmd/import/json.c cmd/import/page.c cmd/import/frab.c \
	cmd/import/frab_xml.c cmd/import/frab_json.c cmd/import/pretalx.c \
	cmd/import/sessionize.c
EXPORT_SRC = cmd/export/export.c cmd/export/gather.c cmd/export/schedule.c \
	cmd/export/outdir.c cmd/export/fmt_csv.c cmd/export/fmt_tsv.c \
	cmd/export/fmt_json.c cmd/export/fmt_markdown.c cmd/export/fmt_html.c \
	cmd/export/fmt_ics.c cmd/export/fmt_frab.c cmd/export/fmt_template.c \
	cmd/export/fmt_mbox.c cmd/export/mailhead.c cmd/export/groupby.c \
	cmd/export/markup.c cmd/export/timetable.c

MANS = man/talks.1 man/talks-list.1 man/talks-grep.1 man/talks-by-track.1 \
	man/talks-export.1 man/talks-import.1 man/talks-check.1 man/talks.5

UNIT_SRC = tests/unit/test_escape_runs.c tests/unit/test_group.c \
	tests/unit/test_limits.c tests/unit/test_match.c \
	tests/unit/test_page.c tests/unit/test_paths.c \
	tests/unit/test_prefilter.c tests/unit/test_reader.c \
	tests/unit/test_template.c tests/unit/test_utf8.c tests/unit/test_when.c \
	tests/unit/test_check.c tests/unit/test_tsvform.c tests/unit/test_stamp.c \
	tests/unit/test_people.c

# Where objects and programs go: here, or build-san/ for check-san (the
# value ends with a slash, so that the normal build has no prefix).
OBJDIR =
LIB_OBJ = $(LIB_SRC:%.c=$(OBJDIR)%.o)
CMD_OBJ = $(CMD_SRC:%.c=$(OBJDIR)%.o) $(EXPORT_SRC:%.c=$(OBJDIR)%.o) \
	$(IMPORT_SRC:%.c=$(OBJDIR)%.o)
LIB_A = $(OBJDIR)lib/libtalks.a
UNIT_BIN = $(UNIT_SRC:%.c=$(OBJDIR)%)
RUNNER = tests/runner
DEPS = $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(UNIT_BIN:=.d)

.PHONY: all check check-deep check-halves check-real check-san check-valgrind \
	check-layers check-browser screenshots check-package deb install \
	uninstall clean lint deps bench bench-deps

# The program, and the test programs that make check runs, so that make
# check only runs them (a first make check after make took 4 s more here).
all: $(OBJDIR)talks $(UNIT_BIN) $(RUNNER)

$(OBJDIR)talks: $(CMD_OBJ) $(LIB_A)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CMD_OBJ) $(LIB_A) $(LIBS) \
	    $(IMPORT_LIBS) $(CMARK_LIBS)

$(LIB_A): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

# Each object lists the headers it includes in its .d file (-MMD), so
# that a change to a header rebuilds only what uses it.
$(OBJDIR)%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMD_CFLAGS) -MMD -MP -c -o $@ $<

$(HELP_GEN): man/options.sh $(MANS)
	sh man/options.sh $(MANS) >$@.tmp && mv $@.tmp $@

# cmd/ sees cmd.h; lib/ does not.
$(CMD_OBJ): CMD_CFLAGS = -Icmd

# What prints the version is built again when it changes.
$(OBJDIR)cmd/main.o $(OBJDIR)cmd/export/fmt_ics.o \
    $(OBJDIR)cmd/export/fmt_frab.o: debian/changelog

$(OBJDIR)tests/unit/test_%: tests/unit/test_%.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP $(LDFLAGS) -o $@ $< $(LIB_A) $(LIBS)

-include $(DEPS)

# The dates and times of talks import, which live in cmd/import/.
$(OBJDIR)tests/unit/test_stamp: tests/unit/test_stamp.c \
    $(OBJDIR)cmd/import/stamp.o $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP $(LDFLAGS) -o $@ $< \
	    $(OBJDIR)cmd/import/stamp.o $(LIB_A) $(LIBS)

# The test runner: it starts the cases and counts their results.  Built
# the plain way even when the programs under test are not.
$(RUNNER): tests/runner.c tests/pipeline.c tests/pipeline.h
	$(CC) $(WARN) -O2 -o $@ tests/runner.c tests/pipeline.c

# Every test: unit tests of lib/, then the golden command-line cases.
check: talks $(UNIT_BIN) $(RUNNER)
	sh tests/run.sh

# The randomized unit tests with their full number of rounds (make check
# runs an eighth of them, to stay quick).
check-deep: $(UNIT_BIN)
	TALKS_DEEP=1 tests/unit/test_paths
	TALKS_DEEP=1 tests/unit/test_prefilter

# The suite with every run of talks and of the unit tests behind
# $(WRAPPER), on the parsing paths in $(PATHS) (default all), with the
# programs built in $(OBJDIR); run.sh runs as many cases side by side as
# there are CPUs.
check-halves: $(OBJDIR)talks $(UNIT_BIN) $(RUNNER)
	TALKS_PATHS="$(PATHS)" TALKS_WRAPPER="$(WRAPPER)" \
	    TALKS_BUILD="$(OBJDIR)" sh tests/run.sh

# Every export over the real files in ../shared/real/, when it is there:
# the schedules among them must give calendars and frab schedules at the
# source's instants (tests/check-real.sh); then the golden cases on those
# files (testdata/golden-real/), which make check leaves out, as a clone
# has nothing beside it.  Without ../shared/ they are skipped.
check-real: talks $(RUNNER)
	sh tests/check-real.sh
	sh tests/run.sh testdata/golden-real/*/*/

# The same suite built with the address and undefined-behaviour
# sanitizers, in build-san/ so that the normal build is left as it is,
# with the cases of bad/ on all three parsing paths (make check runs
# them on plain and vector).
# Leaks are check-valgrind's to find: LeakSanitizer's scan at each exit
# would double the time of the run.
SAN = -fsanitize=address,undefined
SAN_DIR = build-san/
check-san:
	ASAN_OPTIONS=detect_leaks=0 TALKS_BAD_PATHS="plain portable vector" \
	    $(MAKE) check-halves OBJDIR=$(SAN_DIR) LDFLAGS="$(SAN)" \
	    CFLAGS="-O1 -g $(SAN) -fno-omit-frame-pointer -fno-sanitize-recover=all"

# The same suite with every run of talks and of the unit tests under
# valgrind's memcheck: any error, or memory lost for good, fails the case
# (exit 99).  On the default (vector) path only: the unit tests still
# read on all three, and check-san runs the golden cases on each.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect \
	--suppressions=$(CURDIR)/tests/valgrind.supp
check-valgrind:
	$(MAKE) check-halves WRAPPER="$(VALGRIND)" PATHS=vector

# No circle of includes or calls in lib/, and no stage that reaches a
# later one (tests/layers.py).
check-layers: $(LIB_A)
	python3 tests/layers.py

# The timetable of export -t html in a real browser (Debian's chromium,
# headless): tests/browser/check.py reads the boxes Chromium laid out and
# checks that each talk lies in its room and time, that no cells overlap,
# that the page does not scroll sideways at 1280 px, and the printed
# page count; on the schedule fixture, and on the busiest day of the
# FOSDEM file in ../shared/real/ when it is there.  Not part of check,
# which stays fast; screenshots writes the pages, their PNG and PDF to
# tests/browser/out/ for people to look at.
# Debian's python3, which has the html5lib of tests/deps.sh.
BROWSER_FILES = testdata/pybay2016-schedule.csv testdata/html/timetable.csv \
	--largest-day ../shared/real/fosdem2026-schedule.csv
check-browser: talks
	/usr/bin/python3 tests/browser/check.py ./talks $(BROWSER_FILES)

screenshots: talks
	/usr/bin/python3 tests/browser/check.py --screenshots tests/browser/out \
	    ./talks $(BROWSER_FILES)

lint:
	mandoc -Tlint -Wwarning $(MANS)

# Installs what building and testing need, from Debian's packages.
deps:
	sh tests/deps.sh

# The benchmark of talks against libcsv, grep, Miller and csvkit; it
# prints a table and writes it to bench/out/results.txt.
bench: talks
	sh bench/run.sh

# Installs the programs the benchmark compares with, from Debian.
bench-deps:
	sh bench/deps.sh

# The manual pages get the version on their last line (.Os); the example
# is the project's first data set.
install: talks
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(EXAMPLEDIR)
	cp talks $(DESTDIR)$(BINDIR)/talks
	for m in $(MANS); do \
		s=$${m##*.}; sed 's/^\.Os$$/.Os talks $(VERSION)/' $$m \
		    >$(DESTDIR)$(MANDIR)/man$$s/$${m##*/} || exit 1; done
	cp testdata/pybay2016.csv testdata/pybay2016-schedule.csv \
	    $(DESTDIR)$(EXAMPLEDIR)/
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(FISHCOMPDIR)
	cp completions/talks.bash $(DESTDIR)$(BASHCOMPDIR)/talks
	cp completions/_talks $(DESTDIR)$(ZSHCOMPDIR)/_talks
	cp completions/talks.fish $(DESTDIR)$(FISHCOMPDIR)/talks.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/talks
	rm -rf $(DESTDIR)$(EXAMPLEDIR)
	rm -f $(DESTDIR)$(BASHCOMPDIR)/talks $(DESTDIR)$(ZSHCOMPDIR)/_talks \
	    $(DESTDIR)$(FISHCOMPDIR)/talks.fish
	for m in $(MANS); do \
		s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done

# The Debian package, in ../ as dpkg-buildpackage leaves it.
deb:
	dpkg-buildpackage -us -uc -b

# The package built, unpacked in a clean tree and tried (tests/package.sh):
# its talks, manual pages and completions; lintian.  Not part of check.
check-package:
	sh tests/package.sh

clean:
	rm -f $(HELP_GEN)
	rm -f talks $(LIB_OBJ) $(CMD_OBJ) $(LIB_A) $(UNIT_BIN) $(DEPS) $(RUNNER)
	rm -rf $(SAN_DIR)
	rm -f $(FUZZ_BINS) $(FUZZ_LIB)
	rm -rf fuzz/out/obj

include fuzz/fuzz.mk
