using System.Net;
using Dapper;
using InfluenceCrm.Campaigns;
using InfluenceCrm.Campaigns.Features;
using InfluenceCrm.Platform.WebConsole;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Media.Storage;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Campaigns.Deliverables;

/// <summary>
/// A stored file is in one creator's drafts only: a draft naming a file already in another creator's draft, or uploaded by another
/// creator in the portal, is refused with the field named, and nothing changes (no status, no new owner for the file).
/// </summary>
public sealed class SubmitDeliverableDraftTests(FileSystemMediaFixture api) : IClassFixture<FileSystemMediaFixture>
{
    private async Task<string> UploadedAsync() =>
        (string)(await (await MediaStorageTests<FileSystemMediaFixture>.UploadAsync(api.Client(), MediaStorageTests<FileSystemMediaFixture>.Png(),
            "image/png")).Expect(HttpStatusCode.Created))["id"]!;

    private async Task<IEnumerable<string>> OwnersAsync(string media)
    {
        await using var c = await api.Db.OpenAsync(TestContext.Current.CancellationToken);
        return await c.QueryAsync<string>("SELECT creator_id FROM media_creator_links WHERE media_id = @media ORDER BY creator_id", new { media });
    }

    private async Task RefusedAsync(DeliverablePlans.Planned planned, string media)
    {
        var draft = new { caption = "Draft #ad", media = new[] { "https://cdn.example.com/ok.mp4", media } };
        var problem = await (await api.Client().Send(HttpMethod.Post, planned.Drafts, draft, ifMatch: planned.ETag)).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("another creator", (string)problem["errors"]!["media[1]"]![0]!, StringComparison.Ordinal);
        Assert.Equal("planned", (string)(await (await api.Client().GetAsync(planned.Url)).Expect(HttpStatusCode.OK))["status"]!);
    }

    [Fact]
    public async Task A_file_in_one_creators_draft_cannot_be_put_in_another_creators_draft()
    {
        var first = await DeliverablePlans.PlanAsync(api.Client());
        var second = await DeliverablePlans.PlanAsync(api.Client());
        var file = await UploadedAsync();
        await (await api.Client().Send(HttpMethod.Post, first.Drafts, new { caption = "Draft #ad", media = new[] { file } }, ifMatch: first.ETag))
            .Expect(HttpStatusCode.OK);

        await RefusedAsync(second, file);

        Assert.Equal([first.Creator], await OwnersAsync(file)); // the second creator's erasure can never delete the first's file
        var own = await UploadedAsync(); // a file the brand uploaded for the second creator is theirs to use
        await (await api.Client().Send(HttpMethod.Post, second.Drafts, new { caption = "Draft #ad", media = new[] { own } }, ifMatch: second.ETag))
            .Expect(HttpStatusCode.OK);
        Assert.Equal([second.Creator], await OwnersAsync(own));
    }

    [Fact]
    public async Task A_file_a_creator_uploaded_in_the_portal_is_theirs_alone()
    {
        var uploader = await DeliverablePlans.PlanAsync(api.Client());
        var other = await DeliverablePlans.PlanAsync(api.Client());
        var file = await UploadedAsync();
        await using (var c = await api.Db.OpenAsync(TestContext.Current.CancellationToken))
        {
            // What the portal records for a creator's upload: the creator's id as its uploader (StoreMediaFile under the portal's principal).
            await c.ExecuteAsync("UPDATE media_files SET created_by = @creator WHERE id = @file", new { creator = uploader.Creator, file });
        }

        await RefusedAsync(other, file);
        Assert.Empty(await OwnersAsync(file));

        await (await api.Client().Send(HttpMethod.Post, uploader.Drafts, new { caption = "Draft #ad", media = new[] { file } }, ifMatch: uploader.ETag))
            .Expect(HttpStatusCode.OK);
        Assert.Equal([uploader.Creator], await OwnersAsync(file));
    }

    /// <summary>The request the portal's page sends, behind the portal's principal for this creator (the page itself only sends what it uploaded).</summary>
    private async Task<DeliverableView> AsCreatorAsync(string creatorId, SubmitDeliverableDraft.Request request)
    {
        using var scope = api.Services.CreateScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = PortalAccess.CreatorPrincipal("creator@example.com", new PortalIdentity(api.MainWorkspaceId, "Acme", null, creatorId, "Creator", "fr")),
        };
        try
        {
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, TestContext.Current.CancellationToken);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    [Fact]
    public async Task From_the_portal_a_draft_takes_only_the_files_its_creator_uploaded()
    {
        var planned = await DeliverablePlans.PlanAsync(api.Client());
        var deliverable = planned.Url[(planned.Url.LastIndexOf('/') + 1)..];
        var brands = await UploadedAsync(); // stored with the brand's key, never linked to anyone
        var request = new SubmitDeliverableDraft.Request(planned.Campaign, deliverable, "Draft #ad", [brands], null, null);

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => AsCreatorAsync(planned.Creator, request));
        var failure = Assert.Single(refused.Errors);
        Assert.Equal("Media[0]", failure.PropertyName);
        Assert.Contains("not uploaded by you", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("planned", (string)(await (await api.Client().GetAsync(planned.Url)).Expect(HttpStatusCode.OK))["status"]!);
        Assert.Empty(await OwnersAsync(brands));

        await using (var c = await api.Db.OpenAsync(TestContext.Current.CancellationToken))
        {
            await c.ExecuteAsync("UPDATE media_files SET created_by = @creator WHERE id = @brands", new { creator = planned.Creator, brands });
        }

        Assert.Equal("draft_submitted", (await AsCreatorAsync(planned.Creator, request)).Status); // their own upload: taken
        Assert.Equal([planned.Creator], await OwnersAsync(brands));
    }
}
