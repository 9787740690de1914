using Dapper;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfluenceCrm.Tests.Access.Members;

/// <summary>
/// Migration 0039 took every person without a password for a single sign-on user with a proven address; 0041 withdraws
/// that guess (an address is proven only by a mailed link or a provider's verified claim), and keeps real proofs.
/// </summary>
public sealed class UnprovenAddressesTests : IDisposable
{
    private readonly SqliteFiles files = new();

    public void Dispose() => files.Dispose();

    private const string Insert = """
        INSERT INTO platform_people (id, email, display_name, password_hash, failed_attempts, locked_until, created_at)
        VALUES (@Id, @Id || '@acme.example', @Id, @Hash, 0, NULL, '2026-01-01T00:00:00.0000000Z')
        """;

    [Fact]
    public async Task A_person_without_a_password_from_before_0039_has_no_proven_address_and_a_linked_one_keeps_its_proof()
    {
        var db = await files.MigratedAsync("unproven"); // creates the folder; a second file is migrated in steps
        var stepped = new Db(DatabaseProvider.Sqlite, db.ConnectionString.Replace("unproven.db", "stepped.db", StringComparison.Ordinal));
        var migrator = new Migrator(stepped, NullLogger<Migrator>.Instance);
        var all = Migrator.Load(DatabaseProvider.Sqlite);
        await migrator.MigrateAsync(all.Where(m => m.Version < 39).ToList(), TestContext.Current.CancellationToken);
        await using var c = await stepped.OpenAsync(TestContext.Current.CancellationToken);
        await c.ExecuteAsync(Insert, new[] { new { Id = "usr_added", Hash = (string?)null }, new { Id = "usr_password", Hash = (string?)"hash" } });

        await migrator.MigrateAsync(all.Where(m => m.Version < 41).ToList(), TestContext.Current.CancellationToken);
        Assert.NotNull(await c.ExecuteScalarAsync<string>("SELECT email_verified_at FROM platform_people WHERE id = 'usr_added'")); // 0039's guess
        await c.ExecuteAsync(Insert, new { Id = "usr_sso", Hash = (string?)null });
        await c.ExecuteAsync("UPDATE platform_people SET email_verified_at = created_at WHERE id = 'usr_sso'");
        await c.ExecuteAsync("""
            INSERT INTO platform_person_logins (issuer, subject, person_id, created_at)
            VALUES ('https://idp.acme.example', 'sso', 'usr_sso', '2026-01-01T00:00:00.0000000Z')
            """);

        await migrator.MigrateAsync(all, TestContext.Current.CancellationToken);

        Assert.Null(await c.ExecuteScalarAsync<string>("SELECT email_verified_at FROM platform_people WHERE id = 'usr_added'"));
        Assert.NotNull(await c.ExecuteScalarAsync<string>("SELECT email_verified_at FROM platform_people WHERE id = 'usr_sso'"));
        Assert.Null(await c.ExecuteScalarAsync<string>("SELECT email_verified_at FROM platform_people WHERE id = 'usr_password'"));
    }
}
