using System.Net;
using Amazon.S3;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Media.Storage;

public abstract partial class MediaStorageTests<TFixture>
{
    /// <summary>A creator with a planned deliverable: (creator id, the deliverable's drafts URL, its URL, its ETag).</summary>
    private async Task<(string Creator, string Drafts, string Deliverable, string ETag)> PlannedDeliverableAsync()
    {
        var planned = await DeliverablePlans.PlanAsync(Api.Client());
        return (planned.Creator, planned.Drafts, planned.Url, planned.ETag);
    }

    private async Task<string> UploadedAsync(byte[] bytes) =>
        (string)(await (await UploadAsync(Api.Client(), bytes, "application/octet-stream")).Expect(HttpStatusCode.Created))["id"]!;

    [Fact]
    public async Task A_draft_lists_its_stored_files_and_the_review_page_shows_them()
    {
        var (_, drafts, deliverable, etag) = await PlannedDeliverableAsync();
        var image = await UploadedAsync(Png());
        var video = await UploadedAsync(Mp4());
        var draft = new { caption = "Draft #ad", media = new[] { "https://cdn.example.com/raw.mov", image, video } };
        var submitted = await (await Api.Client().Send(HttpMethod.Post, drafts, draft, ifMatch: etag)).Expect(HttpStatusCode.OK);

        var files = (await (await Api.Client().GetAsync(deliverable)).Expect(HttpStatusCode.OK))["draft"]!["files"]!.AsArray();
        Assert.Equal([image, video], files.Select(f => (string)f!["id"]!));
        Assert.Equal("image/png", (string)files[0]!["contentType"]!);
        Assert.Equal("video/mp4", (string)files[1]!["contentType"]!);
        Assert.Equal($"/api/v1/media/{video}", (string)files[1]!["url"]!);
        Assert.Equal(64, ((string)files[1]!["sha256"]!).Length);
        Assert.True((long)files[1]!["bytes"]! > 0);
        Assert.Equal(3, submitted["draft"]!["media"]!.AsArray().Count);

        var console = await ConsoleSession.SignedInAsync(Api, $"brand-{Guid.NewGuid():N}@example.com", "brand");
        var page = await console.GetStringAsync(deliverable.Replace("/api/v1", "", StringComparison.Ordinal));
        Assert.Contains($"<img src=\"/media/{image}\"", page, StringComparison.Ordinal);
        Assert.Contains($"src=\"/media/{video}\"", page, StringComparison.Ordinal);
        Assert.Contains("<video controls", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_naming_an_unknown_or_another_workspaces_file_is_refused()
    {
        var (_, drafts, deliverable, etag) = await PlannedDeliverableAsync();
        var others = (string)(await (await UploadAsync(Api.OtherWorkspace(), Png(), "image/png")).Expect(HttpStatusCode.Created))["id"]!;
        var mine = await UploadedAsync(Png());
        foreach (var media in new[] { new[] { mine, others }, new[] { mine, "med_01JZZZZZZZZZZZZZZZZZZZZZZZ" } })
        {
            var problem = await (await Api.Client().Send(HttpMethod.Post, drafts, new { caption = "Draft", media }, ifMatch: etag))
                .Expect(HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["media[1]"]);
        }

        Assert.Equal("planned", (string)(await (await Api.Client().GetAsync(deliverable)).Expect(HttpStatusCode.OK))["status"]!);
    }

    [Fact]
    public async Task A_ugc_asset_may_be_a_stored_file_of_the_workspace()
    {
        var png = Png();
        var file = await (await UploadAsync(Api.Client(), png, "image/png")).Expect(HttpStatusCode.Created);
        var asset = new Dictionary<string, object?>
        {
            ["sourceUrl"] = "https://instagram.com/p/media" + Guid.NewGuid().ToString("N")[..8],
            ["platform"] = "instagram",
            ["authorHandle"] = "@camille.d",
            ["mediaType"] = "image",
            ["mediaId"] = (string)file["id"]!,
        };
        var created = await (await Api.Client().PostJson("/api/v1/ugc/assets", asset)).Expect(HttpStatusCode.Created);
        Assert.Equal((string)file["id"]!, (string)created["mediaId"]!);
        Assert.Equal((string)file["sha256"]!, (string)created["sha256"]!);

        asset["mediaId"] = (string)(await (await UploadAsync(Api.OtherWorkspace(), png, "image/png")).Expect(HttpStatusCode.Created))["id"]!;
        var problem = await (await Api.Client().PostJson("/api/v1/ugc/assets", asset)).Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["mediaId"]);
    }

    [Fact]
    public async Task An_erased_creators_files_are_exported_then_deleted_from_storage()
    {
        var (creator, drafts, _, etag) = await PlannedDeliverableAsync();
        var image = await UploadedAsync(Png());
        var video = await UploadedAsync(Mp4());
        var kept = await UploadedAsync(Png(8, 8)); // no draft of theirs: not theirs
        await (await Api.Client().Send(HttpMethod.Post, drafts, new { caption = "Draft", media = new[] { image, video } }, ifMatch: etag))
            .Expect(HttpStatusCode.OK);
        Assert.True(await StoredAsync(KeyOf(image)) && await StoredAsync(KeyOf(image) + ".thumbnail.webp") && await StoredAsync(KeyOf(video)));

        var export = await (await Api.Client().GetAsync($"/api/v1/creators/{creator}/personal-data")).Expect(HttpStatusCode.OK);
        var listed = export.ToJsonString();
        Assert.Contains(image, listed, StringComparison.Ordinal);
        Assert.Contains(video, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(kept, listed, StringComparison.Ordinal);

        var erased = await (await Api.Client().PostJson($"/api/v1/creators/{creator}/erasure", new { reason = "asked" })).Expect(HttpStatusCode.OK);
        Assert.Contains("media:", erased["removed"]!.ToJsonString(), StringComparison.Ordinal);
        await (await Api.Client().GetAsync($"/api/v1/media/{image}")).Expect(HttpStatusCode.NotFound);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await StoredAsync(KeyOf(image)) || await StoredAsync(KeyOf(image) + ".thumbnail.webp") || await StoredAsync(KeyOf(video)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the erased creator's files are still in storage after 30 s");
            await Task.Delay(100);
        }

        Assert.True(await StoredAsync(KeyOf(kept)));
        using var stillThere = await Api.Client().GetAsync($"/api/v1/media/{kept}");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }
}

public sealed class MediaOnFileSystemTests(FileSystemMediaFixture api) : MediaStorageTests<FileSystemMediaFixture>(api), IClassFixture<FileSystemMediaFixture>
{
    protected override Task<bool> StoredAsync(string key) => Task.FromResult(File.Exists(Path.Combine(Api.Root, key)));
}

public sealed class MediaOnS3Tests(S3MediaFixture api) : MediaStorageTests<S3MediaFixture>(api), IClassFixture<S3MediaFixture>
{
    protected override async Task<bool> StoredAsync(string key)
    {
        using var client = Api.NewClient();
        try
        {
            await client.GetObjectMetadataAsync(S3MediaFixture.Bucket, key);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
