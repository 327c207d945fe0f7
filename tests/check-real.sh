#!/bin/sh
# check-real.sh - runs every export format over the real exports in
# ../shared/real/*.csv (beside the checkout, or beside the main checkout
# when this is a linked worktree) and reports per file.
#
# The schedules among them must give, with no flag but --tz where the file
# has no zone and --date-order where its dates could be either, a
# calendar that python3-icalendar reads and a frab schedule valid against
# ../shared/schemas/frab-schedule.xsd, whose every event starts (and ends)
# at the instant the source's columns give (tests/real_instants.py).  For
# the other files the result is reported only.  Exit 1 when a schedule
# fails, or when talks ends other than with 0 or 2 on any file.
# Prints "skipped" and exits 0 when the folder is absent.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
real=../shared/real
if [ ! -d "$real" ]; then
	common=$(git rev-parse --path-format=absolute --git-common-dir \
	    2>/dev/null) && real=$(dirname "$common")/../shared/real
fi
if [ ! -d "$real" ]; then
	echo "check-real: no ../shared/real: skipped"
	exit 0
fi
xsd=$real/../schemas/frab-schedule.xsd
PATH="$top:$PATH"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# The flags for ics and frab, and the columns that say when each talk is.
flags() {
	case $1 in
	pyconfr2025-pretalx-sessions.csv) echo "|title=Proposal title|start=Start|end=End" ;;
	fosdem2026-schedule.csv|31c3-schedule.csv) echo "|title=Title|start=Date|duration=Duration" ;;
	globalazure2024-sessionize.csv) echo "--tz Europe/Vienna|start=startsAt|end=endsAt|zone=Europe/Vienna" ;;
	pycones2018-papercall.csv) echo "--tz Europe/Madrid --date-order dmy|date=day|time=start|end-time=end|zone=Europe/Madrid|dmy" ;;
	*) echo "-" ;;
	esac
}

# The first line of file $1, shortened.
first() { head -n 1 "$1" | cut -c 1-150; }

fail=0
n=0
for f in "$real"/*.csv; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	base=${f##*/}
	spec=$(flags "$base")
	opts=${spec%%|*}
	[ "$spec" = "-" ] && opts=
	: >"$tmp/results"
	for t in csv tsv json jsonl markdown html template mbox ics frab; do
		set --
		case $t in
		template) set -- --template '{title}' ;;
		mbox) set -- --template 'Subject: {title}

Dear {speaker},' ;;
		ics|frab) set -- $opts ;;
		esac
		talks export -t $t "$@" "$f" >"$tmp/$t" 2>"$tmp/$t.err"
		rc=$?
		w=$(wc -l <"$tmp/$t.err" | tr -d ' ')
		case $rc in
		0) r="ok" ;;
		2) r="exit 2: $(first "$tmp/$t.err")" ;;
		*) r="EXIT $rc: $(first "$tmp/$t.err")"; fail=1 ;;
		esac
		[ "$rc" -eq 0 ] && [ "$w" -gt 0 ] && r="ok, $w warning lines"
		case $t in ics|frab)
			[ "$spec" != "-" ] && [ "$rc" -ne 0 ] && fail=1 ;;
		esac
		printf '%s\t%s\n' "$t" "$r" >>"$tmp/results"
	done
	# The formats with the same result on one line.
	line=$(awk -F '\t' '!($2 in f) { o[++n] = $2; f[$2] = $1; next }
	    { f[$2] = f[$2] ", " $1 }
	    END { for (i = 1; i <= n; i++) printf "\n  %s: %s", f[o[i]], o[i] }' \
	    "$tmp/results")
	if [ "$spec" != "-" ]; then
		{ sh tests/xmlcheck.sh <"$tmp/frab" >/dev/null &&
		    xmllint --noout --schema "$xsd" "$tmp/frab"; } \
		    2>"$tmp/xml.err" && v="valid against the schema" ||
		    { v="NOT VALID: $(first "$tmp/xml.err")"; fail=1; }
		printf '%s\n' "${spec#*|}" | tr '|' '\n' >"$tmp/spec"
		set --
		while IFS= read -r a; do set -- "$@" "$a"; done <"$tmp/spec"
		/usr/bin/python3 tests/real_instants.py "$f" "$tmp/ics" \
		    "$tmp/frab" "$@" >"$tmp/inst" 2>&1 || fail=1
		line="$line
  frab: $v
$(sed 's/^/  /' "$tmp/inst")"
		echo "$base (ics and frab with: ${opts:-no flags})$line"
	else
		echo "$base$line"
	fi
done
# The columns of every file of the table below: the title and the speaker
# (split into speakers where --speaker-sep is given) read from the columns
# the source names, with no flag but those listed (tests/real_columns.py).
# FILE|TITLE|SPEAKER (FIRST+LAST: the two joined)|FLAGS (SP: a space)
while IFS='|' read -r file title speaker flags; do
	[ -f "$real/$file" ] || continue
	set -f
	# shellcheck disable=SC2086
	set -- $flags
	set +f
	k=$#
	while [ "$k" -gt 0 ]; do
		a=$(printf '%s' "$1" | sed 's/SP/ /g')
		shift
		set -- "$@" "$a"
		k=$((k - 1))
	done
	r=$(/usr/bin/python3 tests/real_columns.py talks "$real/$file" \
	    "$title" ${speaker:+"$speaker"} -- "$@" 2>&1) || { r="FAILED: $r"; fail=1; }
	echo "$file (columns${flags:+, with $flags}): $r"
done <<'TABLE'
pyconfr2025-pretalx-sessions.csv|Proposal title|Speaker names|
derived/pyconfr2025-defused.csv|Proposal title|Speaker names|--unguard
fosdem2026-schedule.csv|Title|Speaker names|
31c3-schedule.csv|Title|Persons|
pycones2018-papercall.csv|title|name|--speaker-sep ,SP --speaker-sep SP&SP --speaker-sep SPandSP --speaker-sep SPySP
derived/pycones2018-excel-semicolon.csv|title|name|--speaker-sep ,SP --speaker-sep SP&SP --speaker-sep SPandSP --speaker-sep SPySP
pyconza2024-talks.csv|Title|Speakers|--speaker-sep SP&SP
derived/pyconza2024-trailing-empty.csv|Title|Speakers|--speaker-sep SP&SP
globalazure2024-sessionize.csv|title|speakers|--speaker-sep ,SP
graphqlday-sheet.csv|Title of the talk|First Name+Last name|
bdxio2018-talks.csv|Title|Speaker|
TABLE
# The speaker of FOSDEM's last talk, typed in lower case, finds it.
f=$real/fosdem2026-schedule.csv
if [ -f "$f" ]; then
	last=$(talks list -f title,speaker "$f" | tail -n 1)
	who=$(printf '%s\n' "$last" | cut -f 2 | sed 's/; .*//' |
	    /usr/bin/python3 -c 'import sys; print(sys.stdin.read().strip().lower())')
	got=$(talks list --speaker "$who" -f title "$f" | tail -n 1)
	if [ "$got" = "$(printf '%s\n' "$last" | cut -f 1)" ]; then
		echo "fosdem2026-schedule.csv: --speaker '$who' finds the last talk"
	else
		echo "fosdem2026-schedule.csv: --speaker '$who' FAILED: '$got'"
		fail=1
	fi
fi
echo "check-real: $n files in $real, $([ $fail -eq 0 ] && echo ok || echo FAILED)"
exit $fail
