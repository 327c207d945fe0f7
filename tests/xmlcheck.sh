#!/bin/sh
# xmlcheck.sh - passes XML from standard input to standard output after
# xmllint finds it well-formed and valid against the frab schedule schema,
# which is read from ../shared/schemas/ beside the checkout (the main
# checkout's, when this is a linked worktree).  Exit 1 if it is not.
#   talks export -t frab ... | sh tests/xmlcheck.sh
top=$(cd "$(dirname "$0")/.." && pwd)
xsd=$top/../shared/schemas/frab-schedule.xsd
if [ ! -f "$xsd" ]; then
	common=$(git -C "$top" rev-parse --path-format=absolute \
	    --git-common-dir 2>/dev/null)
	[ -n "$common" ] && xsd=$(dirname "$common")/../shared/schemas/frab-schedule.xsd
fi
if ! command -v xmllint >/dev/null 2>&1; then
	echo "xmlcheck.sh: xmllint not found: 'make deps' installs libxml2-utils" >&2
	exit 1
fi
if [ ! -f "$xsd" ]; then
	echo "xmlcheck.sh: no schema at ../shared/schemas/frab-schedule.xsd" >&2
	exit 1
fi
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
cat >"$tmp"
xmllint --noout --schema "$xsd" "$tmp" 2>"$tmp.err" || {
	sed "s|$tmp|-|" "$tmp.err" >&2; rm -f "$tmp.err"; exit 1; }
rm -f "$tmp.err"
cat "$tmp"
