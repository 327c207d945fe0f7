#!/bin/sh
# package.sh - make check-package: builds the Debian package from the
# files git tracks (in a scratch copy, as dpkg-buildpackage cleans the
# tree it runs in), unpacks it in an empty directory tree with dpkg -x and
# tries what it installs: talks on its example, its manual pages, the
# version in one place; then lintian, which must report no error and no
# warning.  Prints "package: N passed, N failed" last.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
for c in dpkg-buildpackage dh lintian fakeroot man; do
	command -v "$c" >/dev/null 2>&1 || {
		echo "package.sh: $c is missing (make deps)" >&2
		exit 2
	}
done
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

mkdir "$t/src" "$t/root"
git ls-files -z | xargs -0 cp --parents -t "$t/src" || exit 2
(cd "$t/src" && dpkg-buildpackage -us -uc -b) >"$t/build.log" 2>&1 || {
	tail -30 "$t/build.log"
	echo "package: 0 passed, 1 failed"
	exit 1
}
version=$(sed -n '1s/^talks (\([^)]*\)).*/\1/p' debian/changelog)
deb=$t/talks_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] && ok || bad "no $deb"
dpkg -x "$deb" "$t/root"
r=$t/root

# The installed program, on the example it installs.
n=$("$r/usr/bin/talks" list -c "$r/usr/share/doc/talks/examples/pybay2016.csv")
[ "$n" = 16 ] && ok || bad "talks list -c on the example: '$n', want 16"
"$r/usr/bin/talks" grep -c -i tracing \
    "$r/usr/share/doc/talks/examples/pybay2016.csv" >/dev/null &&
    ok || bad "talks grep on the example"

# One version: the program's, the package's, the manual pages'.
v=$("$r/usr/bin/talks" --version)
[ "$v" = "talks $version" ] && ok || bad "talks --version: '$v'"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] && ok ||
    bad "package version $(dpkg-deb -f "$deb" Version)"
for m in talks talks-list talks-grep talks-by-track talks-export \
    talks-import talks-check; do
	p=$(man --manpath="$r/usr/share/man" -w "$m" 2>/dev/null)
	case $p in
	"$r"/usr/share/man/man1/"$m".1.gz) ok ;;
	*) bad "man $m: '$p'" ;;
	esac
	zcat "$r/usr/share/man/man1/$m.1.gz" | grep -qx ".Os talks $version" &&
	    ok || bad "$m.1 does not end with talks $version"
done
[ -f "$r/usr/share/man/man5/talks.5.gz" ] && ok || bad "no talks(5)"

# talks help COMMAND opens the command's page, where man has it.
MANPATH=$r/usr/share/man MANPAGER=cat "$r/usr/bin/talks" help grep \
    2>&1 | head -n 1 | grep -q 'TALKS-GREP(1)' && ok ||
    bad "talks help grep did not show talks-grep(1)"

# The completions, in the places bash, zsh and fish look; the bash one
# offers the columns of the file on the line, through the installed talks.
for f in usr/share/bash-completion/completions/talks \
    usr/share/zsh/vendor-completions/_talks \
    usr/share/fish/vendor_completions.d/talks.fish; do
	[ -f "$r/$f" ] && ok || bad "no $f"
done
PATH=$r/usr/bin:$PATH bash -c '. "$1/usr/share/bash-completion/completions/talks"
	COMP_WORDS=(talks list -f "" "$1/usr/share/doc/talks/examples/pybay2016-schedule.csv")
	COMP_CWORD=3; _talks; printf "%s\n" "${COMPREPLY[@]}"' sh "$r" |
    grep -qx room && ok || bad "bash completion of talks list -f"

# Depends: the libraries talks links, found by dh_shlibdeps.
dep=$(dpkg-deb -f "$deb" Depends)
for lib in libcsv3 libpcre2-8-0 libutf8proc2; do
	case $dep in
	*"$lib"*) ok ;;
	*) bad "Depends lacks $lib: $dep" ;;
	esac
done

# lintian: no error, no warning (run as root it says so first).
lintian --fail-on error,warning "$deb" >"$t/lintian" 2>&1 && ok ||
    { bad "lintian:"; grep -v 'root privileges' "$t/lintian"; }

echo "package: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
