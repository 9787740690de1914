using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace InfluenceCrm.Tests.Contracts.Signing;

/// <summary>
/// A contract version as a PDF, read back by a PDF parser we did not write (PdfPig): the clauses are there, in the contract's
/// language, and the same version always gives the same bytes (the SHA-256 a signature names).
/// </summary>
public sealed class ContractPdfTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task A_version_s_pdf_states_every_clause_in_French_and_its_bytes_do_not_change()
    {
        var creator = await OnlineSigning.CreatorAsync(api, "Léa Martin");
        var terms = ContractsApiTests.CompleteTerms(fee: 150_000);
        terms["exclusivity"] = new System.Text.Json.Nodes.JsonObject
        {
            ["category"] = "skincare",
            ["competitors"] = new System.Text.Json.Nodes.JsonArray("Rival SA")
        };
        var (id, _) = await OnlineSigning.SentContractAsync(api, creator, terms);

        var (first, sha) = await OnlineSigning.PdfAsync(api, id, 1);
        await Task.Delay(1100, TestContext.Current.CancellationToken); // another second on the clock: still the same bytes
        var (again, shaAgain) = await OnlineSigning.PdfAsync(api, id, 1);
        Assert.Equal(first, again);
        Assert.Equal(sha, shaAgain);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(first, 0, 5), StringComparison.Ordinal);

        var text = Text(first);
        Assert.Contains("Contrat d'influence commerciale", text, StringComparison.Ordinal);
        Assert.Contains("L'annonceur : Acme Beauty SAS", text, StringComparison.Ordinal);
        Assert.Contains("L'influenceur : Léa Martin", text, StringComparison.Ordinal);
        Assert.Contains("Pays de résidence fiscale : France (FR)", text, StringComparison.Ordinal);
        Assert.Contains("One Instagram reel presenting the serum", text, StringComparison.Ordinal);
        Assert.Contains("Rémunération (hors taxes) : 1 500,00 EUR", text, StringComparison.Ordinal);
        Assert.Contains("On signature — 750,00 EUR", text, StringComparison.Ordinal);
        Assert.Contains("Concurrents : Rival SA", text, StringComparison.Ordinal);
        Assert.Contains("Droits d'exploitation cédés, droit par droit", text, StringComparison.Ordinal);
        Assert.Contains("La reproduire", text, StringComparison.Ordinal); // one bullet per right
        Assert.Contains("destination : The serum launch campaign", text, StringComparison.Ordinal);
        Assert.Contains("Mention : Publicité", text, StringComparison.Ordinal);
        Assert.Contains("Le présent contrat est soumis au droit français.", text, StringComparison.Ordinal);
        Assert.Contains("The creator keeps authorship", text, StringComparison.Ordinal);
        // The mandatory clauses in plain words.
        Assert.Contains("Ce que la loi française exige, en clair", text, StringComparison.Ordinal);
        Assert.Contains("loi n° 2023-451 du 9 juin 2023", text, StringComparison.Ordinal);
        Assert.Contains("Code de la propriété intellectuelle, art. L131-3", text, StringComparison.Ordinal);
        Assert.Contains("« Publicité » ou « Collaboration commerciale »", text, StringComparison.Ordinal);
        Assert.Contains("Code civil art. 1366 et 1367", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_written_in_English_gets_an_English_pdf_and_others_cannot_read_it()
    {
        var creator = await OnlineSigning.CreatorAsync(api, "Lea English");
        var terms = ContractsApiTests.CompleteTerms();
        terms["language"] = "en";
        var (id, _) = await OnlineSigning.SentContractAsync(api, creator, terms);
        var (pdf, _) = await OnlineSigning.PdfAsync(api, id, 1);
        var text = Text(pdf);
        Assert.Contains("Influencer partnership contract", text, StringComparison.Ordinal);
        Assert.Contains("Fee (excluding tax): EUR 800.00", text, StringComparison.Ordinal);
        Assert.Contains("This contract is governed by French law.", text, StringComparison.Ordinal);
        Assert.Contains("What French law requires, in plain words", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Le présent contrat", text, StringComparison.Ordinal);

        await (await api.OtherWorkspace().GetAsync($"{OnlineSigning.Contracts}/{id}/versions/1/pdf")).Expect(HttpStatusCode.NotFound);
        await (await api.Client(Roles.Legal).GetAsync($"{OnlineSigning.Contracts}/{id}/versions/2/pdf")).Expect(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Client(Roles.Viewer).GetAsync($"{OnlineSigning.Contracts}/{id}/versions/1/pdf")).StatusCode);
        await (await api.Client(Roles.Legal)
            .PostJson(OnlineSigning.Contracts, new { creatorId = creator, title = "Bad language", terms = new { language = "de" } }))
            .Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Once_both_have_signed_the_version_s_pdf_is_the_document_they_signed_whatever_renders_the_terms_now()
    {
        var creator = await OnlineSigning.CreatorAsync(api, "Léa Gardée");
        var (id, _) = await OnlineSigning.SentContractAsync(api, creator, ContractsApiTests.CompleteTerms());
        var (bytes, sha) = await OnlineSigning.PdfAsync(api, id, 1);
        var afterCreator = await OnlineSigning.CreatorSignsAsync(api, creator, id, 1, sha);
        await (await OnlineSigning.CountersignAsync(api, id, InfluenceCrm.Platform.Http.ETags.For(afterCreator.Version), 1, sha)).Expect(HttpStatusCode.OK);

        // What a later renderer (another font, another layout) would do to the same terms: here, the title it prints changes.
        await using (var c = await api.Db.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE contract_contracts SET title = 'Rendered otherwise' WHERE id = @id", new { id });
        }

        var (now, nowSha) = await OnlineSigning.PdfAsync(api, id, 1);
        Assert.Equal(sha, nowSha);
        Assert.Equal(bytes, now);
        Assert.Contains("Lancement sérum", Text(now), StringComparison.Ordinal);
    }
}
