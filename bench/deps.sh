#!/bin/sh
# deps.sh - installs the programs the benchmark compares with, from
# Debian's packages, when they are missing.  xsv and zsv are not in
# Debian, so they are not installed.
exec sh "$(dirname "$0")/../tests/deps.sh" miller csvkit hyperfine time
