#!/bin/sh
# run.sh - the benchmark: times whole processes on generated data and
# prints one table, also written to bench/out/results.txt.
#
# Each figure is the median wall time of several runs after a warm-up,
# with the largest peak resident set seen.  Ratios are the other
# program's time divided by talks' time, measured in the same run.
# Standard output always goes to a regular file: GNU grep stops at the
# first match when it writes to /dev/null.
#
# Environment:
#   BENCH_SIZES   record counts to generate and time (default "2000 200000")
#   BENCH_RUNS    timed runs per figure (default 5, 3 above 100000 records)
#   BENCH_SLOW    1: run csvkit on the large file too (minutes)
#   CC            the compiler for the helper programs (default cc)

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
out=bench/out
mkdir -p "$out" || exit 2
cc=${CC:-cc}
sizes=${BENCH_SIZES:-2000 200000}
talks=$top/talks
res=$out/results.txt
tmp=$out/stdout

[ -x "$talks" ] || { echo "bench: build talks first (make)" >&2; exit 2; }
$cc -O2 -o "$out/gen" bench/gen.c &&
    $cc -O2 -o "$out/csvpass" bench/csvpass.c -lcsv &&
    $cc -O2 -o "$out/timeit" bench/timeit.c || exit 2

have() { command -v "$1" >/dev/null 2>&1; }
# Whether talks has subcommand $1 on this branch.
has_cmd() { "$talks" help "$1" >/dev/null 2>&1; }

# time RUNS WARMUP CMD...: prints "seconds KiB status"
timed() { "$out/timeit" "$@"; }

secs() { echo "$1" | cut -d' ' -f1; }
# The name of the variable for a file's extension, and its row's label.
var() { echo "$1" | tr . _; }
label() { case $1 in schedule.csv) echo "$name.sched" ;; *) echo "$name.$1" ;; esac; }
mib() { echo "$1" | awk '{ printf "%.1f", $2 / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" ||
    b <= 0) print "-"; else printf "%.2f", a / b }'; }

: >"$res.tmp"
row() { printf '%-11s %-26s %8s %6s %8s %8s %7s %8s %7s %8s %7s\n' "$@" |
    tee -a "$res.tmp"; }

row file job talks_s MiB plain_s pl/talks libcsv lc/talks ref_s ref/tk \
    "mlr_s mlr/tk csvkit_s ck/tk"
printf '%s\n' "(ratio = other time / talks time; ref = grep -c -P on the bytes for grep jobs)" | tee -a "$res.tmp"

for n in $sizes; do
	runs=${BENCH_RUNS:-5}
	[ "$n" -gt 100000 ] && runs=${BENCH_RUNS:-3}
	slow_runs=3 slow_warm=1
	[ "$n" -gt 100000 ] && slow_runs=1 slow_warm=0
	# talks-N.schedule.csv: rooms, days, times and emails, for check.
	for ext in csv tsv schedule.csv; do
		f=$out/talks-$n.$ext
		[ -s "$f" ] || "$out/gen" "$n" "${ext%%.*}" >"$f" || exit 2
	done
	csv=$out/talks-$n.csv
	tsv=$out/talks-$n.tsv
	name=$n
	for ext in csv tsv schedule.csv; do
		f=$out/talks-$n.$ext
		t=""
		[ $ext = tsv ] && t=-t
		lc=$(timed "$runs" 1 "$tmp" "$out/csvpass" $t "$f")
		wc=$(timed "$runs" 1 "$tmp" wc -l "$f")
		eval "lc_$(var "$ext")=\$(secs \"\$lc\")"
		row "$(label "$ext")" "(libcsv pass)" - - - - "$(secs "$lc")" - - - \
		    "$(mib "$lc")MiB"
		row "$(label "$ext")" "(wc -l)" - - - - - - "$(secs "$wc")" - \
		    "$(ls -l "$f" | awk '{ printf "%.0fMB", $5 / 1e6 }')"
	done
	ck=no
	have csvcut && { [ "$n" -le 100000 ] || [ "${BENCH_SLOW:-0}" = 1 ]; } &&
	    ck=yes

	# job NAME FILE-EXT SUBCOMMAND -- TALKS-ARGS -- REF -- MLR -- CSVKIT
	# An empty REF, MLR or CSVKIT part is not run.
	job() {
		jname=$1 ext=$2 sub=$3
		shift 3
		f=$out/talks-$n.$ext
		targs="" ref="" mlr="" ck_cmd=""
		part=t
		shift
		for a; do
			if [ "$a" = "--" ]; then
				case $part in t) part=r ;; r) part=m ;; m) part=c ;; esac
				continue
			fi
			case $part in
			t) targs="$targs $a" ;;
			r) ref="$ref $a" ;;
			m) mlr="$mlr $a" ;;
			c) ck_cmd="$ck_cmd $a" ;;
			esac
		done
		if ! has_cmd "$sub"; then
			row "$(label "$ext")" "$jname" n/a - - - - - - - "(no talks $sub yet)"
			return
		fi
		# shellcheck disable=SC2086
		tk=$(timed "$runs" 1 "$tmp" "$talks" $sub $targs "$f")
		tks=$(secs "$tk")
		pl=$(TALKS_PATH=plain timed "$runs" 1 "$tmp" "$talks" $sub $targs "$f")
		eval "lcs=\$lc_$(var "$ext")"
		rs=- rr=- ms=- mr=- cs=- cr=-
		if [ -n "$ref" ]; then
			r=$(timed "$runs" 1 "$tmp" $ref "$f")
			rs=$(secs "$r")
			rr=$(ratio "$rs" "$tks")
		fi
		if [ -n "$mlr" ] && have mlr; then
			m=$(timed $slow_runs $slow_warm "$tmp" mlr $mlr "$f")
			ms=$(secs "$m")
			mr=$(ratio "$ms" "$tks")
		fi
		if [ -n "$ck_cmd" ] && [ $ck = yes ]; then
			c=$(timed $slow_runs $slow_warm "$tmp" sh -c "$ck_cmd" sh "$f")
			cs=$(secs "$c")
			cr=$(ratio "$cs" "$tks")
		fi
		row "$(label "$ext")" "$jname" "$tks" "$(mib "$tk")" "$(secs "$pl")" \
		    "$(ratio "$(secs "$pl")" "$tks")" "$lcs" "$(ratio "$lcs" "$tks")" \
		    "$rs" "$rr" "$ms $mr $cs $cr"
	}

	I=--icsv
	job "list" csv list -- -- -- $I --otsv cut -o -f title,speaker,track,level \
	    -- 'csvcut -c title,speaker,track,level "$1"'
	job "list -f title,abstract" csv list -- -f title,abstract -- -- \
	    $I --otsv cut -o -f title,abstract -- 'csvcut -c title,abstract "$1"'
	job "grep -c never" csv grep -- -c xylograph -- grep -c -P xylograph \
	    -- $I --ojson grep xylograph then count \
	    -- 'csvgrep -a -c 1- -r xylograph "$1" | wc -l'
	job "grep -c 3%" csv grep -- -c quokka -- grep -c -P quokka \
	    -- $I --ojson grep quokka then count \
	    -- 'csvgrep -a -c 1- -r quokka "$1" | wc -l'
	job "grep -c 75%" csv grep -- -c python -- grep -c -P python \
	    -- $I --ojson grep python then count \
	    -- 'csvgrep -a -c 1- -r python "$1" | wc -l'
	job "grep -c -i 3%" csv grep -- -c -i quokka -- grep -c -i -P quokka \
	    -- $I --ojson grep -i quokka then count \
	    -- 'csvgrep -a -c 1- -r "(?i)quokka" "$1" | wc -l'
	job "grep 3% (records)" csv grep -- quokka -- grep -P quokka \
	    -- $I --ocsv grep quokka -- 'csvgrep -a -c 1- -r quokka "$1"'
	job "by-track -c" csv by-track -- -c -- -- \
	    $I --opprint count-distinct -f track \
	    -- 'csvcut -c track "$1" | sort | uniq -c'
	job "by-track" csv by-track -- -- -- \
	    $I --otsv sort -f track then cut -o -f track,title \
	    -- 'csvsort -c track "$1" | csvcut -c track,title'
	job "export -t json" csv export -- -t json -- -- $I --ojson cat \
	    -- 'csvjson "$1"'
	job "export -t csv" csv export -- -t csv -- -- $I --ocsv cat \
	    -- 'csvformat "$1"'
	# Every rule; its target is at most two libcsv passes (lc/talks 0.5).
	job "check" schedule.csv check -- -- -- --
	I=--itsv
	job "list" tsv list -- -- -- $I --otsv cut -o -f title,speaker,track,level \
	    -- 'csvcut -t -c title,speaker,track,level "$1"'
	job "by-track -c" tsv by-track -- -c -- -- \
	    $I --opprint count-distinct -f track \
	    -- 'csvcut -t -c track "$1" | sort | uniq -c'
done
{
	echo "xsv, zsv: not in Debian (apt-cache policy finds neither); not measured"
	have mlr || echo "mlr: not installed (make bench-deps)"
	have csvcut || echo "csvkit: not installed (make bench-deps)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)," \
	    "avx2: $(grep -q avx2 /proc/cpuinfo && echo yes || echo no)," \
	    "default path: ${TALKS_PATH:-fastest}"
} | tee -a "$res.tmp"
mv "$res.tmp" "$res"
echo "written to $res"
