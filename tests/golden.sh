#!/bin/bash
# golden.sh - runs the golden cases named as PATH:DIR (PATH the parsing
# path, "-" for the default) and unit tests named as unit:FILE, one after
# the other; tests/run.sh starts several of these side by side.
#
# For each, one line goes to "$TALKS_RESULTS/$BASHPID.res":
#   pass KIND NAME | fail KIND NAME | skip KIND NAME: REASON
# where KIND is golden or unit (a unit test's line carries its counts:
# "unit N M NAME" for N passed and M failed), and what a failure printed
# goes to "$TALKS_RESULTS/$BASHPID.log".
# Run from the top of the tree, with PATH and the rest set by run.sh.

res=$TALKS_RESULTS/$BASHPID.res
log=$TALKS_RESULTS/$BASHPID.log
tmp=$TALKS_RESULTS/$BASHPID.tmp
# A temporary folder of its own, as workers run side by side.
mkdir -p "$tmp/t" || exit 2
export TMPDIR=$tmp/t
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# missing DIR: prints the first requirement in DIR/needs that this
# machine lacks, and returns 0 when there is one.
missing() {
	local need
	[ -f "$1/needs" ] || return 1
	while IFS= read -r need || [ -n "$need" ]; do
		case $need in
		''|'#'*) continue ;;
		python3:*)
			"$py" -c "import ${need#python3:}" 2>/dev/null && continue
			echo "no Python module ${need#python3:}" ;;
		*/*)
			[ -e "$need" ] && continue
			echo "no $need" ;;
		*)
			command -v "$need" >/dev/null 2>&1 && continue
			echo "no $need" ;;
		esac
		return 0
	done <"$1/needs"
	return 1
}

unit() {
	local t=$1 out rc last p f
	$TALKS_WRAPPER "$t" >"$tmp/unit" 2>&1
	rc=$?
	last=$(tail -n 1 "$tmp/unit")
	if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
	else
		echo "fail unit 0 1 $t" >>"$res"
		{ echo "FAIL $t (no result line; exit $rc)"
		  tail -n 20 "$tmp/unit" | sed 's/^/  /'; } >>"$log"
		return
	fi
	if [ "$f" -eq 0 ] && [ "$rc" -eq 0 ]; then
		echo "pass unit $p 0 $t" >>"$res"
	else
		[ "$f" -eq 0 ] && f=1
		echo "fail unit $p $f $t" >>"$res"
		{ echo "FAIL $t (exit $rc)"
		  grep -v '^ok' "$tmp/unit" | head -n 30 | sed 's/^/  /'; } >>"$log"
	fi
}

golden() {
	local path=$1 d=${2%/} name why input rc want wout werr
	name="$d [$path]"
	[ "$path" = - ] && name=$d
	if why=$(missing "$d"); then
		echo "skip golden $name: $why" >>"$res"
		return
	fi
	input=/dev/null
	[ -f "$d/in" ] && input=$d/in
	if [ "$path" = - ]; then
		bash -o pipefail -c "$(<"$d/cmd")" <"$input" >"$tmp/out" 2>"$tmp/err"
	else
		TALKS_PATH=$path bash -o pipefail -c "$(<"$d/cmd")" \
		    <"$input" >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
	want=0
	[ -f "$d/status" ] && want=$(<"$d/status")
	wout=$d/out werr=$d/err
	[ -f "$wout" ] || wout=/dev/null
	[ -f "$werr" ] || werr=/dev/null
	if [ "$rc" != "$want" ]; then
		echo "fail golden $name" >>"$res"
		{ echo "FAIL $name: exit $rc, want $want"
		  head -c 600 "$tmp/err" | sed 's/^/  /'; } >>"$log"
	elif ! cmp -s "$tmp/out" "$wout"; then
		echo "fail golden $name" >>"$res"
		{ echo "FAIL $name: stdout differs"
		  diff "$wout" "$tmp/out" | head -n 10 | sed 's/^/  /'; } >>"$log"
	elif ! cmp -s "$tmp/err" "$werr"; then
		echo "fail golden $name" >>"$res"
		{ echo "FAIL $name: stderr differs"
		  diff "$werr" "$tmp/err" | head -n 10 | sed 's/^/  /'; } >>"$log"
	else
		echo "pass golden $name" >>"$res"
	fi
}

for job in "$@"; do
	case $job in
	unit:*) unit "${job#unit:}" ;;
	*) golden "${job%%:*}" "${job#*:}" ;;
	esac
done
rm -rf "$tmp"
