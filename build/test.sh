#!/usr/bin/env bash
# The README's test command: builds and runs the whole suite (SQLite always; SQL Server where Docker answers or
# INFLUENCECRM_TEST_SQLSERVER is set), then ends with one line "N passed, N failed[, N skipped]".
# Extra arguments go to `dotnet test` (e.g. -- --filter-class '*Creators*').
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test InfluenceCrm.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints one "Test run summary" block per run: total, failed, succeeded, skipped.
# Colour codes (the runner colours its output where GITHUB_ACTIONS is set) are stripped before counting.
count() { sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E "^\s*$1: [0-9]+" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded)
failed=$(count failed)
skipped=$(count skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # the build or the runner failed before counting tests: never report a clean run
fi

# CI shows only the output's tail, where the service's warnings can hide which test failed: say it again here.
if [ "$failed" -gt 0 ]; then
    echo "Failed tests (each with the first lines of its message):"
    sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
        /^[^ \t]/ { inside = 0 }
        /^failed / { n = 0; shown++; inside = (shown <= 10) }
        inside && n < 14 { print; n++ }'
fi

if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
exit "$status"
