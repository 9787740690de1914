#!/usr/bin/env bash
# Brings every .cs line (and the tags and @code lines of .razor files) within 160 characters, and leaves
# `dotnet format whitespace --verify-no-changes` clean: build/wrap-long-lines.py wraps only the long lines, then
# dotnet format whitespace settles the files it changed (an initializer broken over lines wants one member a line),
# and again if that pushed a line over. Idempotent; a second run changes nothing. What it cannot wrap (long text in
# markup, JSON in a one-line raw string…) it lists at the end: those lines want a person (LineLengthTests names them too).
# Why not CSharpier (served as a dotnet tool): at printWidth 160 it rewrites 16,000 lines of 450 files (one argument
# a line, raw strings re-indented, trailing commas), the house's layout with them: this touches only the long lines.
set -euo pipefail
cd "$(dirname "$0")/.."
list=$(mktemp)
trap 'rm -f "$list"' EXIT
for pass in 1 2 3; do
    python3 build/wrap-long-lines.py --changed-list "$list" "$@" 2>/dev/null
    [ -s "$list" ] || break
    # shellcheck disable=SC2046
    dotnet format whitespace InfluenceCrm.sln --include $(cat "$list")
done
python3 build/wrap-long-lines.py --check "$@" || true
