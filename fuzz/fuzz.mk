# fuzz.mk - libFuzzer targets, included by the Makefile.
#
#   make fuzz                 builds every target and runs each one for
#                             FUZZ_SECONDS (default 60), one after another
#   make fuzz-build           builds them only, in fuzz/out/
#   make fuzz FUZZ_TARGETS=reader-csv FUZZ_SECONDS=600
#   make fuzz FUZZ_JOBS=2     two targets at a time (each uses one core)
#
# Targets: the record reader in each dialect (reader-csv, reader-tsv,
# reader-semi), the grep matcher (match), the page reader of talks import
# (page) and the export templates with the file names made from data
# (template); built but run only when named, prefilter, check and import
# (below).
#
# Each target starts from a corpus made at run time from testdata/ (the
# seed files and testdata/bad/); what libFuzzer adds to it stays in
# fuzz/out/, which is not kept (make clean leaves the corpus and crash
# files; rm -rf fuzz/out drops them).  A crash is written to fuzz/out/ and
# fails the run: make it a case in testdata/bad/ once fixed.

FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_JOBS = 1
FUZZ_SAN = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -DTK_VERSION='"$(VERSION)"' -Ilib $(PCRE2_CFLAGS) \
	-O1 -g -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_READERS = reader-csv reader-tsv reader-semi
FUZZ_TARGETS = $(FUZZ_READERS) match page template
# Built by fuzz-build but run only when named, so that the CI's fuzz
# budget stays as it is: grep's raw-record test against reading every
# record (make fuzz FUZZ_TARGETS=prefilter), the rules of talks check on
# any file (make fuzz FUZZ_TARGETS=check), talks import with its XML
# and JSON readers (make fuzz FUZZ_TARGETS=import), the reader of
# dates, times and zone files (make fuzz FUZZ_TARGETS=when), and the HTML
# allowlist of export --markup (make fuzz FUZZ_TARGETS=safehtml).
FUZZ_EXTRA = prefilter check import when safehtml
FUZZ_BINS = $(FUZZ_TARGETS:%=fuzz/out/%) $(FUZZ_EXTRA:%=fuzz/out/%)

.PHONY: fuzz fuzz-build

# The library is compiled once for all the targets, instrumented.
FUZZ_LIB_OBJ = $(LIB_SRC:%.c=fuzz/out/obj/%.o)
FUZZ_LIB = fuzz/out/libtalks-fuzz.a

fuzz/out/obj/%.o: %.c $(LIB_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIB_OBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJ)

fuzz/out/reader-csv: fuzz/reader.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_DIALECT="'c'" -o $@ fuzz/reader.c \
	    $(FUZZ_LIB) $(LIBS)

fuzz/out/reader-tsv: fuzz/reader.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_DIALECT="'t'" -o $@ fuzz/reader.c \
	    $(FUZZ_LIB) $(LIBS)

fuzz/out/reader-semi: fuzz/reader.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_DIALECT="'s'" -o $@ fuzz/reader.c \
	    $(FUZZ_LIB) $(LIBS)

fuzz/out/match: fuzz/match.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/match.c $(FUZZ_LIB) $(LIBS)

fuzz/out/prefilter: fuzz/prefilter.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/prefilter.c $(FUZZ_LIB) $(LIBS)

fuzz/out/check: fuzz/check.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/check.c $(FUZZ_LIB) $(LIBS)

fuzz/out/page: fuzz/page.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/page.c $(FUZZ_LIB) $(LIBS)

fuzz/out/when: fuzz/when.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/when.c $(FUZZ_LIB) $(LIBS)

fuzz/out/import: fuzz/import.c $(FUZZ_LIB) $(IMPORT_SRC) cmd/common.c cmd/join.c \
    $(LIB_HDRS) \
    cmd/import/import.h cmd/import/frab.h
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(IMPORT_CFLAGS) -o $@ fuzz/import.c \
	    $(IMPORT_SRC) cmd/common.c cmd/join.c $(FUZZ_LIB) $(LIBS) \
	    $(IMPORT_LIBS)

fuzz/out/safehtml: fuzz/safehtml.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/safehtml.c $(FUZZ_LIB) $(LIBS)

fuzz/out/template: fuzz/template.c $(FUZZ_LIB)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/template.c $(FUZZ_LIB) $(LIBS)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	FUZZ_JOBS=$(FUZZ_JOBS) sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
