using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Contracts;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Performance;
using InfluenceCrm.Tests.UgcRights;

namespace InfluenceCrm.Tests.Console;

/// <summary>
/// Every console page, with data in it, on a 375 × 667 phone: nothing wider than the screen, the header leaves most of the
/// first screen to the page, axe finds nothing serious. (With INFLUENCECRM_SCREENSHOTS set, each page is saved as
/// &lt;page&gt;-phone.png: the README's phone screenshots.)
/// </summary>
public sealed class ConsolePhoneTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task On_a_phone_every_page_with_data_fits_the_screen_and_the_header_leaves_room_for_the_page()
    {
        var setup = await PerformanceApiTests.CampaignAsync(console, creators: 1);
        var deliverable = setup.Deliverables[0].Id;
        var link = (string)(await (await console.Client(Roles.Integration).PostJson("/api/v1/links",
            new { campaignId = setup.CampaignId, deliverableId = deliverable, destination = "https://shop.example.com/serum" }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var contract = (string)(await (await console.Client(Roles.Legal).PostJson("/api/v1/contracts", new JsonObject
        {
            ["creatorId"] = setup.Creators[0],
            ["title"] = "Lancement sérum – Instagram, deux reels et trois stories avec un titre long",
            ["terms"] = ContractsApiTests.CompleteTerms(fee: 80_000),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var asset = (string)(await (await console.Client(Roles.Integration).PostJson("/api/v1/ugc/assets", new JsonObject
        {
            ["sourceUrl"] = "https://instagram.com/p/phone" + Guid.NewGuid().ToString("N")[..6],
            ["platform"] = "instagram",
            ["authorHandle"] = "@camille.d",
            ["mediaType"] = "image",
            ["capturedAt"] = DateTimeOffset.UtcNow.AddDays(-2),
            ["people"] = new JsonArray(),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var grant = (string)(await (await console.Client(Roles.Legal).PostJson("/api/v1/ugc/grants",
            new JsonObject { ["assetId"] = asset, ["terms"] = UgcRightsApiTests.Terms(), ["evidence"] = UgcRightsApiTests.Evidence() }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var webhook = (string)(await (await console.Client(Roles.Admin).PostJson("/api/v1/webhooks/endpoints",
            new { url = "https://hooks.example.com/influencecrm", eventTypes = new[] { "creator.created" } }))
            .Expect(HttpStatusCode.Created))["endpoint"]!["id"]!;

        var campaign = $"/campaigns/{setup.CampaignId}";
        string[] paths =
        [
            "/", "/creators", "/creators/new", "/creators/import", $"/creators/{setup.Creators[0]}",
            "/campaigns", "/campaigns/new", campaign, $"{campaign}/edit", $"{campaign}/deliverables/{deliverable}", $"{campaign}/report", $"{campaign}/links",
            $"{campaign}/conversions", $"/links/{link}", "/calendar",
            "/legal", "/legal/contracts", "/legal/contracts/new", $"/legal/contracts/{contract}", $"/legal/contracts/{contract}/edit", "/legal/grants",
            $"/legal/grants/{grant}", "/legal/assets/new", $"/legal/assets/{asset}", "/legal/rights-check", "/legal/disclosure-check", "/legal/audit",
            "/settings/members", "/settings/access", "/settings/branding", "/settings/webhooks", $"/settings/webhooks/{webhook}",
            $"/settings/webhooks/{webhook}/deliveries",
        ];
        var page = await console.SignedInAsync(Roles.Admin);
        await page.SetViewportSizeAsync(375, 667);
        var problems = new List<string>();
        foreach (var path in paths)
        {
            var answer = await page.GotoAsync(path);
            if (answer?.Status != 200)
            {
                problems.Add($"{path} answered {answer?.Status}");
                continue;
            }

            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 375)
            {
                var widest = await page.EvaluateAsync<string>("""
                    [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 376)
                        .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')).slice(0, 3).join(', ')
                    """);
                problems.Add($"{path} is {width} px wide on a 375 px screen ({widest})");
            }

            var header = await page.EvaluateAsync<double>("document.querySelector('header.sidebar').getBoundingClientRect().height");
            if (header > 667 / 3.0)
            {
                problems.Add($"{path}: the header is {header} px high on a 667 px screen");
            }

            try
            {
                await ConsoleFixture.AccessibleAsync(page);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                problems.Add(e.Message);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
