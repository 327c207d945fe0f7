#!/bin/sh
# run.sh - runs every test: the unit tests of lib/ and the golden
# command-line cases in testdata/golden/, several at a time.  It lists
# the jobs; tests/runner (make builds it) runs them and counts.
#
# A golden case is a directory holding:
#   cmd     one shell command line, run by bash with -o pipefail from the
#           top of the tree, with ./talks first on PATH and TMPDIR a
#           folder of the case's own, empty when it starts (files made
#           there need no cleaning up)
#   in      standard input (optional; /dev/null otherwise)
#   out     expected standard output (optional; empty otherwise)
#   err     expected standard error (optional; empty otherwise)
#   status  expected exit status (optional; 0 otherwise)
#   needs   what the case requires, one a line (optional): a command
#           (xmllint), a Python module of Debian's python3
#           (python3:icalendar) or a path (../shared/schemas/x.xsd).
#           Where one is missing the case is skipped, with the reason.
#           A case that finds as it runs that it cannot run here (ASan
#           and ulimit -v, say) exits 77 with the reason as its first
#           line on stderr: it is skipped, never passed.
#   once    present when the case does not depend on the parsing path
#           (help, usage, option errors; a written format checked by a
#           program that reads it, as other cases compare those bytes on
#           every path): it runs once, on the default path, instead of
#           once per path.  A file 'once' in a group's folder does this
#           for every case of the group: the groups of what comes after
#           reading (import, times, check, the template, calendar, mail
#           and frab formats), whose input the cases of bad/, list/,
#           grep/, by-track/, short/ and export/ read on every path
#   heavy   present when the case runs talks hundreds of times or on
#           tens of megabytes: it is left out under TALKS_WRAPPER
#           (valgrind would take minutes on it)
# Usage: sh tests/run.sh [CASE_DIR ...]   (default: every case and the
# unit tests)
# TALKS_PATHS names the paths to run the cases with.  By default the
# cases of bad/, the inputs that parsing must refuse or survive, run on
# the paths in TALKS_BAD_PATHS: plain and vector unless it is set (vector
# is the default path here, and the portable one on a CPU without AVX2);
# make check-san, which CI runs, names all three.  The portable path
# differs from vector only in its kernels, which tests/unit/test_paths.c
# compares with plain loops at every offset and length.  The other cases
# run once, on the default path: what they test comes after parsing, and
# the paths' equality is what bad/ and test_paths.c (thousands of random
# inputs, every chunk size and dialect, each fast path against the plain
# one) are for.  Naming paths in TALKS_PATHS runs every case on each.
# TALKS_WRAPPER, when set, is a command line put before every run of talks
# and of the unit tests, e.g. valgrind (see make check-valgrind).
# TALKS_JOBS is how many run side by side (default: the number of CPUs).
# TALKS_BUILD is the folder, under the top and ending with '/', where the
# programs to test were built (default: the top; make check-san uses
# build-san/).
# The last three lines count the golden cases, the unit tests' assertions
# and both: "N passed, N failed, N skipped".

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
build=${TALKS_BUILD:-}
PATH="$top${build:+/${build%/}}:$PATH"
export PATH
LC_ALL=C
export LC_ALL
unset TALKS_FILE NO_COLOR TALKS_PATH
paths=${TALKS_PATHS:-${TALKS_BAD_PATHS:-plain vector}}
jobs=${TALKS_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
# The jobs' files (and each case's TMPDIR) go to TMPDIR when it is set,
# else to /dev/shm where it can be written: in memory, a case's files
# cost a little less to make and remove.
scratch=${TMPDIR:-/tmp}
[ -z "$TMPDIR" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && scratch=/dev/shm
TALKS_RESULTS=$(mktemp -d -p "$scratch") || exit 2
export TALKS_RESULTS TALKS_WRAPPER
trap 'rm -rf "$TALKS_RESULTS"' EXIT INT TERM
if [ -n "$TALKS_WRAPPER" ]; then
	# A talks of its own first on PATH; others may run it (setpriv).
	bin=$TALKS_RESULTS/bin
	mkdir "$bin" && chmod 755 "$TALKS_RESULTS" "$bin" || exit 2
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$TALKS_WRAPPER" \
	    "$top/${build}talks" >"$bin/talks"
	chmod 755 "$bin/talks"
	PATH="$bin:$PATH"
fi

# The list of jobs: the unit tests and the heavy cases first (the
# longest, so that none is left to run alone at the end), then each
# golden case once per path, or once.
list=$TALKS_RESULTS/jobs
rest=$TALKS_RESULTS/rest
: >"$list"
: >"$rest"
if [ $# -eq 0 ]; then
	for t in "${build}"tests/unit/test_*; do
		case $t in *.c|*.h) continue ;; esac
		[ -x "$t" ] && echo "unit:$t" >>"$list"
	done
	set -- testdata/golden/*/*/
fi
for d in "$@"; do
	d=${d%/}
	[ -f "$d/cmd" ] || continue
	to=$rest
	if [ -f "$d/heavy" ]; then
		[ -n "$TALKS_WRAPPER" ] && continue
		to=$list
	fi
	if [ -f "$d/once" ] || [ -f "${d%/*}/once" ]; then
		echo "-:$d" >>"$to"
		continue
	fi
	case $d in
	testdata/golden/bad/*) ;;
	*)
		if [ -z "$TALKS_PATHS" ]; then
			echo "-:$d" >>"$to"
			continue
		fi
		;;
	esac
	for p in $paths; do
		echo "$p:$d" >>"$to"
	done
done
cat "$rest" >>"$list"

"$top/tests/runner" -j "$jobs" <"$list"
