namespace InfluenceCrm.Tests.Platform.Http;

/// <summary>A valid body for each operation that takes one, the starting point of the fuzz test's mutations.
/// Placeholders in braces are filled with ids the fuzz test has created: {creatorId}, {campaignId}, {deliverableId},
/// {assetId}, {personId}, {grantId}, {requestId}, {contractId}, {linkId}, {accountId}, {memberId}, {milestoneId}, {unique}.</summary>
/// <remarks>
/// Each body passes its operation's validation. Past instants are in 2025 (the APIs refuse future publication, signature,
/// payment, reply and capture times); dates meant to lie ahead are in 2027-2030. Many operations move a resource along a
/// lifecycle (stage, status, review, signature, decision), so whether they answer 2xx also depends on the state the
/// resource is in when called; the bodies are those the freshly created resources of <see cref="CreationOrder"/> accept.
/// </remarks>
internal static class FuzzSeeds
{
    public static readonly IReadOnlyDictionary<string, string> Bodies = new Dictionary<string, string>
    {
        // Creators
        ["POST /api/v1/creators"] = """{"displayName":"Fuzz {unique}","email":"fuzz{unique}@example.com","country":"FR","languages":["fr","en"],"tags":""" +
            """["beauty","skincare"],"doNotContact":false,"isMinor":false,"birthDate":"1995-04-12","lawfulBasis":"legitimate_interest","notes":"Met at """ +
            """VivaTech","socialAccounts":[{"platform":"instagram","handle":"fuzz{unique}","url":"https://instagram.com/fuzz{unique}","followers":12000""" +
            ""","engagementRate":3.5,"metricsAsOf":"2025-11-01T00:00:00Z"}]}""",
        ["POST /api/v1/creators/import"] = "displayName,email,country,languages,tags,platform,handle,followers,engagementRate\nFuzz " +
            "{unique},fuzzcsv{unique}@example.com,FR,fr;en,beauty;skincare,instagram,fuzzcsv{unique},15000,2.5\n",
        ["PATCH /api/v1/creators/{id}"] = """{"notes":"Met again at VivaTech","country":"FR","tags":["food","travel"]}""",
        ["POST /api/v1/creators/{id}/stage"] = """{"stage":"contacted"}""",
        ["POST /api/v1/creators/{id}/social-accounts"] = """{"platform":"tiktok","handle":"fuzztt{unique}","url":"https://www.tiktok.com/""" +
            """@fuzztt{unique}","followers":36000,"engagementRate":5.2,"metricsAsOf":"2025-11-01T00:00:00Z"}""",
        ["PUT /api/v1/creators/{id}/social-accounts/{accountId}"] = """{"handle":"fuzzig{unique}","url":"https://instagram.com/""" +
            """fuzzig{unique}","followers":13000,"engagementRate":3.2,"metricsAsOf":"2025-11-15T00:00:00Z"}""",
        ["PUT /api/v1/creators/{id}/invoicing-details"] = """{"legalName":"Léa Martin EI","postalAddress":"2 rue de Rivoli, 75004 """ +
            """Paris","vatNumber":"FR44732829320","siret":"73282932000074","iban":"FR14 2004 1010 0505 0001 3M02 606"}""",
        ["POST /api/v1/creators/{id}/erasure-requests"] = """{"message":"Please erase my data"}""",
        ["POST /api/v1/creators/{id}/erasure"] = """{"reason":"The creator asked to be forgotten"}""",

        // Campaigns, rosters, deliverables, disclosure
        ["POST /api/v1/campaigns"] = """{"name":"Fuzz campaign {unique}","brand":"Acme Beauty","objectives":[{"type":"visibility","target":2000000}""" +
            """,{"type":"engagement","kpi":"engagement_rate","target":4}],"platforms":["instagram","tiktok"],"markets":["FR","DE"],"budget":{"amount":""" +
            """5000000,"currency":"EUR"},"startsOn":"2026-01-01","endsOn":"2027-12-31","brief":{"text":"Launch of the vegan serum.","dos":""" +
            """["Show the texture"],"donts":["No medical claims"],"mandatoryMentions":["@acmebeauty"],"disclosureWording":"Publicité"}""" +
            ""","attributionWindowDays":30}""",
        ["PATCH /api/v1/campaigns/{id}"] = """{"brief":{"text":"New brief"},"budget":{"amount":6000000,"currency":"EUR"},"attributionWindowDays":14}""",
        ["POST /api/v1/campaigns/{id}/status"] = """{"status":"planned"}""",
        ["POST /api/v1/campaigns/{id}/roster"] = """{"creatorId":"{creatorId}","agreedFee":{"amount":150000,"currency":"EUR"}""" +
            ""","notes":"Two reels, FR market"}""",
        ["PATCH /api/v1/campaigns/{id}/roster/{memberId}"] = """{"status":"confirmed","agreedFee":{"amount":150000,"currency":"EUR"}""" +
            ""","notes":"Fee agreed by e-mail"}""",
        ["POST /api/v1/campaigns/{id}/deliverables"] = """{"rosterMemberId":"{memberId}","platform":"instagram","format":"reel","market":"FR","dueOn":"202""" +
            """7-01-15","title":"Serum reel"}""",
        ["POST /api/v1/campaigns/{id}/deliverables/{deliverableId}/drafts"] = """{"caption":"Publicité – mon sérum préféré #ad","media":""" +
            """["https://cdn.example.com/fuzz/v1.mp4"],"comment":"First draft"}""",
        ["POST /api/v1/campaigns/{id}/deliverables/{deliverableId}/reviews"] = """{"verdict":"approved","comment":"OK for FR"}""",
        ["POST /api/v1/campaigns/{id}/deliverables/{deliverableId}/publication"] = """{"postUrl":"https://instagram.com/p/""" +
            """fuzz{unique}","publishedAt":"2025-11-15T10:00:00Z","finalCaption":"Publicité – mon sérum """ +
            """préféré","onScreenText":"Publicité","spokenText":"","paidPartnershipLabel":true}""",
        ["PUT /api/v1/campaigns/{id}/deliverables/{deliverableId}"] = """{"title":"Serum reel""" +
            """, take two","dueOn":"2027-01-20","format":"reel","storyFrames":null}""",
        ["POST /api/v1/campaigns/{id}/deliverables/{deliverableId}/cancellation"] = """{"reason":"The creator fell ill"}""",
        ["POST /api/v1/campaigns/{id}/deliverables/{deliverableId}/verification"] = """{"comment":"Live post checked"}""",
        ["POST /api/v1/campaigns/{id}/deliverables/{deliverableId}/disclosure-check"] = """{"retouchedBody":false,"aiGeneratedPerson":false""" +
            ""","productCategory":"other","storyFrames":[{"text":"Publicité"}]}""",
        ["POST /api/v1/compliance/disclosure-checks"] = """{"market":"FR","platform":"instagram","format":"reel","caption":"Publicité – ma routine du """ +
            """matin","onScreenText":"Publicité","spokenText":"","storyFrames":[],"paidPartnershipLabel":true,"compensation":"paid","retouchedBody":false""" +
            ""","aiGeneratedPerson":false,"productCategory":"other"}""",

        // Contracts
        ["POST /api/v1/contracts"] = """{"creatorId":"{creatorId}","campaignId":"{campaignId}","title":"Serum launch – Instagram {unique}","terms":""" +
            """{"brand":{"legalName":"Acme Beauty SAS","postalAddress":"1 rue de la Paix, 75002 """ +
            """Paris","email":"legal@example.com","taxResidenceCountry":"FR"},"creator":""" +
            """{"legalName":"Léa Martin","postalAddress":"2 rue de Rivoli, 75004 Paris","email":"lea@example.com","taxResidenceCountry":"FR"},"missions":""" +
            """[{"description":"One Instagram reel presenting the serum","deliverableId":"{deliverableId}"}],"remuneration":{"fee":{"amount":80000""" +
            ""","currency":"EUR"},"paymentTerms":"30 days"},"milestones":[{"label":"On signature","amount":{"amount":40000,"currency":"EUR"}""" +
            ""","dueOn":"2027-01-01"},{"label":"On publication","amount":{"amount":40000,"currency":"EUR"},"dueOn":"2027-03-01"}],"exclusivity":""" +
            """{"category":"skincare","competitors":["Other Beauty"],"startsOn":"2027-01-01","endsOn":"2027-03-31"},"usageRights":[{"channels":""" +
            """["organic_social","paid_social"],"territories":["FR"],"startsOn":"2027-01-01","endsOn":"2027-12-31","modificationAllowed":false""" +
            ""","attributionRequired":true}],"disclosure":{"wording":"Publicité","placement":"first line and on the video"}""" +
            ""","governingLaw":"FR","intellectualProperty":"The creator keeps authorship; the brand receives the usage rights listed, nothing """ +
            """more.","productCategory":"other","startsOn":"2027-01-01","endsOn":"2027-12-31"}}""",
        ["PATCH /api/v1/contracts/{id}"] = """{"title":"Serum launch – Instagram (edited)","terms":{"remuneration":{"paymentTerms":"45 days"}""" +
            ""","intellectualProperty":"The creator keeps authorship; the brand receives the usage rights listed and no other."}}""",
        ["POST /api/v1/contracts/{id}/status"] = """{"status":"sent","reason":"Ready for signature"}""",
        ["POST /api/v1/contracts/{id}/signature"] = """{"documentUri":"https://docs.example.com/contracts/fuzz.""" +
            """pdf","sha256":"3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a","signedAt":"2025-11-15T10:00:00Z"}""",
        ["POST /api/v1/contracts/{id}/amendments"] = """{"reason":"Second reel added","terms":{"missions":[{"description":"One reel"}""" +
            """,{"description":"A second reel"}]},"documentUri":"https://docs.example.com/contracts/fuzz-amendment-1.""" +
            """pdf","sha256":"4f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a"}""",
        ["POST /api/v1/contracts/{id}/milestones/{milestoneId}/payment"] = """{"paidAt":"2025-11-15T10:00:00Z","reference":"VIR-{unique}"}""",

        // UGC rights
        ["POST /api/v1/ugc/assets"] = """{"sourceUrl":"https://instagram.com/p/fuzz{unique}","platform":"instagram","authorHandle":"@camille.""" +
            """d","creatorId":"{creatorId}","deliverableId":"{deliverableId}","mediaType":"image","capturedAt":"2025-11-01T10:00:""" +
            """00Z","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","people":""" +
            """[{"description":"Man in the background","isMinor":false,"parentalAuthorityHolders":2}]}""",
        ["POST /api/v1/ugc/assets/{id}/people/{personId}/consents"] = """{"kind":"release","evidence":"Release signed on """ +
            """site","obtainedAt":"2025-11-01T12:00:00Z"}""",
        ["POST /api/v1/ugc/assets/{id}/usages"] = """{"channel":"website","territory":"FR","from":"2027-01-01","until":"2027-06-30","modified":false}""",
        ["POST /api/v1/ugc/rights-requests"] = """{"assetId":"{assetId}","method":"comment","approvalHashtag":"#YesAcme","proposedTerms":{"licensor":""" +
            """{"name":"Camille Dupont","handle":"camille.d","identityVerified":true},"licensees":["Acme Beauty SAS"],"rights":""" +
            """["reproduction","public_display","adaptation"],"channels":["organic_social","website"],"territories":["FR","BE"]""" +
            ""","startsOn":"2026-01-01","endsOn":"2030-12-31","exclusive":false,"attributionRequired":true,"modificationAllowed":false,"fee":{"amount":0""" +
            ""","currency":"EUR"},"purpose":"Product page and brand posts","governingLaw":"FR","revocationTerms":"Revocable with 30 days' notice"}""" +
            ""","windowDays":7,"language":"fr"}""",
        ["POST /api/v1/ugc/rights-requests/{id}/replies"] = """{"authorHandle":"@camille.d","text":"Avec plaisir ! #YesAcme","receivedAt":"2025-11-15T10:""" +
            """00:00Z","permalink":"https://instagram.com/p/fuzz/c/1"}""",
        ["POST /api/v1/ugc/rights-requests/{id}/decision"] = """{"outcome":"denied","evidence":""" +
            """{"kind":"comment_reply","reference":"https://instagram.com/p/fuzz/c/2","receivedAt":"2025-11-15T10:00:00Z"}}""",
        ["POST /api/v1/ugc/grants"] = """{"assetId":"{assetId}","terms":{"licensor":{"name":"Camille Dupont","handle":"camille.d","identityVerified":true}""" +
            ""","licensees":["Acme Beauty SAS"],"rights":["reproduction","public_display","adaptation"],"channels":["organic_social","website"]""" +
            ""","territories":["FR","BE"],"startsOn":"2026-01-01","endsOn":"2030-12-31","exclusive":false,"attributionRequired":true""" +
            ""","modificationAllowed":false,"fee":{"amount":5000,"currency":"EUR"},"purpose":"Product page and brand """ +
            """posts","governingLaw":"FR","revocationTerms":"Revocable with 30 days' notice"},"evidence":""" +
            """{"kind":"signed_document","reference":"https://docs.example.com/release-42.pdf","receivedAt":"2025-11-01T10:00:""" +
            """00Z","consentTextVersion":"release-v1","textSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}}""",
        ["POST /api/v1/ugc/grants/{id}/supersession"] = """{"terms":{"licensor":{"name":"Camille Dupont","handle":"camille.d","identityVerified":true}""" +
            ""","licensees":["Acme Beauty SAS"],"rights":["reproduction","public_display"],"channels":["website"],"territories":["FR"]""" +
            ""","startsOn":"2026-01-01","endsOn":"2029-12-31","exclusive":false,"attributionRequired":true,"modificationAllowed":false""" +
            ""","purpose":"Product page only","governingLaw":"FR"},"evidence":{"kind":"signed_document","reference":"https://docs.example.com/release-43.""" +
            """pdf","receivedAt":"2025-11-10T10:00:00Z"}}""",
        ["POST /api/v1/ugc/grants/{id}/revocation"] = """{"effectiveOn":"2030-06-01","reason":"The author asked to stop"}""",
        ["POST /api/v1/ugc/rights-checks"] = """{"assetId":"{assetId}","channel":"website","territory":"FR","date":"2027-06-01","modification":false}""",
        ["POST /api/v1/ugc/rights-checks/batch"] = """{"checks":[{"assetId":"{assetId}","channel":"website","territory":"FR","date":"2027-06-""" +
            """01","modification":false},{"assetId":"{assetId}","channel":"paid_social","territory":"BE"}]}""",

        // Performance
        ["POST /api/v1/links"] = """{"campaignId":"{campaignId}","deliverableId":"{deliverableId}","creatorId":"{creatorId}","platform":"instagram","desti""" +
            """nation":"https://shop.example.com/serum?ref=fuzz","code":"fz{unique}","expiresAt":"2030-01-01T00:00:00Z"}""",
        ["PATCH /api/v1/links/{id}"] = """{"status":"active","destination":"https://shop.example.com/serum-v2?ref=fuzz","expiresAt":"2030-06-01T00:00:00Z"}""",
        ["POST /api/v1/promo-codes"] = """{"code":"FUZZ{unique}","campaignId":"{campaignId}","creatorId":"{creatorId}","deliverableId":"{deliverableId}"}""",
        ["POST /api/v1/conversions"] = """{"source":"shopify","orderId":"FUZZ-{unique}","amount":{"amount":5990,"currency":"EUR"}""" +
            ""","occurredAt":"2025-11-15T10:00:00Z","promoCode":"FUZZ{unique}","clickId":"ck_01JFUZZ0000000000000000000"}""",
        ["POST /api/v1/performance/campaigns/{id}/engagement-snapshots"] = """[{"deliverableId":"{deliverableId}","capturedAt":"2025-11-15T10:00:""" +
            """00Z","views":4000,"reach":2000,"impressions":3000,"likes":100,"comments":10,"shares":5,"saves":5}]""",
        ["POST /api/v1/performance/campaigns/{id}/engagement-snapshots/import"] =
            "deliverableId,capturedAt,views,reach,impressions,likes,comments,shares,saves\n" +
            "{deliverableId},2025-11-16T10:00:00Z,5000,2500,3500,120,12,6,7\n",

        // Access
        ["POST /api/v1/api-keys"] = """{"role":"viewer","name":"Fuzz key {unique}"}""",
    };

    /// <summary>Content type for operations that do not take JSON (CSV imports, merge patch); every PATCH is listed so the
    /// choice is explicit. Operations not listed take application/json.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        ["POST /api/v1/creators/import"] = "text/csv",
        ["POST /api/v1/performance/campaigns/{id}/engagement-snapshots/import"] = "text/csv",
        ["PATCH /api/v1/creators/{id}"] = "application/merge-patch+json",
        ["PATCH /api/v1/campaigns/{id}"] = "application/merge-patch+json",
        ["PATCH /api/v1/contracts/{id}"] = "application/merge-patch+json",
        ["PATCH /api/v1/campaigns/{id}/roster/{memberId}"] = "application/json",
        ["PATCH /api/v1/links/{id}"] = "application/json",
    };

    /// <summary>
    /// The creating operations, in order, that yield each placeholder id, with the JSON path of the id in the 201 answer.
    /// Consecutive entries that name the same operation read one answer: the operation is called once (the creator and
    /// its first account, the asset and the person it shows, the contract and its first milestone). In the routes,
    /// {id} is the campaign for /campaigns/… operations.
    /// </summary>
    public static readonly IReadOnlyList<(string Placeholder, string Operation, string IdPath)> CreationOrder =
    [
        ("{creatorId}", "POST /api/v1/creators", "id"),
        ("{accountId}", "POST /api/v1/creators", "socialAccounts[0].id"),
        ("{campaignId}", "POST /api/v1/campaigns", "id"),
        ("{memberId}", "POST /api/v1/campaigns/{id}/roster", "id"),
        ("{deliverableId}", "POST /api/v1/campaigns/{id}/deliverables", "id"),
        ("{assetId}", "POST /api/v1/ugc/assets", "id"),
        ("{personId}", "POST /api/v1/ugc/assets", "people[0].id"),
        ("{grantId}", "POST /api/v1/ugc/grants", "id"),
        ("{requestId}", "POST /api/v1/ugc/rights-requests", "request.id"),
        ("{contractId}", "POST /api/v1/contracts", "id"),
        ("{milestoneId}", "POST /api/v1/contracts", "milestones[0].id"),
        ("{linkId}", "POST /api/v1/links", "id"),
    ];
}
