#!/bin/sh
# run.sh - runs fuzz targets:  sh fuzz/run.sh SECONDS NAME...
# Each NAME is built as fuzz/out/NAME.  Its corpus, fuzz/out/corpus/NAME,
# is seeded from testdata/ every run; a crash stops the run with status 1
# and leaves the input in fuzz/out/NAME-crash-*.  FUZZ_JOBS targets run
# at a time (default 1).
cd "$(dirname "$0")/.." || exit 2
secs=${1:-60}
shift
jobs=${FUZZ_JOBS:-1}
# Seeds the corpus of target $1 and runs it; returns 1 on a crash.
run_one() {
	t=$1
	c=fuzz/out/corpus/$t
	mkdir -p "$c"
	# Seeds: the sample files and every bad input; file names are kept
	# flat, and big generated inputs are never put there.
	case $t in
	reader-*)
		for f in testdata/*.csv testdata/*.tsv testdata/small/* \
		    testdata/bad/*; do
			[ -f "$f" ] || continue
			[ "$(wc -c <"$f")" -le 65536 ] || continue
			cp "$f" "$c/seed-$(basename "$f")"
		done
		# The forms of TSV: --tsv-escapes off, on, and signs late.
		for f in testdata/small/*.tsv; do
			for b in 376 375 374; do
				{ printf "\\$b"; cat "$f"; } \
				    >"$c/seed-$b-$(basename "$f")"
			done
		done ;;
	match)
		# Options byte, patterns, NUL, subject: a talk of the seed data.
		i=0
		for p in python 'Py(thon|Bay)' '\bdata\w+' '(?i)ML|AI' \
		    "$(printf 'a+\nb*c')" '[[:alpha:]]{3,}$' '\p{Lu}\S+'; do
			i=$((i + 1))
			{ printf "\\$(printf '%03o' $((i * 5 % 32)))%s\\0" "$p"
			  sed -n "$((i + 1))p" testdata/pybay2016.csv
			} >"$c/seed-$i"
		done ;;
	prefilter)
		# Options byte, literal patterns, NUL, a file of the seed data.
		i=0
		for f in testdata/small/raw.csv testdata/small/escapes.tsv \
		    testdata/small/semicolon.txt testdata/pybay2016.csv \
		    testdata/bad/text-after-quote.csv testdata/bad/extra-fields.csv; do
			i=$((i + 1))
			case $f in *.tsv) o=8 ;; *.txt) o=16 ;; *) o=0 ;; esac
			for p in ab "$(printf 'Python\nk')" x,y; do
				{ printf "\\$(printf '%03o' $((o + i % 8)))%s\\0" "$p"
				  cat "$f"
				} >"$c/seed-$i-$(printf '%s' "$p" | tr -c 'a-zA-Z' _)"
			done
		done
		# Patterns the raw test must leave alone: "" and \\ decode.
		{ printf '\004a"b\0'; cat testdata/small/raw.csv; } >"$c/seed-pair"
		{ printf '\014k\\s\0'; cat testdata/small/escapes.tsv; } \
		    >"$c/seed-escape" ;;
	check)
		for f in testdata/check/*.csv testdata/pybay2016-schedule.csv; do
			cp "$f" "$c/seed-$(basename "$f")"
		done ;;
	template)
		for f in testdata/templates/*; do
			[ -f "$f" ] || continue
			{ printf '\001'; cat "$f"; } >"$c/seed-$(basename "$f")"
			{ printf '\002'; cat "$f"; } >"$c/seed-flat-$(basename "$f")"
		done ;;
	when)
		# 0, then day, start, end and duration split at 0x1f; or 1 and
		# a zone file.
		i=0
		while IFS=, read -r d s e u; do
			i=$((i + 1))
			printf '\000%s\037%s\037%s\037%s' "$d" "$s" "$e" "$u" \
			    >"$c/seed-$i"
		done <<-'EOF'
		2024-09-12,9:30,10:00,
		07/10/2018,2pm,,25 min
		2026-01-31T09:30:00+01:00,09:30,,00:25
		,2025-11-01T08:50:00+01:00,2025-11-01T09:35:00+01:00,
		12.09.2024,9:00-10:30 Uhr,,
		4/18/2024 9:00:00 AM,14h30–15h15,,PT1H30M
		EOF
		for z in Europe/Brussels America/Sao_Paulo Australia/Sydney; do
			[ -f "/usr/share/zoneinfo/$z" ] || continue
			{ printf '\001'; cat "/usr/share/zoneinfo/$z"; } \
			    >"$c/seed-$(echo "$z" | tr / _)"
		done ;;
	safehtml)
		# Mode byte (0: escape, 1: leave out, 2: text), then a fragment.
		i=0
		for h in '<p>a <em>b</p> c</em>' '<ul><li>x<li>y</ul><li>z' \
		    '<a href="https://x.org/?a=1&amp;b">l</a><a href=javascript:y>' \
		    '<script>x()</script><!-- c --><br></br>&nbsp;&#0;&bogus;' \
		    '<pre>k</pre><h2>t</h2><blockquote>q</blockquote>'; do
			for m in 0 1 2; do
				i=$((i + 1))
				printf "\\$m%s" "$h" >"$c/seed-$i"
			done
		done ;;
	page)
		for f in testdata/pybay2016-page.txt testdata/golden/import/*/*.txt; do
			[ -f "$f" ] || continue
			cp "$f" "$c/seed-$(echo "$f" | tr / _)"
		done ;;
	import)
		# Form byte (0: sniffed, 2: frab, ...), then the file.
		for f in testdata/import/*; do
			[ -f "$f" ] || continue
			for b in 000 002 103 304; do
				{ printf "\\$b"; cat "$f"; } \
				    >"$c/seed-$b-$(basename "$f")"
			done
		done ;;
	esac
	opts=
	case $t in reader-*) opts=-dict=fuzz/reader.dict ;; esac
	# talks import reports every bad input: keep its stderr out of the log.
	case $t in import) opts=-close_fd_mask=2 ;; esac
	echo "fuzz: $t for ${secs}s"
	nice -n 10 "fuzz/out/$t" $opts -max_total_time="$secs" \
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
		return 1
	fi
	return 0
}

status=0
n=0
pids=
for t in "$@"; do
	run_one "$t" &
	pids="$pids $!"
	n=$((n + 1))
	if [ $n -ge "$jobs" ]; then
		for p in $pids; do wait "$p" || status=1; done
		pids=
		n=0
	fi
done
for p in $pids; do wait "$p" || status=1; done
exit $status
