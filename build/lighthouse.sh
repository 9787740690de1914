#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, v13) on the console's main pages of a running host, in Debian's chromium: prints the four
# scores (performance, accessibility, best practices, SEO) per page. Targets: accessibility 100, best practices 100,
# performance >= 95.
#   bash build/lighthouse.sh [base-url] [cookie]
# base-url defaults to http://localhost:5080; the console's pages need a signed-in cookie: pass the value of the
# "influencecrm" cookie (from the browser's developer tools), or only the sign-in page is measured.
set -euo pipefail
base=${1:-http://localhost:5080}
cookie=${2:-}
export CHROME_PATH=${CHROME_PATH:-$(command -v chromium || command -v chromium-browser)}
# Lighthouse is installed once into a cache folder (LIGHTHOUSE_DIR), not into the repository.
tools=${LIGHTHOUSE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/influencecrm-lighthouse}
lighthouse="$tools/node_modules/.bin/lighthouse"
if [ ! -x "$lighthouse" ]; then
    npm install --prefix "$tools" --no-audit --no-fund --silent lighthouse@13 >/dev/null
fi
report=$(mktemp)
trap 'rm -f "$report"' EXIT

pages=(/sign-in)
if [ -n "$cookie" ]; then
    pages=(/ /creators /campaigns /calendar /legal /legal/grants /legal/rights-check /legal/disclosure-check /legal/contracts /legal/audit /settings/access)
fi

printf '%-28s %5s %5s %5s %5s\n' page perf a11y best seo
for path in "${pages[@]}"; do
    headers=()
    if [ -n "$cookie" ]; then
        headers=(--extra-headers "{\"Cookie\": \"influencecrm=$cookie\"}")
    fi
    "$lighthouse" "$base$path" "${headers[@]}" --quiet --output=json --output-path="$report" \
        --only-categories=performance,accessibility,best-practices,seo --chrome-flags="--headless=new --no-sandbox" >/dev/null
    node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).categories;
        const s = k => Math.round(r[k].score * 100);
        console.log(process.argv[2].padEnd(28), ...["performance", "accessibility", "best-practices", "seo"].map(k => String(s(k)).padStart(5)));
    ' "$report" "$path"
done
