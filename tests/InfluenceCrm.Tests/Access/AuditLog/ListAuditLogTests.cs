using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Access.AuditLog;

/// <summary>The audit log through the API: admin and legal, filtered, newest first, cursor paged.</summary>
public sealed class ListAuditLogTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task The_audit_log_is_readable_by_admin_and_legal_filtered_and_paged_and_a_read_with_a_current_etag_is_304()
    {
        var created = await api.Client().PostJson("/api/v1/creators", new { displayName = "Audited" });
        var id = (string)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var staged = await api.Client().Send(HttpMethod.Post, $"/api/v1/creators/{id}/stage", new { stage = "contacted" }, ifMatch: created.ETag());
        await staged.Expect(HttpStatusCode.OK);

        var first = await (await api.Client(Roles.Legal).GetAsync($"/api/v1/audit-log?entityType=creator&entityId={id}&limit=1")).Expect(HttpStatusCode.OK);
        Assert.Equal("creator.stage_changed", (string)first["items"]![0]!["action"]!); // newest first
        var second = await (await api.Client(Roles.Legal)
            .GetAsync($"/api/v1/audit-log?entityType=creator&entityId={id}&limit=1&cursor={(string)first["nextCursor"]!}"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("creator.created", (string)second["items"]![0]!["action"]!);
        Assert.Null((string?)second["nextCursor"]);
        await (await api.Client(Roles.Brand).GetAsync("/api/v1/audit-log")).Expect(HttpStatusCode.Forbidden);
        var other = await (await api.OtherWorkspace().GetAsync($"/api/v1/audit-log?entityId={id}")).Expect(HttpStatusCode.OK);
        Assert.Empty(other["items"]!.AsArray());

        var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/creators/{id}");
        read.Headers.TryAddWithoutValidation("If-None-Match", staged.ETag());
        var notModified = await api.Client().SendAsync(read);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/creators/{id}");
        stale.Headers.TryAddWithoutValidation("If-None-Match", created.ETag());
        Assert.Equal(HttpStatusCode.OK, (await api.Client().SendAsync(stale)).StatusCode);
    }
}
