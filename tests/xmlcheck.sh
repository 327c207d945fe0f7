#!/bin/sh
# xmlcheck.sh - passes a frab schedule XML from standard input to standard
# output after xmllint finds it well-formed and of the frab structure;
# exit 1, with what is wrong on stderr, if it is not.
#   talks export -t frab ... | sh tests/xmlcheck.sh
#   talks export -t frab ... | sh tests/xmlcheck.sh --schema
# The structure checked everywhere: a schedule root with version and
# conference (title, acronym, start, end, days), days with index, date,
# start and end, rooms with a name, events with a positive id, a guid and
# the children the schema asks for, start and duration as HH:MM.
# --schema also validates against the published frab schema, read from
# ../shared/schemas/frab-schedule.xsd beside the checkout; a golden case
# that uses it names that path in its 'needs' file, so that it is skipped
# where the schema is absent.
top=$(cd "$(dirname "$0")/.." && pwd)
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
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp" "$tmp.err"' EXIT
cat >"$tmp"
if [ -n "$xsd" ]; then
	xmllint --noout --schema "$xsd" "$tmp" 2>"$tmp.err" || {
		sed "s|$tmp|-|" "$tmp.err" >&2; exit 1; }
	cat "$tmp"
	exit 0
fi
xmllint --noout "$tmp" 2>"$tmp.err" || { sed "s|$tmp|-|" "$tmp.err" >&2; exit 1; }

# count NAME XPATH: the rule NAME holds when XPATH counts no node.
bad=0
count() {
	n=$(xmllint --xpath "count($2)" "$tmp" 2>/dev/null)
	[ "$n" = 0 ] && return
	echo "xmlcheck.sh: $1 (${n:-?} nodes)" >&2
	bad=1
}
hhmm='string-length(%s) != 5 or substring(%s, 3, 1) != ":" or translate(%s, "0123456789", "") != ":"'
count "no schedule root" '/*[not(self::schedule)]'
count "schedule without version or conference" \
    '/schedule[not(version) or not(conference)]'
count "conference without title, acronym, start, end or days" \
    '/schedule/conference[not(title) or not(acronym) or not(start) or not(end) or not(days)]'
count "schedule element out of place" \
    '/schedule/*[not(self::version or self::conference or self::day)]'
count "day without index, date, start or end" \
    '//day[not(@index) or not(@date) or not(@start) or not(@end)]'
count "day holding something other than rooms" '//day/*[not(self::room)]'
count "room without a name" '//day/room[not(@name)]'
count "room holding something other than events" '//day/room/*[not(self::event)]'
count "event without a positive whole id or a guid" \
    '//event[not(@guid) or not(@id) or translate(@id, "0123456789", "") != "" or number(@id) < 1]'
for c in date start duration room slug title subtitle track type abstract \
    description persons; do
	count "event without $c" "//event[not($c)]"
done
count "start or duration not HH:MM" \
    "//event/start[$(printf "$hhmm" . . .)] | //event/duration[$(printf "$hhmm" . . .)]"
count "persons holding something other than person" '//persons/*[not(self::person)]'
[ "$bad" -eq 0 ] || exit 1
cat "$tmp"
