// Runs Lighthouse on a list of pages in one node process (a CLI per page spent more time starting node than measuring), in
// the chromium listening on the given port. Used by build/lighthouse.py:
//   node build/lighthouse-run.mjs <lighthouse package folder> <port> <pages.json: [{url, cookie}]> <output folder>
// writes <output folder>/<index>.json, the report of each page.
// The session goes in the browser's cookie jar, emptied before each page: a Cookie header passed as an extra header is
// replaced by the jar's as soon as a page sets a cookie (the antiforgery one), and every page after the first was the
// sign-in page.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [packageFolder, port, pagesFile, output] = process.argv.slice(2);
const { default: lighthouse } = await import(pathToFileURL(path.join(packageFolder, "core", "index.js")).href);
const puppeteer = createRequire(path.join(packageFolder, "package.json"))("puppeteer-core");
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
const pages = JSON.parse(fs.readFileSync(pagesFile, "utf8"));
for (const [index, page] of pages.entries()) {
    const tab = await browser.newPage();
    const cdp = await tab.createCDPSession();
    await cdp.send("Network.clearBrowserCookies");
    for (const pair of (page.cookie ?? "").split("; ").filter(Boolean)) {
        const at = pair.indexOf("=");
        await cdp.send("Network.setCookie", { name: pair.slice(0, at), value: pair.slice(at + 1), url: page.url, httpOnly: true });
    }
    await tab.close();
    const flags = { port: Number(port), output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices"] };
    const result = await lighthouse(page.url, flags);
    fs.writeFileSync(path.join(output, `${index}.json`), result.report);
}
await browser.disconnect();
