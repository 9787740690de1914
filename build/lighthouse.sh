#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, v13) on the console's pages of a running host, in Debian's chromium: prints the four
# scores (performance, accessibility, best practices, SEO) per page. Targets: accessibility 100, best practices 100,
# performance >= 95.
#   bash build/lighthouse.sh [base-url] [e-mail]          (the password on standard input, or in INFLUENCECRM_PASSWORD)
# base-url defaults to http://localhost:5080. With an e-mail, the script signs in as that person (the sign-in form, its
# antiforgery token and cookie, as a browser does) and measures Today, a creator, a campaign board, a contract, the rights
# check and a campaign report (the first of each the lists show), passing the session cookie to Lighthouse with
# --extra-headers; without one, only the sign-in page is measured.
set -euo pipefail
base=${1:-http://localhost:5080}
email=${2:-}
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
cookie=
if [ -n "$email" ]; then
    password=${INFLUENCECRM_PASSWORD:-$(head -n 1)}
    jar=$(mktemp)
    trap 'rm -f "$report" "$jar"' EXIT
    form=$(curl -fsS -c "$jar" -b "$jar" "$base/sign-in")
    token=$(grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' <<<"$form" | head -n 1 | sed 's/.*value="//; s/"$//')
    curl -fsS -o /dev/null -c "$jar" -b "$jar" "$base/sign-in" --data-urlencode "_handler=sign-in" --data-urlencode "__RequestVerificationToken=$token" \
        --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password"
    cookie=$(awk '$6 == "influencecrm" { print $7 }' "$jar")
    if [ -z "$cookie" ]; then
        echo "lighthouse.sh: signing in as $email failed (no influencecrm cookie)" >&2
        exit 1
    fi
    first() { curl -fsS -b "influencecrm=$cookie" "$base$1" | grep -o "href=\"$2[^\"/?]*\"" | head -n 1 | sed 's/^href="//; s/"$//' || true; }
    creator=$(first /creators /creators/cr_)
    campaign=$(first /campaigns /campaigns/cmp_)
    contract=$(first /legal/contracts /legal/contracts/ctr_)
    pages=(/ "$creator" "$campaign" "$contract" /legal/rights-check "$campaign/report")
fi

printf '%-28s %5s %5s %5s %5s\n' page perf a11y best seo
for path in "${pages[@]}"; do
    if [ -z "$path" ] || [ "$path" = /report ]; then
        echo "lighthouse.sh: a page to measure is missing (no creator, campaign or contract listed yet)" >&2
        continue
    fi
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
