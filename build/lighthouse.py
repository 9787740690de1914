#!/usr/bin/env python3
"""Seeds a fresh workspace through the API, signs in as its admin and as a creator (the mailed portal link), then runs
Lighthouse on every console route (the @page directives of src/*/Pages) and prints a table: perf, a11y, best practices,
and for a page under 95 the audits losing it points. Driven by build/lighthouse.sh, which publishes and starts the host.

    python3 build/lighthouse.py BASE_URL DATA_DIR ADMIN_EMAIL ADMIN_PASSWORD API_KEY LIGHTHOUSE [RUNS] [ONLY]
"""
import datetime
import email
import email.policy
import glob
import html
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

base, data, admin, password, key, lighthouse = sys.argv[1:7]
runs = int(sys.argv[7]) if len(sys.argv) > 7 else 2
only = re.compile(sys.argv[8]) if len(sys.argv) > 8 and sys.argv[8] else None
# LIGHTHOUSE_NICE=-10 (root only) runs chromium and Lighthouse ahead of the machine's other work, as the host (lighthouse.sh).
NICE = ["nice", "-n", os.environ["LIGHTHOUSE_NICE"]] if os.environ.get("LIGHTHOUSE_NICE") else []
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
today = datetime.date.today()


def day(offset):
    return (today + datetime.timedelta(days=offset)).isoformat()


def api(method, path, body=None, if_match=None, content_type="application/json"):
    headers = {"Authorization": "Bearer " + key, "Idempotency-Key": f"lh-{time.time_ns()}"}
    data_bytes = None
    if body is not None:
        data_bytes = json.dumps(body).encode()
        headers["Content-Type"] = content_type
    if if_match is not None:
        headers["If-Match"] = if_match
    request = urllib.request.Request(base + path, data=data_bytes, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            text = response.read().decode()
            return (json.loads(text) if text else None), response.headers.get("ETag")
    except urllib.error.HTTPError as e:
        sys.exit(f"lighthouse.py: {method} {path} answered {e.code}: {e.read().decode()[:600]}")


def seed():
    """One of everything a page shows: a creator with a portal, a live campaign, deliverables, contracts, UGC, links."""
    creator, _ = api("POST", "/api/v1/creators", {
        "displayName": "Léa Martin", "email": "lea@example.com", "country": "FR", "languages": ["fr", "en"],
        "tags": ["beauty", "skincare"], "birthDate": "1995-04-12", "lawfulBasis": "legitimate_interest", "notes": "Met at VivaTech",
        "socialAccounts": [{"platform": "instagram", "handle": "lea.martin", "url": "https://instagram.com/lea.martin",
                            "followers": 120000, "engagementRate": 3.4, "metricsAsOf": "2026-11-01T00:00:00Z"}]})
    cr = creator["id"]
    api("POST", "/api/v1/creators", {"displayName": "Chloé Bernard", "country": "FR", "languages": ["fr"],
                                     "socialAccounts": [{"platform": "tiktok", "handle": "chloe.b", "followers": 85000}]})
    campaign, etag = api("POST", "/api/v1/campaigns", {
        "name": "Vegan serum launch", "brand": "Acme Beauty",
        "objectives": [{"type": "visibility", "target": 2000000}, {"type": "engagement", "kpi": "engagement_rate", "target": 4}],
        "platforms": ["instagram", "tiktok"], "markets": ["FR"], "budget": {"amount": 5000000, "currency": "EUR"},
        "startsOn": day(-10), "endsOn": day(60), "attributionWindowDays": 30,
        "brief": {"text": "Show the texture.", "dos": ["Morning routine"], "donts": ["No medical claims"],
                  "mandatoryMentions": ["@acmebeauty"], "disclosureWording": "Publicité"}})
    cmp = campaign["id"]
    member, _ = api("POST", f"/api/v1/campaigns/{cmp}/roster", {"creatorId": cr, "agreedFee": {"amount": 150000, "currency": "EUR"}})
    api("PATCH", f"/api/v1/campaigns/{cmp}/roster/{member['id']}", {"status": "confirmed"}, if_match='"1"')
    _, etag = api("POST", f"/api/v1/campaigns/{cmp}/status", {"status": "planned"}, if_match=etag)
    api("POST", f"/api/v1/campaigns/{cmp}/status", {"status": "live"}, if_match=etag)
    deliverables = []
    for title, due in (("Serum reel", day(3)), ("Morning story", day(5))):
        dlv, _ = api("POST", f"/api/v1/campaigns/{cmp}/deliverables", {"rosterMemberId": member["id"], "platform": "instagram",
                                                                       "format": "reel", "market": "FR", "dueOn": due, "title": title})
        deliverables.append(dlv["id"])
    dlv = deliverables[0]
    d = f"/api/v1/campaigns/{cmp}/deliverables/{dlv}"
    _, etag = api("POST", d + "/drafts", {"caption": "Publicité – ma routine du matin avec @acmebeauty",
                                          "media": ["https://cdn.example.com/draft1.mp4"]}, if_match='"1"')
    _, etag = api("POST", d + "/reviews", {"verdict": "approved", "comment": "OK"}, if_match=etag)
    api("POST", d + "/publication", {"postUrl": "https://instagram.com/p/Cxyz", "publishedAt": day(-1) + "T09:00:00Z",
                                     "finalCaption": "Publicité – ma routine du matin", "onScreenText": "Publicité",
                                     "paidPartnershipLabel": True}, if_match=etag)
    api("POST", d + "/disclosure-check", {"retouchedBody": False, "aiGeneratedPerson": False, "productCategory": "other"})
    api("POST", f"/api/v1/campaigns/{cmp}/deliverables/{deliverables[1]}/drafts",
        {"caption": "Publicité – mon sérum préféré", "media": ["https://cdn.example.com/draft2.mp4"]}, if_match='"1"')

    terms = {
        "brand": {"legalName": "Acme Beauty SAS", "postalAddress": "1 rue de la Paix, 75002 Paris", "email": "legal@example.com",
                  "taxResidenceCountry": "FR"},
        "creator": {"legalName": "Léa Martin", "postalAddress": "2 rue de Rivoli, 75004 Paris", "email": "lea@example.com",
                    "taxResidenceCountry": "FR"},
        "missions": [{"description": "One Instagram reel presenting the serum", "deliverableId": dlv}],
        "remuneration": {"fee": {"amount": 80000, "currency": "EUR"}, "paymentTerms": "30 days"},
        "milestones": [{"label": "On signature", "amount": {"amount": 40000, "currency": "EUR"}, "dueOn": day(2)},
                       {"label": "On publication", "amount": {"amount": 40000, "currency": "EUR"}, "dueOn": day(40)}],
        "usageRights": [{"channels": ["organic_social", "paid_social"], "territories": ["FR"], "startsOn": day(-10),
                         "endsOn": day(300), "modificationAllowed": False, "attributionRequired": True}],
        "disclosure": {"wording": "Publicité", "placement": "first line and on the video"}, "governingLaw": "FR",
        "intellectualProperty": "The creator keeps authorship; the brand receives the usage rights listed, nothing more.",
        "productCategory": "other", "startsOn": day(-10), "endsOn": day(300)}
    contract, etag = api("POST", "/api/v1/contracts", {"creatorId": cr, "campaignId": cmp, "title": "Serum launch – Instagram", "terms": terms})
    ctr = contract["id"]
    _, etag = api("POST", f"/api/v1/contracts/{ctr}/status", {"status": "sent", "reason": "Ready for signature"}, if_match=etag)
    _, etag = api("POST", f"/api/v1/contracts/{ctr}/signature", {"documentUri": "https://docs.example.com/contracts/serum.pdf",
                                                                 "sha256": "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a",
                                                                 "signedAt": day(-5) + "T10:00:00Z"}, if_match=etag)
    signed, _ = api("GET", f"/api/v1/contracts/{ctr}")
    milestone = signed["milestones"][0]["id"]
    api("POST", f"/api/v1/contracts/{ctr}/milestones/{milestone}/payment", {"paidAt": day(-1) + "T10:00:00Z", "reference": "VIR-1"})
    draft, _ = api("POST", "/api/v1/contracts", {"creatorId": cr, "campaignId": cmp, "title": "Serum launch – TikTok", "terms": terms})

    asset, _ = api("POST", "/api/v1/ugc/assets", {
        "sourceUrl": "https://instagram.com/p/ugc1", "platform": "instagram", "authorHandle": "@camille.d", "mediaType": "image",
        "capturedAt": "2026-11-01T10:00:00Z", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "people": [{"description": "Man in the background", "isMinor": False, "parentalAuthorityHolders": 2}]})
    grant_terms = {"licensor": {"name": "Camille Dupont", "handle": "camille.d", "identityVerified": True},
                   "licensees": ["Acme Beauty SAS"], "rights": ["reproduction", "public_display"], "channels": ["organic_social", "website"],
                   "territories": ["FR", "BE"], "startsOn": day(-30), "endsOn": day(20), "exclusive": False, "attributionRequired": True,
                   "modificationAllowed": False, "fee": {"amount": 5000, "currency": "EUR"}, "purpose": "Product page and brand posts",
                   "governingLaw": "FR", "revocationTerms": "Revocable with 30 days' notice"}
    grant, _ = api("POST", "/api/v1/ugc/grants", {"assetId": asset["id"], "terms": grant_terms, "evidence": {
        "kind": "signed_document", "reference": "https://docs.example.com/release-42.pdf", "receivedAt": day(-30) + "T10:00:00Z"}})
    api("POST", f"/api/v1/ugc/assets/{asset['id']}/usages", {"channel": "website", "territory": "FR", "from": day(-5),
                                                            "until": day(10), "modified": False})
    api("POST", "/api/v1/ugc/rights-requests", {"assetId": asset["id"], "method": "comment", "approvalHashtag": "#YesAcme",
                                                "proposedTerms": grant_terms, "windowDays": 7, "language": "fr"})

    link, _ = api("POST", "/api/v1/links", {"campaignId": cmp, "deliverableId": dlv, "creatorId": cr, "platform": "instagram",
                                           "destination": "https://shop.example.com/serum?ref=lea", "code": "lea-serum"})
    api("POST", "/api/v1/promo-codes", {"code": "LEA10", "campaignId": cmp, "creatorId": cr, "deliverableId": dlv})
    for i in range(3):
        api("POST", "/api/v1/conversions", {"source": "shopify", "orderId": f"ORDER-{i}", "amount": {"amount": 5990 + i * 1000, "currency": "EUR"},
                                            "occurredAt": day(-i) + "T10:00:00Z", "promoCode": "LEA10"})
    api("POST", f"/api/v1/performance/campaigns/{cmp}/engagement-snapshots", [
        {"deliverableId": dlv, "capturedAt": day(-1) + "T10:00:00Z", "views": 4000, "reach": 2000, "impressions": 3000,
         "likes": 100, "comments": 10, "shares": 5, "saves": 5}])

    hook, _ = api("POST", "/api/v1/webhooks/endpoints", {"url": "https://hooks.example.com/influencecrm", "description": "e-shop",
                                                         "eventTypes": ["conversion.recorded", "creator.created"]})
    hook_id = hook["endpoint"]["id"]
    api("POST", f"/api/v1/webhooks/endpoints/{hook_id}/test")
    api("POST", "/api/v1/api-keys", {"role": "viewer", "name": "Reporting"})
    api("POST", "/api/v1/calendar-feeds", {"name": "Team calendar"})
    api("POST", "/api/v1/invitations", {"email": "new.person@example.com", "role": "viewer", "language": "en"})
    api("POST", f"/api/v1/creators/{cr}/portal-invitations", {})
    return {"cr": cr, "cmp": cmp, "dlv": dlv, "ctr": ctr, "draft": draft["id"], "asset": asset["id"], "grant": grant["id"],
            "link": link["id"], "hook": hook_id}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser():
    jar = http.cookiejar.CookieJar()
    return jar, urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def open_page(opener, path, form=None):
    body = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open(base + path, data=body) as response:
            return response.read().decode()
    except urllib.error.HTTPError as e:
        if e.code in (301, 302, 303):
            return ""
        raise


def token_of(page):
    match = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]*)"', page)
    return html.unescape(match.group(1))


def cookie_header(jar, name):
    return "; ".join(f"{c.name}={c.value}" for c in jar if c.name == name)


def sign_in():
    jar, opener = browser()
    page = open_page(opener, "/sign-in")
    open_page(opener, "/sign-in", {"_handler": "sign-in", "__RequestVerificationToken": token_of(page),
                                   "Input.Email": admin, "Input.Password": password})
    cookie = cookie_header(jar, "influencecrm")
    if not cookie:
        sys.exit(f"lighthouse.py: signing in as {admin} failed")
    return cookie


def mailed_link(pattern, after=0.0):
    """The newest link of the outbox's .eml files (data/outbox, the embedded default) matching the pattern."""
    for _ in range(120):
        for path in sorted(glob.glob(os.path.join(data, "outbox", "*.eml")), key=os.path.getmtime, reverse=True):
            if os.path.getmtime(path) < after:
                continue
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            text = "".join(part.get_content() for part in message.walk() if part.get_content_type() == "text/plain")
            match = re.search(pattern, text)
            if match:
                return urllib.parse.urlparse(match.group(0))
        time.sleep(0.5)
    sys.exit(f"lighthouse.py: no mail with {pattern} in {data}/outbox")


def portal_sign_in():
    link = mailed_link(r"https?://\S+/portal/sign-in\?token=\S+")
    jar, opener = browser()
    page = open_page(opener, f"{link.path}?{link.query}")
    token = urllib.parse.parse_qs(link.query)["token"][0]
    open_page(opener, "/portal/session", {"__RequestVerificationToken": token_of(page), "token": token})
    cookie = cookie_header(jar, "influencecrm-portal")
    if not cookie:
        sys.exit("lighthouse.py: the portal link did not sign in")
    return cookie


def reset_link():
    jar, opener = browser()
    page = open_page(opener, "/forgot-password")
    started = time.time() - 1
    open_page(opener, "/forgot-password", {"_handler": "forgot", "__RequestVerificationToken": token_of(page), "Form.Email": admin})
    return mailed_link(r"https?://\S+/reset-password/[^\s\"<>]+", started).path


def routes():
    """Every @page directive of the console (src/*/Pages and the console's shell)."""
    found = set()
    for path in glob.glob(os.path.join(root, "src", "**", "*.razor"), recursive=True):
        with open(path, encoding="utf-8") as f:
            found.update(re.findall(r'^@page "([^"]+)"', f.read(), re.MULTILINE))
    return sorted(found)


def measure_all(pages, port):
    """Lighthouse on every page in one node process (build/lighthouse-run.mjs); yields each page's report."""
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "pages.json"), "w") as f:
            json.dump([{"url": base + path, "cookie": cookie} for _, path, cookie in pages], f)
        package = os.path.dirname(os.path.dirname(os.path.realpath(lighthouse)))  # node_modules/lighthouse
        runner = subprocess.Popen([*NICE, "node", os.path.join(root, "build", "lighthouse-run.mjs"), package, str(port),
                                   os.path.join(folder, "pages.json"), folder])
        for index in range(len(pages)):
            report = os.path.join(folder, f"{index}.json")
            while not os.path.exists(report):
                if runner.poll() not in (None, 0):
                    sys.exit("lighthouse.py: lighthouse-run.mjs failed")
                time.sleep(0.5)
            time.sleep(0.5)  # written in one call; let it finish
            if os.environ.get("LIGHTHOUSE_REPORTS"):  # keep each report (the last run's), named by its route
                os.makedirs(os.environ["LIGHTHOUSE_REPORTS"], exist_ok=True)
                shutil.copy(report, os.path.join(os.environ["LIGHTHOUSE_REPORTS"], re.sub(r"[^\w-]+", "_", pages[index][0]).strip("_") + ".json"))
            with open(report) as f:
                yield read(json.load(f))
        runner.wait()


def read(result):
    requested, final = (urllib.parse.urlparse(result[k]).path for k in ("requestedUrl", "finalDisplayedUrl"))
    if requested != final:  # a page measured must be the page asked for, not the sign-in page it sent us to
        sys.exit(f"lighthouse.py: {requested} ended on {final}")
    categories = result["categories"]
    audits = result["audits"]
    scores = {k: round(categories[k]["score"] * 100) for k in ("performance", "accessibility", "best-practices")}
    losing = []
    for ref in categories["performance"]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
            losing.append((ref["weight"] * (1 - audit["score"]), f"{ref['id']} {audit.get('displayValue', '')} (-{ref['weight'] * (1 - audit['score']):.0f})"))
    for audit in audits.values():
        savings = (audit.get("metricSavings") or {})
        if audit.get("score") is not None and audit["score"] < 1 and any(savings.values()):
            losing.append((0, f"{audit['id']} {audit.get('displayValue', '')}".strip()))
    failed = [a["id"] for ref in categories["accessibility"]["auditRefs"] + categories["best-practices"]["auditRefs"]
              if (a := audits.get(ref["id"], {})).get("score") == 0 and ref.get("weight")]
    losing.sort(key=lambda item: -item[0])
    return scores, [text for _, text in losing], failed, result["lighthouseVersion"]


def main():
    ids = seed()
    console_cookie = sign_in()
    portal_cookie = portal_sign_in()
    invitation = mailed_link(r"https?://\S+/invitations/[^\s\"<>]+").path
    reset = reset_link()
    values = {"Id": None, "CampaignId": ids["cmp"], "DeliverableId": ids["dlv"], "CreatorId": ids["cr"]}
    ids_by_prefix = {"/campaigns/{Id}": ids["cmp"], "/creators/{Id}": ids["cr"], "/legal/assets/{Id}": ids["asset"],
                     "/legal/contracts/{Id}": ids["ctr"], "/legal/grants/{Id}": ids["grant"], "/links/{Id}": ids["link"],
                     "/settings/webhooks/{Id}": ids["hook"], "/portal/c/{CreatorId}/contracts/{Id}": ids["ctr"]}
    pages, everything = [], []
    for route in routes():
        path = route
        if route == "/invitations/{Token}":
            path = invitation
        elif route == "/reset-password/{Token}":
            path = reset
        elif route == "/legal/contracts/{Id}/edit":
            path = f"/legal/contracts/{ids['draft']}/edit"
        else:
            for prefix, value in ids_by_prefix.items():
                if route.startswith(prefix):
                    path = path.replace("{Id}", value)
            for name, value in values.items():
                if value:
                    path = path.replace("{" + name + "}", value)
        if "{" in path:
            sys.exit(f"lighthouse.py: no value for {route}")
        anonymous = route in ("/sign-in", "/forgot-password", "/portal", "/portal/sign-in") or "{Token}" in route
        cookie = None if anonymous else portal_cookie if route.startswith("/portal") else console_cookie
        if route == "/portal/sign-in":
            path = "/portal/sign-in?token=expired"
        everything.append((route, path, cookie))
        if only is None or only.search(route):
            pages.append((route, path, cookie))

    if os.environ.get("LIGHTHOUSE_THEN"):  # another tool visits the seeded pages first: LIGHTHOUSE_THEN="cmd" gets BASE and PAGES
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump([{"route": r, "path": p, "cookie": c} for r, p, c in everything], f)
        subprocess.run(os.environ["LIGHTHOUSE_THEN"], shell=True, env={**os.environ, "BASE": base, "PAGES": f.name})
        os.unlink(f.name)
    if not pages:
        sys.exit(f"lighthouse.py: no route matches {only.pattern}")
    chrome = os.environ["CHROME_PATH"]
    profile = tempfile.mkdtemp(prefix="lighthouse-chrome-")
    port = 9222 + os.getpid() % 500
    process = subprocess.Popen([*NICE, chrome, "--headless=new", "--no-sandbox", f"--remote-debugging-port={port}", f"--user-data-dir={profile}",
                                "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)
        for _, path, cookie in pages:  # a server in production is warm: each page once before measuring
            request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
            try:
                with urllib.request.urlopen(request) as response:
                    response.read()
            except urllib.error.HTTPError as e:
                print(f"lighthouse.py: {path} answered {e.code}", file=sys.stderr)
        rows = {}
        for run in range(runs):
            load = os.getloadavg()[0]
            print(f"run {run + 1} of {runs} (load average {load:.1f})", file=sys.stderr, flush=True)
            for (route, path, cookie), (scores, losing, failed, version) in zip(pages, measure_all(pages, port)):
                row = rows.setdefault(route, {"perf": [], "a11y": [], "best": [], "losing": [], "failed": [], "loads": []})
                row["perf"].append(scores["performance"])
                row["a11y"].append(scores["accessibility"])
                row["best"].append(scores["best-practices"])
                row["losing"], row["failed"] = losing, failed
                row["loads"].append(os.getloadavg()[0])
                print(f"  {route:60} {scores['performance']:4} {scores['accessibility']:4} {scores['best-practices']:4}", file=sys.stderr, flush=True)
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"\nLighthouse {version}, {runs} run(s), load average {min(min(r['loads']) for r in rows.values()):.1f}"
          f"–{max(max(r['loads']) for r in rows.values()):.1f} (uptime: {open('/proc/loadavg').read().split()[0]} now)\n")
    print("| Page | perf (last; range) | a11y | best | Losing points (perf < 95) |")
    print("|---|---|---|---|---|")
    for route, row in rows.items():
        perf = f"{row['perf'][-1]} ({min(row['perf'])}–{max(row['perf'])})" if runs > 1 else str(row["perf"][-1])
        notes = "; ".join(row["losing"][:4]) if row["perf"][-1] < 95 else ""
        if row["failed"]:
            notes = (notes + "; " if notes else "") + "failed: " + ", ".join(row["failed"])
        print(f"| `{route}` | {perf} | {row['a11y'][-1]} | {row['best'][-1]} | {notes} |")


main()
