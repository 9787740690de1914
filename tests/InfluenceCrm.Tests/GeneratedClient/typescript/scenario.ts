// What an integration engineer writes with openapi-fetch over the types openapi-typescript generated from our document
// (schema.d.ts, written by TypeScriptClientTests): the README's minimal bodies, only the properties the API requires.
// `tsc --strict` must accept them; run with node (base URL and an admin key as arguments), each call must succeed.
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

declare const process: { argv: string[] }; // node's, without @types/node

const [baseUrl, key] = process.argv.slice(2);
const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });
const tag = Math.random().toString(36).slice(2, 10);

function check<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

const creator = check("register a creator", await api.POST("/api/v1/creators", {
  body: { displayName: `Chloé ${tag}`, socialAccounts: [{ platform: "instagram", handle: `chloe.${tag}`, followers: 85000 }] },
}));
const withAccount = check("add a social account", await api.POST("/api/v1/creators/{id}/social-accounts", {
  params: { path: { id: creator.id } },
  body: { platform: "tiktok", handle: `ana.${tag}`, followers: 1200 },
}));
const campaign = check("create a campaign", await api.POST("/api/v1/campaigns", {
  body: {
    name: `Vegan serum ${tag}`, brand: "Acme Beauty", markets: ["FR"],
    objectives: [{ type: "visibility", target: 2000000 }, { type: "engagement", target: 4 }],
  },
}));
const member = check("add to the roster", await api.POST("/api/v1/campaigns/{id}/roster", {
  params: { path: { id: campaign.id } },
  body: { creatorId: creator.id },
}));
const confirmed = check("confirm the roster member", await api.PATCH("/api/v1/campaigns/{id}/roster/{memberId}", {
  params: { path: { id: campaign.id, memberId: member.id }, header: { "If-Match": `"${member.version}"` } },
  body: { status: "confirmed", agreedFee: { amount: 150000, currency: "EUR" } },
}));
const link = check("create a link", await api.POST("/api/v1/links", {
  body: { campaignId: campaign.id, creatorId: confirmed.creatorId, destination: "https://shop.example.com/serum" },
}));

if (withAccount.socialAccounts.length !== 2 || campaign.objectives?.length !== 2 || !link.shortUrl.includes(link.code)) {
  throw new Error(`unexpected answers: ${JSON.stringify({ withAccount, campaign, link })}`);
}
console.log("done");
