using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Platform.Security;

/// <summary>The roles matrix of the README, called endpoint by endpoint with every role.</summary>
public sealed partial class RolesMatrixTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private static readonly string[] Columns = [Roles.Admin, Roles.Brand, Roles.Legal, Roles.Integration, Roles.Viewer];

    private sealed record Row(string Method, string Route, Dictionary<string, bool> Allowed);

    private static List<Row> Matrix()
    {
        var readme = File.ReadAllText(Path.Combine(Catalogue.RepositoryRoot(), "README.md"));
        var table = readme.Split("<!-- roles-matrix -->")[1].Split("<!-- /roles-matrix -->")[0];
        return table.Split('\n').Select(line => MatrixRow().Match(line)).Where(m => m.Success).Select(m =>
        {
            var cells = m.Groups["cells"].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Columns.Length, cells.Length);
            return new Row(m.Groups["method"].Value, m.Groups["route"].Value,
                Columns.Zip(cells).ToDictionary(x => x.First, x => x.Second == "✓"));
        }).ToList();
    }

    [Fact]
    public void Every_api_endpoint_is_in_the_matrix()
    {
        var documented = Matrix().Select(r => $"{r.Method} {r.Route}").ToHashSet();
        Assert.True(documented.Count >= 34);
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();
        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
    }

    [Fact]
    public async Task Every_role_gets_exactly_what_the_matrix_says()
    {
        var creator = await (await api.Client().PostJson("/api/v1/creators", new
        {
            displayName = "Matrix",
            socialAccounts = new[] { new { platform = "x", handle = "matrix" + Guid.NewGuid().ToString("N")[..6] } },
        })).Expect(HttpStatusCode.Created);
        var id = (string)creator["id"]!;
        var accountId = (string)creator["socialAccounts"]![0]!["id"]!;
        var campaign = await (await api.Client().PostJson("/api/v1/campaigns", new { name = "Matrix", brand = "Acme" })).Expect(HttpStatusCode.Created);
        var campaignId = (string)campaign["id"]!;

        var failures = new List<string>();
        foreach (var row in Matrix())
        {
            var url = row.Route.Replace("{accountId}", accountId, StringComparison.Ordinal)
                .Replace("{memberId}", "rm_none", StringComparison.Ordinal).Replace("{milestoneId}", "ms_none", StringComparison.Ordinal).Replace("{personId}", "per_none", StringComparison.Ordinal).Replace("{deliverableId}", "dlv_none", StringComparison.Ordinal)
                .Replace("{id}", row.Route.StartsWith("/api/v1/api-keys", StringComparison.Ordinal) ? "key_none"
                    : row.Route.StartsWith("/api/v1/campaigns", StringComparison.Ordinal) ? campaignId
                    : row.Route.StartsWith("/api/v1/contracts", StringComparison.Ordinal) ? "ctr_none" : id, StringComparison.Ordinal);
            foreach (var role in Columns)
            {
                var body = row.Method is "GET" or "DELETE" ? null : "{}";
                var contentType = row.Route.EndsWith("/import", StringComparison.Ordinal) || row.Route.EndsWith("/imports", StringComparison.Ordinal) ? "text/csv" : "application/json";
                var response = await api.Client(role).Send(new HttpMethod(row.Method), url, body, ifMatch: "\"0\"", contentType: contentType);
                var status = (int)response.StatusCode;
                var forbidden = status == 403;
                if (status is 401 or 500 || forbidden == row.Allowed[role])
                {
                    failures.Add($"{row.Method} {row.Route} as {role}: {status}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [GeneratedRegex(@"^\|\s*`(?<method>[A-Z]+) (?<route>[^`]+)`\s*\|(?<cells>.*)\|\s*$")]
    private static partial Regex MatrixRow();
}
