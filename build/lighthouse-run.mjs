// Runs Lighthouse on a list of pages in one node process (a CLI per page spent more time starting node than measuring), in
// the chromium listening on the given port. Used by build/lighthouse.py:
//   node build/lighthouse-run.mjs <lighthouse package folder> <port> <pages.json: [{url, cookie}]> <output folder>
// writes <output folder>/<index>.json, the report of each page.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [packageFolder, port, pagesFile, output] = process.argv.slice(2);
const { default: lighthouse } = await import(pathToFileURL(path.join(packageFolder, "core", "index.js")).href);
const pages = JSON.parse(fs.readFileSync(pagesFile, "utf8"));
for (const [index, page] of pages.entries()) {
    const flags = {
        port: Number(port), output: "json", logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices"],
        extraHeaders: page.cookie ? { Cookie: page.cookie } : undefined,
    };
    const result = await lighthouse(page.url, flags);
    fs.writeFileSync(path.join(output, `${index}.json`), result.report);
}
