#!/bin/sh
# record.sh - makes a golden case from what the program does now:
#   sh tests/record.sh testdata/golden/GROUP/NAME 'talks list ...' [STDIN_FILE]
# Read the files it writes before committing them: they become the truth.
[ $# -ge 2 ] || { echo "usage: record.sh DIR CMD [STDIN]" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
d=$1
mkdir -p "$d"
printf '%s\n' "$2" >"$d/cmd"
[ -n "$3" ] && cp "$3" "$d/in"
input=/dev/null
[ -f "$d/in" ] && input=$d/in
cd "$top" && PATH="$top:$PATH" LC_ALL=C TALKS_PATH=plain \
    bash -o pipefail -c "$2" <"$input" >"$d/out" 2>"$d/err"
rc=$?
[ $rc -ne 0 ] && echo $rc >"$d/status"
[ -s "$d/out" ] || rm -f "$d/out"
[ -s "$d/err" ] || rm -f "$d/err"
printf '%s: exit %s\n' "$d" "$rc"
[ -f "$d/out" ] && head -n 20 "$d/out"
[ -f "$d/err" ] && sed 's/^/stderr: /' "$d/err"
exit 0
