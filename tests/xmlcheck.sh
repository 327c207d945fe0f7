#!/bin/sh
# xmlcheck.sh - passes a frab schedule XML from standard input to standard
# output after xmllint finds it well-formed and of the frab structure;
# exit 1, with what is wrong on stderr, if it is not.
#   talks export -t frab ... | sh tests/xmlcheck.sh
#   talks export -t frab ... | sh tests/xmlcheck.sh --schema
#   sh tests/xmlcheck.sh --files A.xml B.xml ...
# --files checks each file named, in one shell, and prints nothing; the
# messages name the file.
# The structure checked everywhere: a schedule root with version and
# conference (title, acronym, start, end, days), days with index, date,
# start and end, rooms with a name, events with a positive id, a guid and
# the children the schema asks for, start and duration as HH:MM.
# --schema also validates against the published frab schema, read from
# ../shared/schemas/frab-schedule.xsd beside the checkout; a golden case
# that uses it names that path in its 'needs' file, so that it is skipped
# where the schema is absent.
# The top of the tree, without a process: each costs milliseconds here.
case $0 in
*/*) top=${0%/*}/.. ;;
*) top=.. ;;
esac
xsd=
if [ "$1" = --schema ]; then
	xsd=$top/../shared/schemas/frab-schedule.xsd
	if [ ! -f "$xsd" ]; then
		echo "xmlcheck.sh: no schema at ../shared/schemas/frab-schedule.xsd" >&2
		exit 1
	fi
fi
if ! command -v xmllint >/dev/null 2>&1; then
	echo "xmlcheck.sh: xmllint not found: 'make deps' installs libxml2-utils" >&2
	exit 1
fi
files=
if [ "$1" = --files ]; then
	shift
	files=1
fi
# Under the test runner (TALKS_RESULTS set) TMPDIR is the case's own and
# is emptied after it; elsewhere a temporary file is made and removed.
if [ -n "$TALKS_RESULTS" ] && [ -d "$TMPDIR" ]; then
	tmp=$TMPDIR/xmlcheck.$$
else
	tmp=$(mktemp) || exit 2
	trap 'rm -f "$tmp" "$tmp.err"' EXIT
fi
[ -n "$files" ] || cat >"$tmp"
if [ -n "$xsd" ]; then
	xmllint --noout --schema "$xsd" "$tmp" 2>"$tmp.err" || {
		sed "s|$tmp|-|" "$tmp.err" >&2; exit 1; }
	cat "$tmp"
	exit 0
fi
# rule NAME XPATH: the rule NAME holds when XPATH counts no node.  The
# counts are taken in one run of xmllint, which also finds the document
# well-formed or not.
names=
expr=
rule() {
	names="$names$1
"
	expr="$expr${expr:+, \"|\", }count($2)"
}
hhmm='string-length(%s) != 5 or substring(%s, 3, 1) != ":" or translate(%s, "0123456789", "") != ":"'
rule "no schedule root" '/*[not(self::schedule)]'
rule "schedule without version or conference" \
    '/schedule[not(version) or not(conference)]'
rule "conference without title, acronym, start, end or days" \
    '/schedule/conference[not(title) or not(acronym) or not(start) or not(end) or not(days)]'
rule "schedule element out of place" \
    '/schedule/*[not(self::version or self::conference or self::day)]'
rule "day without index, date, start or end" \
    '//day[not(@index) or not(@date) or not(@start) or not(@end)]'
rule "day holding something other than rooms" '//day/*[not(self::room)]'
rule "room without a name" '//day/room[not(@name)]'
rule "room holding something other than events" '//day/room/*[not(self::event)]'
rule "event without a positive whole id or a guid" \
    '//event[not(@guid) or not(@id) or translate(@id, "0123456789", "") != "" or number(@id) < 1]'
for c in date start duration room slug title subtitle track type abstract \
    description persons; do
	rule "event without $c" "//event[not($c)]"
done
rule "start or duration not HH:MM" \
    "//event/start[$(printf "$hhmm" . . .)] | //event/duration[$(printf "$hhmm" . . .)]"
rule "persons holding something other than person" '//persons/*[not(self::person)]'
# check FILE NAME: 0 when FILE breaks no rule; else says which, as NAME.
check() {
	counts=$(xmllint --xpath "concat($expr)" "$1" 2>"$tmp.err") || {
		sed "s|$1|$2|" "$tmp.err" >&2; return 1; }
	bad=0
	rest=$counts
	while IFS= read -r name; do
		[ -n "$name" ] || continue
		n=${rest%%|*}
		rest=${rest#*|}
		[ "$n" = 0 ] && continue
		echo "xmlcheck.sh: ${files:+$2: }$name (${n:-?} nodes)" >&2
		bad=1
	done <<EOF
$names
EOF
	return $bad
}
if [ -n "$files" ]; then
	rc=0
	for f; do
		check "$f" "$f" || rc=1
	done
	exit $rc
fi
check "$tmp" - || exit 1
cat "$tmp"
