using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Platform;

/// <summary>Rules over the keys and indexes both migration sets end with, checked without a server.</summary>
public sealed class SqlServerKeyTests
{
    /// <summary>
    /// Key columns whose text the application writes in one case only, so SQL Server's case-insensitive collation and
    /// SQLite's binary one hold the same rows: the column and the function (or generator) every write goes through.
    /// </summary>
    private static readonly Dictionary<string, string> Normalised = new(StringComparer.Ordinal)
    {
        ["platform_people.email"] = "People.NormalizeEmail (lower case)",
        ["platform_api_keys.key_prefix"] = "ApiKeys: Convert.ToHexStringLower of random bytes",
        ["creator_social_accounts.platform"] = "CreatorRules: one of Vocabulary.Platforms, compared ordinally (lower case)",
        ["creator_social_accounts.handle_key"] = "CreatorRules.HandleKey (lower case)",
        ["creator_tags.tag"] = "CreatorStore.ReplaceChildrenAsync: distinct ignoring case, the first spelling kept",
        ["platform_settings.name"] = "InstallationKeys: names are constants of the code",
        ["ugc_rights_requests.token_hash"] = "Digest.Sha256Hex (lower-case hex)",
        ["platform_invitations.token_hash"] = "Digest.Sha256Hex (lower-case hex)",
        ["perf_link_day_visitors.ip_hash"] = "VisitorHash: Convert.ToHexStringLower",
        ["perf_promo_codes.code"] = "RegisterPromoCode and CreatorErasure: ToUpperInvariant",
        ["platform_visitor_salts.day"] = "IpHasher.DayText (yyyy-MM-dd)",
    };

    /// <summary>
    /// T-SQL only: the default collation is case-insensitive, so a unique key over text that differs only in case holds
    /// one row on SQL Server and two on SQLite (GA4 rows "Google / cpc" and "google / cpc" collapsed into one UPDATE, a
    /// row's sessions lost). Every text column of a primary key, unique constraint or unique index is binary, or
    /// written only through a named normaliser.
    /// </summary>
    [Fact]
    public void Text_in_unique_keys_is_binary_or_normalised_on_sql_server()
    {
        var model = SqlServerModel.Load();
        var failures = new List<string>();
        foreach (var key in model.Indexes.Where(i => i.Unique))
        {
            foreach (var name in key.Columns)
            {
                var column = model.Tables[key.Table][name];
                var binary = column.Collation?.EndsWith("_BIN2", StringComparison.OrdinalIgnoreCase) == true;
                if (column.IsText && !binary && !Normalised.ContainsKey($"{key.Table}.{name}") && !IsAppMadeId(name))
                {
                    failures.Add($"{key.Table}.{name} ({key.Name}): {column.Collation ?? "default collation"}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    /// <summary>Ids the application makes (a type prefix and a ULID, <c>Ids.New</c>): the same text at every write.</summary>
    private static bool IsAppMadeId(string column) => column == "id" || (column.EndsWith("_id", StringComparison.Ordinal) && column != "order_id");
}
