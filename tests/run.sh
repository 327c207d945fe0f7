#!/bin/sh
# run.sh - runs every test: the unit tests of lib/, then the golden
# command-line cases in testdata/golden/, once per parsing path.
#
# A golden case is a directory holding:
#   cmd     one shell command line, run by bash with -o pipefail from the
#           top of the tree, with ./talks first on PATH
#   in      standard input (optional; /dev/null otherwise)
#   out     expected standard output (optional; empty otherwise)
#   err     expected standard error (optional; empty otherwise)
#   status  expected exit status (optional; 0 otherwise)
#   many    present when the case runs talks hundreds of times: it is
#           left out under TALKS_WRAPPER (valgrind would take minutes)
#   needs   what the case requires, one a line: a command (xmllint), a
#           module of /usr/bin/python3 (python3:icalendar), or a path
#           from the top of the tree (../shared/real/x.csv); when one is
#           missing the case is counted as skipped, with the reason
#   once    present when the case does not depend on the parsing path:
#           it runs on the first path only
# Usage: sh tests/run.sh [CASE_DIR ...]   (default: every case)
# TALKS_PATHS names the paths to run the cases with (default: all three;
# vector is the portable path on a CPU without AVX2, so both are run).
# TALKS_WRAPPER, when set, is a command line put before every run of talks
# and of the unit tests, e.g. valgrind (see make check-valgrind).
# TALKS_SHARD=K/N runs the Kth of every N golden cases, and the unit tests
# only when K is 1, so that N runs side by side share the work.

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
PATH="$top:$PATH"
export PATH
LC_ALL=C
export LC_ALL
unset TALKS_FILE NO_COLOR
paths=${TALKS_PATHS:-plain portable vector}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
if [ -n "$TALKS_WRAPPER" ]; then
	# A talks of its own first on PATH; others may run it (setpriv).
	mkdir "$tmp/bin" && chmod 755 "$tmp" "$tmp/bin" || exit 2
	printf '#!/bin/sh\nexec %s "%s/talks" "$@"\n' "$TALKS_WRAPPER" \
	    "$top" >"$tmp/bin/talks"
	chmod 755 "$tmp/bin/talks"
	PATH="$tmp/bin:$PATH"
fi
pass=0
fail=0
skip=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; }

# Paths in needs are from the top of the tree, or, in a linked worktree,
# from the top of the main checkout (where ../shared/ is).
main_top=$(git rev-parse --path-format=absolute --git-common-dir \
    2>/dev/null) && main_top=$(dirname "$main_top")

# The first thing in file $1 (a case's needs) that is missing, or nothing.
missing() {
	while IFS= read -r need || [ -n "$need" ]; do
		case $need in
		'') ;;
		python3:*)
			/usr/bin/python3 -c "import ${need#python3:}" \
			    2>/dev/null || { echo "$need"; return; } ;;
		*/*) [ -e "$need" ] || { [ -n "$main_top" ] &&
			[ -e "$main_top/$need" ]; } ||
			{ echo "$need"; return; } ;;
		*) command -v "$need" >/dev/null 2>&1 ||
			{ echo "$need"; return; } ;;
		esac
	done <"$1"
}

# Unit tests print their own "N passed, N failed" as their last line.
if [ $# -eq 0 ]; then
	for t in tests/unit/test_*; do
		case ${TALKS_SHARD:-1/1} in 1/*) ;; *) break ;; esac
		case $t in *.c|*.h) continue ;; esac
		[ -x "$t" ] || continue
		$TALKS_WRAPPER "$t" >"$tmp/unit" 2>&1
		rc=$?
		last=$(tail -n 1 "$tmp/unit")
		p=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
		f=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
		if [ -z "$p" ]; then
			bad "$t (no result line; exit $rc)"
			sed 's/^/  /' "$tmp/unit" | tail -n 20
			continue
		fi
		pass=$((pass + p))
		fail=$((fail + f))
		[ "$f" -eq 0 ] && [ $rc -eq 0 ] || grep -v '^ok' "$tmp/unit" | sed 's/^/  /' | head -n 30
	done
	set -- testdata/golden/*/*/
fi
if [ -n "$TALKS_SHARD" ]; then
	k=${TALKS_SHARD%/*}
	n=${TALKS_SHARD#*/}
	i=0
	for d in "$@"; do
		[ $((i % n + 1)) -eq "$k" ] && set -- "$@" "$d"
		i=$((i + 1))
	done
	shift "$i"
fi

# Golden cases.
first=${paths%% *}
for path in $paths; do
	for d in "$@"; do
		d=${d%/}
		[ -f "$d/cmd" ] || continue
		[ -n "$TALKS_WRAPPER" ] && [ -f "$d/many" ] && continue
		[ -f "$d/once" ] && [ "$path" != "$first" ] && continue
		name="$d [$path]"
		if [ -f "$d/needs" ] && need=$(missing "$d/needs") &&
		    [ -n "$need" ]; then
			skip=$((skip + 1))
			printf 'SKIP %s: needs %s\n' "$name" "$need"
			continue
		fi
		input=/dev/null
		[ -f "$d/in" ] && input=$d/in
		TALKS_PATH=$path bash -o pipefail -c "$(cat "$d/cmd")" \
		    <"$input" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		want=0
		[ -f "$d/status" ] && want=$(cat "$d/status")
		for f in out err; do
			[ -f "$d/$f" ] || : >"$tmp/want.$f"
			[ -f "$d/$f" ] && cp "$d/$f" "$tmp/want.$f"
		done
		if [ "$rc" != "$want" ]; then
			bad "$name: exit $rc, want $want"
			head -c 600 "$tmp/err" | sed 's/^/  /'
		elif ! cmp -s "$tmp/out" "$tmp/want.out"; then
			bad "$name: stdout differs"
			diff "$tmp/want.out" "$tmp/out" | head -n 10 | sed 's/^/  /'
		elif ! cmp -s "$tmp/err" "$tmp/want.err"; then
			bad "$name: stderr differs"
			diff "$tmp/want.err" "$tmp/err" | head -n 10 | sed 's/^/  /'
		else
			ok
		fi
	done
done

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
