#!/bin/sh
# deps.sh - installs the Debian packages named, by default those that
# building and testing need, when they are missing.  Runs apt-get only
# when something is missing.
pkgs="make gcc clang pkg-config libcsv-dev libpcre2-dev libutf8proc-dev
tzdata mandoc jq libxml2-utils valgrind python3 python3-icalendar
libclang-rt-dev libexpat1-dev libjansson-dev librsvg2-bin poppler-utils
cmark-gfm python3-html5lib libcmark-dev chromium dpkg-dev debhelper
fakeroot lintian man-db"
[ $# -gt 0 ] && pkgs="$*"
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
