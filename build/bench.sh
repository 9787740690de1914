#!/usr/bin/env bash
# The benchmarks of the performance module, run by a person (never by the test suite): builds Release, then
#  1. redirect: the tracked redirect against a bare 302 and a naive insert-per-click redirect, in one run (API on core 0,
#     load generator on core 1: wrk if installed — apt-get install wrk — else an HttpClient loop), p99 at half the bare
#     rate, and clicks stored = 302s answered after a graceful stop;
#  2. report: the campaign report for 1,000 deliverables over 90 days with 100k, 1M and 10M raw clicks.
# Options (environment): SECONDS_PER_RUN (default 5), ROUNDS (default 6: bare and redirect alternate, the median round counts), REPORT_CLICKS (default 100000,1000000,10000000), ONLY=redirect|report.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/InfluenceCrm.Api -v q -nologo >/dev/null
dotnet build -c Release tests/InfluenceCrm.Benchmarks -v q -nologo >/dev/null
api=src/InfluenceCrm.Api/bin/Release/net10.0/InfluenceCrm.Api.dll
bench=tests/InfluenceCrm.Benchmarks/bin/Release/net10.0/InfluenceCrm.Benchmarks.dll
run() {
    if command -v taskset >/dev/null; then taskset -c 1 dotnet "$bench" "$@"; else dotnet "$bench" "$@"; fi
}
if [ "${ONLY:-redirect}" != report ]; then run redirect --api "$api" --seconds "${SECONDS_PER_RUN:-5}" --rounds "${ROUNDS:-6}"; fi
if [ "${ONLY:-report}" != redirect ]; then run report --api "$api" --clicks "${REPORT_CLICKS:-100000,1000000,10000000}"; fi
