using InfluenceCrm.Platform.Data;
using Dapper;
using InfluenceCrm.Creators;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Platform.Http;

public sealed class PlumbingUnitTests
{
    [Theory]
    [InlineData("Léa MARTIN", "lea martin")]
    [InlineData("  Zoë Ørsted ", "zoe ørsted")]
    [InlineData("ÇA", "ca")]
    public void Search_keys_drop_case_and_accents(string input, string expected) => Assert.Equal(expected, Text.SearchKey(input));

    [Theory]
    [InlineData("50%", "%50\\%%")]
    [InlineData("a_b", "%a\\_b%")]
    [InlineData("x\\y[z]", "%x\\\\y\\[z]%")]
    public void Like_patterns_escape_wildcards(string input, string expected) => Assert.Equal(expected, Text.ContainsPattern(input));

    [Fact]
    public void Cursors_round_trip_and_refuse_another_sort_or_garbage()
    {
        var cursor = Cursor.Encode("createdAt", "2026-01-01T00:00:00.0000000Z", "cr_1");
        Assert.Equal(new Cursor.Position("createdAt", "2026-01-01T00:00:00.0000000Z", "cr_1"), Cursor.Decode(cursor, "createdAt"));
        Assert.Throws<BadRequestException>(() => Cursor.Decode(cursor, "displayName"));
        Assert.Throws<BadRequestException>(() => Cursor.Decode("%%%", "createdAt"));
        Assert.Throws<BadRequestException>(() => Cursor.Decode("e30", "createdAt")); // "{}"
    }

    [Fact]
    public void Every_stage_has_its_transitions_and_they_lead_to_known_stages()
    {
        Assert.Equal(CreatorRules.Stages.Order(), CreatorRules.StageTransitions.Keys.Order());
        Assert.All(CreatorRules.StageTransitions.Values.SelectMany(v => v), s => Assert.Contains(s, CreatorRules.Stages));
        Assert.Equal(249, Vocabulary.Countries.Count);
    }

    [Fact]
    public void The_creator_fields_validator_names_every_bad_field()
    {
        var validator = new CreatorFieldsValidator(TimeProvider.System);
        var result = validator.Validate(new CreatorFields
        {
            DisplayName = " ",
            Email = "nope",
            Country = "fr",
            Languages = ["en", "en"],
            Tags = ["#bad"],
            LawfulBasis = "because",
            BirthDate = new DateOnly(1850, 1, 1),
            LegalRepresentatives = [new LegalRepresentativeInput("", "uncle", null, null)],
        });
        var fields = result.Errors.Select(e => e.PropertyName).ToHashSet();
        foreach (var field in new[] { "DisplayName", "Email", "Country", "Languages", "Tags[0]", "LawfulBasis", "BirthDate", "LegalRepresentatives[0].FullName", "LegalRepresentatives[0].Relationship" })
        {
            Assert.Contains(field, fields);
        }
    }
}

public abstract class IdempotencyPurgeTests(ApiFixture api)
{
    [Fact]
    public async Task Expired_idempotency_records_are_purged_in_batches_through_an_index_and_fresh_ones_kept()
    {
        var old = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await api.Db.InTransactionAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO platform_idempotency_keys (workspace_id, idempotency_key, request_hash, created_at) VALUES (@WorkspaceId, @Key, 'h', @CreatedAt)
            """, Enumerable.Range(0, 2500).Select(i => new { WorkspaceId = api.MainWorkspaceId, Key = $"old-{i}", CreatedAt = old })
                .Append(new { WorkspaceId = api.MainWorkspaceId, Key = "fresh", CreatedAt = DateTimeOffset.UtcNow.AddYears(100) }), tx));
        await using var c = await api.Db.OpenAsync(TestContext.Current.CancellationToken);
        if (api.Provider == DatabaseProvider.Sqlite)
        {
            var plan = string.Join(" ", (await c.QueryAsync("EXPLAIN QUERY PLAN " + IdempotencyKeyPurge.PurgeExpired.Sqlite,
                new { Cutoff = "2021-01-01T00:00:00.0000000Z", Batch = 1000 })).Select(row => (string)row.detail));
            Assert.Contains("ix_platform_idempotency_keys_created", plan, StringComparison.Ordinal);
        }

        var purged = await api.Services.GetRequiredService<IdempotencyKeyPurge>().PurgeAsync(TestContext.Current.CancellationToken);
        Assert.True(purged >= 2500, $"{purged} purged");
        Assert.Equal(["fresh"], await c.QueryAsync<string>("SELECT idempotency_key FROM platform_idempotency_keys WHERE workspace_id = @ws", new { ws = api.MainWorkspaceId }));
    }
}

public sealed class IdempotencyPurgeOnSqlite(SqliteApiFixture api) : IdempotencyPurgeTests(api), IClassFixture<SqliteApiFixture>;

public sealed class IdempotencyPurgeOnSqlServer(SqlServerApiFixture api) : IdempotencyPurgeTests(api), IClassFixture<SqlServerApiFixture>;
