#!/bin/sh
# deps.sh - installs the programs the benchmark compares with, from
# Debian's packages, when they are missing.  xsv and zsv are not in
# Debian, so they are not installed.
pkgs="miller csvkit hyperfine time"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
	    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    $sudo apt-get install -y -qq --no-install-recommends $missing
