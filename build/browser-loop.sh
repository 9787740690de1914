#!/usr/bin/env bash
# Runs the browser test classes N times in a row (default 10) from one build, to show they are green every time:
# a loop here, never a retry inside a test. Prints one line a run and "N passed, N failed" runs at the end.
#   bash build/browser-loop.sh 20
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
dotnet build tests/InfluenceCrm.Tests -v q -nologo >/dev/null || { echo "build failed"; exit 1; }
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r tests/InfluenceCrm.Tests/bin/Debug/net10.0/. "$copy" # a later build cannot change the binaries under the loop
good=0 bad=0
for i in $(seq 1 "$runs"); do
    log="$copy/run-$i.log"
    if (cd "$copy" && dotnet InfluenceCrm.Tests.dll -class '*BrowserTests' -noColor >"$log" 2>&1); then
        good=$((good + 1)); echo "run $i: passed ($(grep -oE 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+' "$log" | tail -1))"
    else
        bad=$((bad + 1)); echo "run $i: FAILED (log kept: /tmp/browser-loop-run-$i.log)"; cp "$log" "/tmp/browser-loop-run-$i.log"
        grep -E '\[FAIL\]|Exception|Timeout' "$log" | head -5
    fi
done
echo "$good passed, $bad failed"
[ "$bad" -eq 0 ]
