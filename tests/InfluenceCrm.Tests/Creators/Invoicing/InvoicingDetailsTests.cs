using System.Net;
using System.Numerics;
using System.Text;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.Invoicing;

public sealed class InvoicingFixture : SqliteApiFixture;

/// <summary>
/// A creator's invoicing details through the API into a real SQLite file: recorded with If-Match, refused field by field
/// when a key does not match, audited without the IBAN in clear, exported with the person's data, and gone from the
/// database files after the erasure; the erasure request that the erasure closes.
/// </summary>
public sealed class InvoicingDetailsTests(InvoicingFixture api) : IClassFixture<InvoicingFixture>
{
    private const string Creators = "/api/v1/creators";

    private async Task<string> NewCreator(string name) =>
        (string)(await (await api.Client().PostJson(Creators, new { displayName = name, country = "FR" })).Expect(HttpStatusCode.Created))["id"]!;

    /// <summary>A valid French IBAN around random digits (the ISO 13616 check digits computed), as a unique marker.</summary>
    private static string RandomIban()
    {
        var bban = "30004" + string.Concat(Enumerable.Range(0, 18).Select(_ => (char)('0' + Random.Shared.Next(10))));
        var digits = string.Concat((bban + "FR00")
            .Select(ch => char.IsAsciiDigit(ch) ? ch.ToString() : (ch - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var check = 98 - (int)(BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97);
        return $"FR{check:00}{bban}";
    }

    [Fact]
    public async Task Details_are_recorded_with_if_match_read_back_masked_in_the_audit_and_versioned()
    {
        var id = await NewCreator("Invoiced");
        var url = $"{Creators}/{id}/invoicing-details";
        var empty = await api.Client(Roles.Brand).GetAsync(url);
        var none = await empty.Expect(HttpStatusCode.OK);
        Assert.Equal("\"0\"", empty.ETag());
        Assert.Null(none["iban"]);

        var body = new
        {
            legalName = "Léa Martin EI",
            postalAddress = "2 rue de Rivoli, 75004 Paris",
            vatNumber = "fr 44 732 829 320",
            siret = "732 829 320 00074",
            iban = "fr14 2004 1010 0505 0001 3m02 606"
        };
        await (await api.Client().Send(HttpMethod.Put, url, body)).Expect(HttpStatusCode.PreconditionRequired);
        var put = await api.Client(Roles.Legal).Send(HttpMethod.Put, url, body, ifMatch: "\"0\"");
        var saved = await put.Expect(HttpStatusCode.OK);
        Assert.Equal("\"1\"", put.ETag());
        Assert.Equal("FR1420041010050500013M02606", (string)saved["iban"]!);
        Assert.Equal("FR…2606", (string)saved["ibanMasked"]!);
        Assert.Equal("FR44732829320", (string)saved["vatNumber"]!);
        Assert.Equal("73282932000074", (string)saved["siret"]!);
        await (await api.Client().Send(HttpMethod.Put, url, body, ifMatch: "\"0\"")).Expect(HttpStatusCode.PreconditionFailed);

        var read = await (await api.Client(Roles.Admin).GetAsync(url)).Expect(HttpStatusCode.OK);
        Assert.Equal("Léa Martin EI", (string)read["legalName"]!);
        Assert.Equal(1L, (long)read["version"]!);

        await using var c = await api.Db.OpenAsync();
        var details = (await c.QueryAsync<string>("SELECT details FROM platform_audit_log WHERE entity_id = @id AND action = " +
            "'creator.invoicing_details_updated'",
            new { id })).ToList();
        var entry = Assert.Single(details);
        Assert.Equal("FR…2606", (string)System.Text.Json.Nodes.JsonNode.Parse(entry)!["iban"]!);
        Assert.Equal(["legalName", "postalAddress", "vatNumber", "siret", "iban"],
            System.Text.Json.Nodes.JsonNode.Parse(entry)!["changed"]!.AsArray().Select(f => (string)f!));
        Assert.DoesNotContain("3M02606", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("Rivoli", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_whose_key_does_not_match_is_refused_on_its_field()
    {
        var id = await NewCreator("Mistyped");
        var url = $"{Creators}/{id}/invoicing-details";
        async Task<string> Refused(object body, string field)
        {
            var problem = await (await api.Client().Send(HttpMethod.Put, url, body, ifMatch: "\"0\"")).Expect(HttpStatusCode.BadRequest);
            return (string)problem["errors"]![field]![0]!;
        }

        Assert.Contains("check digits", await Refused(new { legalName = "A", postalAddress = "B", iban = "FR1420041010050500013M02607" }, "iban"),
            StringComparison.Ordinal);
        Assert.Contains("27 characters", await Refused(new { legalName = "A", postalAddress = "B", iban = "FR14 2004 1010 0505" }, "iban"),
            StringComparison.Ordinal);
        Assert.Contains("Luhn", await Refused(new { legalName = "A", postalAddress = "B", siret = "73282932000075" }, "siret"), StringComparison.Ordinal);
        Assert.Contains("key", await Refused(new { legalName = "A", postalAddress = "B", vatNumber = "FR45732829320" }, "vatNumber"), StringComparison.Ordinal);
        Assert.Contains("SIREN",
            await Refused(new { legalName = "A", postalAddress = "B", vatNumber = "FR83404833048", siret = "73282932000074" }, "vatNumber"),
            StringComparison.Ordinal);
        await Refused(new { postalAddress = "B" }, "legalName");
        await (await api.Client().Send(HttpMethod.Put, url, new { legalName = "A", postalAddress = "B", bic = "X" }, ifMatch: "\"0\""))
            .Expect(HttpStatusCode.BadRequest);

        // Nothing was written by the refusals.
        var read = await api.Client().GetAsync(url);
        await read.Expect(HttpStatusCode.OK);
        Assert.Equal("\"0\"", read.ETag());
    }

    [Fact]
    public async Task Only_admin_brand_and_legal_of_the_workspace_see_them()
    {
        var id = await NewCreator("Private");
        var url = $"{Creators}/{id}/invoicing-details";
        await (await api.Client(Roles.Viewer).GetAsync(url)).Expect(HttpStatusCode.Forbidden);
        await (await api.Client(Roles.Integration).GetAsync(url)).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().GetAsync(url)).Expect(HttpStatusCode.NotFound);
        await (await api.OtherWorkspace().Send(HttpMethod.Put, url, new { legalName = "A", postalAddress = "B" }, ifMatch: "\"0\""))
            .Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_export_holds_them_and_the_requested_erasure_removes_them_from_the_database_files()
    {
        var m = "Zq" + Guid.NewGuid().ToString("N")[..10];
        var iban = RandomIban();
        var id = await NewCreator("Name" + m);
        var url = $"{Creators}/{id}/invoicing-details";
        await (await api.Client().Send(HttpMethod.Put, url, new { legalName = $"Legal{m}", postalAddress = $"1 Street{m}, Lyon", iban }, ifMatch: "\"0\""))
            .Expect(HttpStatusCode.OK);

        // Legal records the person's request (received by letter); asking again answers the open request.
        var asked = await (await api.Client(Roles.Legal).PostJson($"{Creators}/{id}/erasure-requests", new { message = $"Forget me{m}" }))
            .Expect(HttpStatusCode.Created);
        var again = await (await api.Client(Roles.Admin).PostJson($"{Creators}/{id}/erasure-requests", new { })).Expect(HttpStatusCode.OK);
        Assert.Equal((string)asked["id"]!, (string)again["id"]!);
        await (await api.Client(Roles.Brand).PostJson($"{Creators}/{id}/erasure-requests", new { })).Expect(HttpStatusCode.Forbidden);
        var open = await (await api.Client(Roles.Legal).GetAsync($"{Creators}/erasure-requests?state=open")).Expect(HttpStatusCode.OK);
        Assert.Contains(open["items"]!.AsArray(), r => (string)r!["creatorId"]! == id && (string)r["creatorName"]! == "Name" + m);

        var export = await (await api.Client(Roles.Legal).GetAsync($"{Creators}/{id}/personal-data")).Expect(HttpStatusCode.OK);
        var invoicing = export["modules"]!["invoicing"]!;
        Assert.Equal(iban, (string)invoicing["invoicingDetails"]!["iban"]!);
        Assert.Equal($"Legal{m}", (string)invoicing["invoicingDetails"]!["legalName"]!);
        Assert.Equal($"Forget me{m}", (string)invoicing["erasureRequests"]![0]!["message"]!);

        var files = new[] { api.ConnectionString["Data Source=".Length..], api.ConnectionString["Data Source=".Length..] + "-wal" };
        var markers = new[] { iban, $"Legal{m}", $"Street{m}", $"Forget me{m}" };
        Assert.NotEmpty(Found(files, markers));

        var erased = await (await api.Client(Roles.Legal).PostJson($"{Creators}/{id}/erasure", new { })).Expect(HttpStatusCode.OK);
        Assert.Contains(erased["removed"]!.AsArray(), r => ((string)r!).StartsWith("invoicing details", StringComparison.Ordinal));
        Assert.Contains(erased["kept"]!.AsArray(), r => ((string)r!).StartsWith("erasure requests", StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Empty(Found(files, markers));

        var closed = await (await api.Client(Roles.Legal).GetAsync($"{Creators}/erasure-requests?state=closed&creatorId={id}")).Expect(HttpStatusCode.OK);
        var request = Assert.Single(closed["items"]!.AsArray())!;
        Assert.NotNull(request["closedAt"]);
        Assert.Null(request["message"]);
        var after = await api.Client().GetAsync(url);
        Assert.Null((await after.Expect(HttpStatusCode.OK))["iban"]);
        await (await api.Client().Send(HttpMethod.Put, url, new { legalName = "A", postalAddress = "B" }, ifMatch: after.ETag()))
            .Expect(HttpStatusCode.Conflict);
        await (await api.Client(Roles.Legal).PostJson($"{Creators}/{id}/erasure-requests", new { })).Expect(HttpStatusCode.Conflict);
    }

    private static List<string> Found(string[] files, string[] markers) =>
        files.Where(File.Exists).SelectMany(f => markers.Where(mk => File.ReadAllBytes(f).AsSpan().IndexOf(Encoding.UTF8.GetBytes(mk)) >= 0)
            .Select(mk => $"{mk} in {Path.GetFileName(f)}")).ToList();
}
