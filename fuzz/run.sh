#!/bin/sh
# run.sh - runs fuzz targets one after another:  sh fuzz/run.sh SECONDS NAME...
# Each NAME is built as fuzz/out/NAME.  Its corpus, fuzz/out/corpus/NAME,
# is seeded from testdata/ every run; a crash stops the run with status 1
# and leaves the input in fuzz/out/NAME-crash-*.
cd "$(dirname "$0")/.." || exit 2
secs=${1:-60}
shift
status=0
for t in "$@"; do
	c=fuzz/out/corpus/$t
	mkdir -p "$c"
	# Seeds: the sample files and every bad input; file names are kept
	# flat, and big generated inputs are never put there.
	for f in testdata/*.csv testdata/*.tsv testdata/bad/*; do
		[ -f "$f" ] || continue
		[ "$(wc -c <"$f")" -le 65536 ] || continue
		cp "$f" "$c/seed-$(basename "$f")"
	done
	dict=
	case $t in reader-*) dict=-dict=fuzz/reader.dict ;; esac
	echo "fuzz: $t for ${secs}s"
	nice -n 10 "fuzz/out/$t" $dict -max_total_time="$secs" \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="fuzz/out/$t-" -print_final_stats=1 \
	    "$c" >"fuzz/out/$t.log" 2>&1
	rc=$?
	grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#.*DONE' \
	    "fuzz/out/$t.log" | sed "s/^/  /"
	if [ $rc -ne 0 ]; then
		echo "fuzz: $t failed (exit $rc); see fuzz/out/$t.log"
		grep -E 'ERROR|SUMMARY|Test unit written' "fuzz/out/$t.log" |
		    sed 's/^/  /'
		status=1
	fi
done
exit $status
