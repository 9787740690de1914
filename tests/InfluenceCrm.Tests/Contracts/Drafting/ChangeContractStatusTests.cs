using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Drafting;

/// <summary>A contract's lifecycle enforced; a signed contract changes only by amendment.</summary>
public abstract class ChangeContractStatusTests(ApiFixture fixture) : ContractsApiTests(fixture)
{
    [Fact]
    public async Task The_lifecycle_is_enforced_and_a_signed_contract_changes_only_by_amendment()
    {
        var creator = await CreateCreator("Lifecycle Creator");
        var (id, etag, _) = await CreateContract(creator, CompleteTerms());
        var url = $"{Contracts}/{id}";

        await Move(id, etag, "active", HttpStatusCode.Conflict);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/status", new { status = "signed" }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/status", new { status = "sent" })).Expect(HttpStatusCode.PreconditionRequired);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/status", new { status = "sent" }, ifMatch: "\"5\"")).Expect(HttpStatusCode.PreconditionFailed);
        etag = await Move(id, etag, "sent");
        await (await api.Client().Send(HttpMethod.Patch, url, new { title = "Edited while sent" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/signature", new { documentUri = "not a uri", sha256 = "abc", signedAt = DateTimeOffset.UtcNow }, ifMatch: etag))
            .Expect(HttpStatusCode.BadRequest);
        var signed = await api.Client().Send(HttpMethod.Post, $"{url}/signature",
            new { documentUri = "https://docs.example.com/contracts/1.pdf", sha256 = Sha, signedAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, ifMatch: etag);
        var body = await signed.Expect(HttpStatusCode.OK);
        Assert.Equal("signed", (string)body["status"]!);
        Assert.Equal(Sha, (string)body["signedDocument"]!["sha256"]!);
        etag = signed.ETag();

        var edit = await (await api.Client().Send(HttpMethod.Patch, url, new { title = "Sneaky edit" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("amendment", (string)edit["detail"]!, StringComparison.Ordinal);
        etag = await Move(id, etag, "active");
        etag = await Move(id, etag, "completed");
        var final = await (await api.Client().Send(HttpMethod.Post, $"{url}/status", new { status = "active" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("final", (string)final["detail"]!, StringComparison.Ordinal);

        await using var c = await api.Db.OpenAsync();
        var actions = (await c.QueryAsync<string>("SELECT action FROM platform_audit_log WHERE entity_id = @id ORDER BY occurred_at, id", new { id })).ToList();
        Assert.Equal(["contract.created", "contract.sent", "contract.signed", "contract.active", "contract.completed"], actions);
    }
}

public sealed class ChangeContractStatusOnSqlite(SqliteApiFixture api) : ChangeContractStatusTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ChangeContractStatusOnSqlServer(SqlServerApiFixture api) : ChangeContractStatusTests(api), IClassFixture<SqlServerApiFixture>;
