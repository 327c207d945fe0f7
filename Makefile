# talks - talk records from CSV and TSV, in the Unix filter style.
# Builds on every CPU unless told otherwise (make -j1).
NPROC != getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1
MAKEFLAGS += -j$(NPROC)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man

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
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -Ilib $(PCRE2_CFLAGS) \
	$(IMPORT_CFLAGS) $(CFLAGS)
LIBS = -lcsv $(PCRE2_LIBS) -lutf8proc

LIB_SRC != ls lib/*.c lib/check/*.c
# talks import: the driver, one file per input form, what they share.
IMPORT_SRC = cmd/import/import.c cmd/import/input.c cmd/import/cols.c \
	cmd/import/record.c cmd/import/people.c cmd/import/stamp.c \
	cmd/import/json.c cmd/import/page.c cmd/import/frab.c \
	cmd/import/frab_xml.c cmd/import/frab_json.c cmd/import/pretalx.c \
	cmd/import/sessionize.c
CMD_SRC != ls cmd/*.c
LIB_OBJ = $(LIB_SRC:.c=.o)
CMD_OBJ = $(CMD_SRC:.c=.o) $(IMPORT_SRC:.c=.o)
HDRS != ls lib/*.h lib/check/*.h cmd/*.h
IMPORT_HDRS = cmd/import/import.h cmd/import/frab.h
MANS != ls man/*.[0-9]

UNIT_SRC != ls tests/unit/test_*.c 2>/dev/null || true
UNIT_BIN = $(UNIT_SRC:.c=)

.PHONY: all check check-halves check-real check-san check-valgrind install uninstall clean lint deps bench bench-deps

all: talks

talks: $(CMD_OBJ) lib/libtalks.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CMD_OBJ) lib/libtalks.a $(LIBS) \
	    $(IMPORT_LIBS)

lib/libtalks.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

.c.o:
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB_OBJ) $(CMD_OBJ): $(HDRS)
$(IMPORT_SRC:.c=.o): $(IMPORT_HDRS)

tests/unit/test_%: tests/unit/test_%.c tests/unit/unit.h lib/libtalks.a
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< lib/libtalks.a $(LIBS)

# The dates and times of talks import, which live in cmd/import/.
tests/unit/test_stamp: tests/unit/test_stamp.c tests/unit/unit.h \
    cmd/import/stamp.o lib/libtalks.a
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< \
	    cmd/import/stamp.o lib/libtalks.a $(LIBS)

# Every test: unit tests of lib/, then the golden command-line cases.
check: talks $(UNIT_BIN)
	sh tests/run.sh

# The suite with every run of talks and of the unit tests behind
# $(WRAPPER), on the parsing paths in $(PATHS) (default all); run.sh runs
# as many cases side by side as there are CPUs.
check-halves: talks $(UNIT_BIN)
	TALKS_PATHS="$(PATHS)" TALKS_WRAPPER="$(WRAPPER)" sh tests/run.sh

# Every export over the real files in ../shared/real/, when it is there:
# the schedules among them must give calendars and frab schedules at the
# source's instants (tests/check-real.sh).
check-real: talks
	sh tests/check-real.sh

# The same suite built with the address and undefined-behaviour sanitizers.
SAN = -fsanitize=address,undefined
check-san:
	$(MAKE) clean
	$(MAKE) check-halves CFLAGS="-O1 -g $(SAN) -fno-omit-frame-pointer -fno-sanitize-recover=all" LDFLAGS="$(SAN)"
	$(MAKE) clean

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

install: talks
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	cp talks $(DESTDIR)$(BINDIR)/talks
	for m in $(MANS); do \
		s=$${m##*.}; cp $$m $(DESTDIR)$(MANDIR)/man$$s/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/talks
	for m in $(MANS); do \
		s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done

clean:
	rm -f talks lib/*.o lib/check/*.o cmd/*.o cmd/import/*.o lib/libtalks.a \
	    $(UNIT_BIN)
	rm -f $(FUZZ_BINS)

include fuzz/fuzz.mk
