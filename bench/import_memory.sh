#!/bin/sh
# import_memory.sh - shows that talks import streams frab XML: generated
# schedules of 10 000 and 100 000 events (bench/gen_frab.c) are imported
# with /usr/bin/time -v, and the peak memory of each is printed with the
# time taken; both peaks are the same, as only one event is held at a
# time (with the people the file lists).  Each import is checked: every
# event is a record.
# Usage: sh bench/import_memory.sh [N ...]   (default: 10000 100000)
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
out=bench/out
mkdir -p "$out" || exit 2
[ -x ./talks ] || { echo "import_memory.sh: build talks first (make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "import_memory.sh: /usr/bin/time not found: sh bench/deps.sh installs it" >&2; exit 2; }
${CC:-cc} -O2 -o "$out/gen_frab" bench/gen_frab.c || exit 2
[ $# -gt 0 ] || set -- 10000 100000
printf '%10s %12s %14s %10s\n' events "xml bytes" "peak RSS (kB)" seconds
for n in "$@"; do
	f=$out/frab-$n.xml
	"$out/gen_frab" "$n" >"$f" || exit 2
	/usr/bin/time -v ./talks import "$f" 2>"$out/time-$n.txt" >"$out/import-$n.csv" ||
	    { cat "$out/time-$n.txt" >&2; exit 2; }
	got=$(./talks list -c "$out/import-$n.csv")
	[ "$got" = "$n" ] || { echo "import_memory.sh: $got records of $n" >&2; exit 1; }
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time-$n.txt")
	secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time-$n.txt")
	printf '%10s %12s %14s %10s\n' "$n" "$(wc -c <"$f")" "$rss" "$secs"
	rm -f "$f" "$out/import-$n.csv"
done
