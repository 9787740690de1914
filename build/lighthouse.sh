#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, v13) on EVERY page of the console, as production serves it: publishes the host in Release,
# starts it on a fresh SQLite database in a temporary folder, creates a workspace, its admin and an admin key with the CLI,
# seeds one of everything through the API (build/lighthouse.py), signs in as the admin and as a creator (the portal's mailed
# link, read from the outbox), then measures each route of the @page directives in Debian's chromium and prints a table:
# performance, accessibility, best practices, and for a page under 95 the audits that lose it points.
# Targets: accessibility 100, best practices 100, performance >= 95.
#   [LIGHTHOUSE_NICE=-10] bash build/lighthouse.sh [runs] [route-regex]     runs defaults to 2 (the table shows the last run and the range);
#                                                     e.g. bash build/lighthouse.sh 1 '^/legal'
# LIGHTHOUSE_PUBLISH=<folder> reuses a folder `dotnet publish -c Release` already filled (no build);
# LIGHTHOUSE_REPORTS=<folder> keeps each page's report (JSON, the last run's) to read an audit's details.
set -euo pipefail
runs=${1:-2}
only=${2:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
export CHROME_PATH=${CHROME_PATH:-$(command -v chromium || command -v chromium-browser)}
# Lighthouse is installed once into a cache folder (LIGHTHOUSE_DIR), not into the repository.
tools=${LIGHTHOUSE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/influencecrm-lighthouse}
lighthouse="$tools/node_modules/.bin/lighthouse"
if [ ! -x "$lighthouse" ]; then
    npm install --prefix "$tools" --no-audit --no-fund --silent lighthouse@13 >/dev/null
fi

work=$(mktemp -d)
host_pid=
cleanup() {
    if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

publish=${LIGHTHOUSE_PUBLISH:-$work/publish}
if [ -z "${LIGHTHOUSE_PUBLISH:-}" ]; then
    echo "lighthouse.sh: dotnet publish -c Release" >&2
    dotnet publish "$repo/src/InfluenceCrm.Api" -c Release -o "$publish" --nologo -v quiet >&2
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export ASPNETCORE_ENVIRONMENT=Production PublicBaseUrl=$base
password="lighthouse-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
app=(dotnet "$publish/InfluenceCrm.Api.dll")
cd "$work" # ./data is the working directory's: a fresh database and outbox
"${app[@]}" workspaces create acme-beauty --name "Acme Beauty" >/dev/null
echo "$password" | "${app[@]}" users create --workspace acme-beauty --email camille@acme.example --role admin --name Camille >/dev/null
key=$("${app[@]}" apikeys create --workspace acme-beauty --role admin --name lighthouse | tail -n 1)
# LIGHTHOUSE_NICE=-10 (as root): the host, chromium and Lighthouse ahead of the machine's other work (builds beside it).
nice -n "${LIGHTHOUSE_NICE:-0}" "${app[@]}" --urls "$base" >"$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 120); do
    if curl -fsS -o /dev/null "$base/health/live" 2>/dev/null; then break; fi
    sleep 0.5
done
echo "lighthouse.sh: $base (Release, Production), load average $(cut -d ' ' -f 1-3 /proc/loadavg)" >&2
python3 "$repo/build/lighthouse.py" "$base" "$work/data" camille@acme.example "$password" "$key" "$lighthouse" "$runs" "$only"
