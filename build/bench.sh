#!/usr/bin/env bash
# The benchmarks of the performance module, run by a person (never by the test suite): builds Release, then
#  1. redirect: the tracked redirect against a bare 302 and a naive insert-per-click redirect, in one run (API on core 0,
#     load generator on core 1: wrk if installed — apt-get install wrk — else an HttpClient loop), p99 at half the bare
#     rate, and clicks stored = 302s answered after a graceful stop;
#     run once per connection count (CONNECTIONS, default "32 64");
#  2. crash: kill -9 under load, then the 302s answered against the clicks stored (the crash window);
#  3. report: the campaign report for 1,000 deliverables over 90 days with 100k, 1M and 10M raw clicks;
#  4. pages: the console's main pages with 1M creators (PAGES_CREATORS), 1,000 campaigns and 10,000 deliverables (p95 under 100 ms);
#  5. imports: a 50,000-row platform export, rows per second against the JSON snapshot endpoint.
# Options (environment): SECONDS_PER_RUN (default 5), ROUNDS (default 6: bare and redirect alternate, the median round counts),
# CONNECTIONS (default "32 64"), REPORT_CLICKS (default 100000,1000000,10000000), PAGES_CREATORS (default 1000000), ONLY=redirect|crash|report|pages|imports.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/InfluenceCrm.Api -v q -nologo >/dev/null
dotnet build -c Release tests/InfluenceCrm.Benchmarks -v q -nologo >/dev/null
api=src/InfluenceCrm.Api/bin/Release/net10.0/InfluenceCrm.Api.dll
bench=tests/InfluenceCrm.Benchmarks/bin/Release/net10.0/InfluenceCrm.Benchmarks.dll
run() {
    if command -v taskset >/dev/null; then taskset -c 1 dotnet "$bench" "$@"; else dotnet "$bench" "$@"; fi
}
status=0
if [ "${ONLY:-redirect}" = redirect ]; then
    for connections in ${CONNECTIONS:-32 64}; do
        run redirect --api "$api" --seconds "${SECONDS_PER_RUN:-5}" --rounds "${ROUNDS:-6}" --connections "$connections" || status=1
    done
fi
if [ "${ONLY:-crash}" = crash ]; then run crash --api "$api" || status=1; fi
if [ "${ONLY:-report}" = report ]; then run report --api "$api" --clicks "${REPORT_CLICKS:-100000,1000000,10000000}" || status=1; fi
if [ "${ONLY:-pages}" = pages ]; then run pages --api "$api" --creators "${PAGES_CREATORS:-1000000}" || status=1; fi
if [ "${ONLY:-imports}" = imports ]; then run imports --api "$api" || status=1; fi
exit $status
