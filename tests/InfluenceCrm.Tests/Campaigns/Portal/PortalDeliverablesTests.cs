using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using InfluenceCrm.Tests.Access.Portal;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Media.Storage;

namespace InfluenceCrm.Tests.Campaigns.Portal;

/// <summary>
/// The portal's deliverables: a creator sees each workspace that invited them and, in each, their own deliverables only; a
/// draft uploaded in the portal is the API's SubmitDeliverableDraft, for the creator's own deliverables and no one else's.
/// </summary>
public sealed class PortalDeliverablesTests(PortalApiFixture api) : IClassFixture<PortalApiFixture>
{
    private static string Address() => $"creator-{Guid.NewGuid():N}@example.com";

    /// <summary>An invited creator signed in to the portal by the <paramref name="nth"/> link mailed to the address.</summary>
    private async Task<HttpClient> SignedInAsync(string email, int nth = 1)
    {
        var (_, token) = await PortalMail.LinkAsync(api.Smtp, email, nth);
        var client = api.Anonymous();
        Assert.Equal("/portal/home", (await PortalMail.SignInAsync(client, token)).RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    private static async Task<HttpResponseMessage> PostDraftAsync(HttpClient portal, string formPage, string postTo, string caption,
        params (byte[] Bytes, string Name)[] files)
    {
        var page = await portal.GetStringAsync(formPage);
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        var form = new MultipartFormDataContent
        {
            { new StringContent("draft"), "_handler" },
            { new StringContent(PortalMail.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(version.Length > 0 ? version : "1"), "version" },
            { new StringContent(caption), "caption" },
        };
        foreach (var (bytes, name) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "files", name);
        }

        return await portal.PostAsync(postTo, form);
    }

    [Fact]
    public async Task A_creator_sees_every_workspace_that_invited_them_and_only_their_own_deliverables()
    {
        await api.Smtp.StartAsync();
        var email = Address();
        var mine = await PortalMail.CreatorAsync(api.Client(), "Camille Agence", email);
        var colleague = await PortalMail.CreatorAsync(api.Client(), "Autre Créateur", Address());
        var atOther = await PortalMail.CreatorAsync(api.OtherWorkspace(), "Camille Agence", email); // the same person, another brand
        var notInvited = await PortalMail.CreatorAsync(api.Client(), "Même adresse, pas invité", email);
        var (_, myDeliverable) = await PortalMail.PlannedDeliverableAsync(api.Client(), mine, "Mon reel");
        var (_, theirs) = await PortalMail.PlannedDeliverableAsync(api.Client(), colleague, "Leur reel");
        var (_, elsewhere) = await PortalMail.PlannedDeliverableAsync(api.OtherWorkspace(), atOther, "Reel ailleurs");
        await (await api.Client().PostAsync($"/api/v1/creators/{mine}/portal-invitations", null)).Expect(HttpStatusCode.OK);
        await (await api.OtherWorkspace().PostAsync($"/api/v1/creators/{atOther}/portal-invitations", null)).Expect(HttpStatusCode.OK);
        await (await api.Client().PostAsync($"/api/v1/creators/{colleague}/portal-invitations", null)).Expect(HttpStatusCode.OK);

        var portal = await SignedInAsync(email, nth: 2);
        var home = await portal.GetStringAsync("/portal/home");
        Assert.Contains($"href=\"/portal/c/{mine}\"", home, StringComparison.Ordinal);
        Assert.Contains($"href=\"/portal/c/{atOther}\"", home, StringComparison.Ordinal);
        Assert.Contains("Main brand", home, StringComparison.Ordinal);
        Assert.Contains("Other brand", home, StringComparison.Ordinal);
        Assert.DoesNotContain(notInvited, home, StringComparison.Ordinal);
        Assert.DoesNotContain(colleague, home, StringComparison.Ordinal);

        var list = await portal.GetStringAsync($"/portal/c/{mine}");
        Assert.Contains(myDeliverable, list, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, list, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere, list, StringComparison.Ordinal);
        Assert.Contains(elsewhere, await portal.GetStringAsync($"/portal/c/{atOther}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await portal.GetAsync($"/portal/c/{colleague}")).StatusCode); // invited, but not this address
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.GetAsync($"/portal/c/{notInvited}")).StatusCode); // this address, never invited
    }

    [Fact]
    public async Task A_draft_uploaded_in_the_portal_is_the_apis_draft_and_a_creator_cannot_submit_to_another_creators_deliverable()
    {
        await api.Smtp.StartAsync();
        var email = Address();
        var mine = await PortalMail.CreatorAsync(api.Client(), "Léo Garnier", email);
        var colleague = await PortalMail.CreatorAsync(api.Client(), "Zoé Lambert", Address());
        var (campaign, deliverable) = await PortalMail.PlannedDeliverableAsync(api.Client(), mine);
        var (theirCampaign, theirs) = await PortalMail.PlannedDeliverableAsync(api.Client(), colleague);
        await (await api.Client().PostAsync($"/api/v1/creators/{mine}/portal-invitations", null)).Expect(HttpStatusCode.OK);
        var portal = await SignedInAsync(email);

        var minePage = $"/portal/c/{mine}/campaigns/{campaign}/deliverables/{deliverable}";
        var detail = await portal.GetStringAsync(minePage);
        Assert.Contains("Show the serum in daylight.", detail, StringComparison.Ordinal);
        Assert.Contains("#AcmeSummer", detail, StringComparison.Ordinal);

        var image = MediaStorageTests<FileSystemMediaFixture>.Png();
        var video = MediaStorageTests<FileSystemMediaFixture>.Mp4(20_000);
        var sent = await PostDraftAsync(portal, minePage, minePage, "Draft from the portal #ad", (image, "photo.png"), (video, "clip.mp4"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.EndsWith("?done=submitted", sent.RequestMessage!.RequestUri!.PathAndQuery, StringComparison.Ordinal);

        var submitted = await (await api.Client().GetAsync($"/api/v1/campaigns/{campaign}/deliverables/{deliverable}")).Expect(HttpStatusCode.OK);
        Assert.Equal("draft_submitted", (string)submitted["status"]!);
        Assert.Equal("Draft from the portal #ad", (string)submitted["draft"]!["caption"]!);
        var files = submitted["draft"]!["files"]!.AsArray();
        Assert.Equal([Convert.ToHexStringLower(SHA256.HashData(image)), Convert.ToHexStringLower(SHA256.HashData(video))],
            files.Select(f => (string)f!["sha256"]!));
        var history = await (await api.Client().GetAsync($"/api/v1/campaigns/{campaign}/deliverables/{deliverable}/history")).Expect(HttpStatusCode.OK);
        Assert.Equal(mine, (string)history["items"]![0]!["actor"]!);
        Assert.Equal("creator", (string)history["items"]![0]!["actorRole"]!);

        // Another creator's deliverable, reached through my own path: not found, and untouched.
        var theirPage = $"/portal/c/{mine}/campaigns/{theirCampaign}/deliverables/{theirs}";
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync(theirPage)).StatusCode);
        var refused = await PostDraftAsync(portal, minePage, theirPage, "Not mine", (image, "photo.png"));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        // …and through their path: my session may not act as them.
        var asThem = $"/portal/c/{colleague}/campaigns/{theirCampaign}/deliverables/{theirs}";
        Assert.Equal(HttpStatusCode.Forbidden, (await PostDraftAsync(portal, minePage, asThem, "Not mine", (image, "photo.png"))).StatusCode);
        var untouched = await (await api.Client().GetAsync($"/api/v1/campaigns/{theirCampaign}/deliverables/{theirs}")).Expect(HttpStatusCode.OK);
        Assert.Equal("planned", (string)untouched["status"]!);
        Assert.Null(untouched["draft"]);
    }

    [Fact]
    public async Task The_portals_draft_shows_a_thumbnail_of_each_image_served_to_its_creator_alone()
    {
        await api.Smtp.StartAsync();
        var email = Address();
        var mine = await PortalMail.CreatorAsync(api.Client(), "Inès Morel", email);
        var colleague = await PortalMail.CreatorAsync(api.Client(), "Hugo Petit", Address());
        var (campaign, deliverable) = await PortalMail.PlannedDeliverableAsync(api.Client(), mine);
        await (await api.Client().PostAsync($"/api/v1/creators/{mine}/portal-invitations", null)).Expect(HttpStatusCode.OK);
        var portal = await SignedInAsync(email);
        var minePage = $"/portal/c/{mine}/campaigns/{campaign}/deliverables/{deliverable}";
        var image = MediaStorageTests<FileSystemMediaFixture>.Png(400, 200);
        Assert.Equal(HttpStatusCode.OK, (await PostDraftAsync(portal, minePage, minePage, "Draft with a photo #ad", (image, "photo.png"))).StatusCode);
        var file = (string)(await (await api.Client().GetAsync($"/api/v1/campaigns/{campaign}/deliverables/{deliverable}"))
            .Expect(HttpStatusCode.OK))["draft"]!["files"]![0]!["id"]!;

        var thumbnail = $"/portal/c/{mine}/media/{file}/thumbnail";
        var page = await portal.GetStringAsync(minePage);
        Assert.Contains($"<img src=\"{thumbnail}\"", page, StringComparison.Ordinal);
        Assert.Contains("width=\"320\" height=\"160\"", page, StringComparison.Ordinal);
        using var shown = await portal.GetAsync(thumbnail);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("image/webp", shown.Content.Headers.ContentType!.MediaType);
        var bytes = await shown.Content.ReadAsByteArrayAsync();
        Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));

        // The same checks as every door to a file: no session, another creator's path, a file of the workspace not theirs.
        using var anonymous = await api.Anonymous().GetAsync(thumbnail);
        Assert.NotEqual("image/webp", anonymous.Content.Headers.ContentType?.MediaType); // sent to the portal's sign-in instead
        Assert.Equal("/portal", anonymous.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.GetAsync($"/portal/c/{colleague}/media/{file}/thumbnail")).StatusCode);
        var brands = (string)(await (await MediaStorageTests<FileSystemMediaFixture>.UploadAsync(api.Client(), image, "image/png"))
            .Expect(HttpStatusCode.Created))["id"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/portal/c/{mine}/media/{brands}/thumbnail")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client().GetAsync($"/api/v1/media/{brands}/thumbnail")).StatusCode); // the brand's door is unchanged
    }
}
