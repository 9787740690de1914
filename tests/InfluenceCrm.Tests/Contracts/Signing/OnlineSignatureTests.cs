using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using static InfluenceCrm.Tests.Contracts.Signing.OnlineSigning;

namespace InfluenceCrm.Tests.Contracts.Signing;

/// <summary>
/// The simple electronic signature: the creator signs a version in the portal, the brand countersigns the same version, and
/// only then is the contract signed; the evidence of both is listed with the contract; compliance errors, another version or
/// another PDF are refused; changing the terms invalidates a signature still waiting for the other party's.
/// </summary>
public abstract class OnlineSignatureTests(ApiFixture api)
{
    [Fact]
    public async Task The_creator_signs_the_brand_countersigns_the_same_version_and_the_contract_is_signed_with_both_evidences()
    {
        var creator = await CreatorAsync(api, "Léa Signe");
        var (id, etag) = await SentContractAsync(api, creator, ContractsApiTests.CompleteTerms());
        var (_, sha) = await PdfAsync(api, id, 1);

        // The brand cannot countersign first.
        await (await CountersignAsync(api, id, etag, 1, sha)).Expect(HttpStatusCode.Conflict);

        var afterCreator = await CreatorSignsAsync(api, creator, id, 1, sha);
        Assert.Equal("sent", afterCreator.Status);
        var again = await CreatorSignsAsync(api, creator, id, 1, sha); // a retried signature is recorded once
        Assert.Single(again.Signatures);

        var contract = await ContractAsync(api, id);
        var mine = contract["signatures"]!.AsArray().Single()!;
        Assert.Equal("creator", (string)mine["party"]!);
        Assert.Equal(1, (int)mine["termsVersion"]!);
        Assert.Equal(creator, (string)mine["signerId"]!);
        Assert.Equal("lea@example.com", (string)mine["email"]!);
        Assert.Equal("portal:lea@example.com", (string)mine["portalIdentity"]!);
        Assert.Equal("Léa Martin", (string)mine["fullName"]!);
        Assert.Equal(sha, (string)mine["pdfSha256"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)mine["ipHash"]!);
        Assert.DoesNotContain("203.0.113.7", contract.ToJsonString(), StringComparison.Ordinal); // never the address
        Assert.Contains("iPhone", (string)mine["userAgent"]!, StringComparison.Ordinal);
        Assert.Contains(sha, (string)mine["consentText"]!, StringComparison.Ordinal);
        Assert.StartsWith("J'ai lu la version 1", (string)mine["consentText"]!, StringComparison.Ordinal);

        // Another PDF, or a stale ETag, is refused; the countersignature of the same version and PDF signs the contract.
        await (await CountersignAsync(api, id, etag, 1, sha)).Expect(HttpStatusCode.PreconditionFailed);
        var current = ETags.For((long)contract["version"]!);
        await (await CountersignAsync(api, id, current, 1, new string('0', 64))).Expect(HttpStatusCode.Conflict);
        await (await CountersignAsync(api, id, current, 1, sha, consent: false)).Expect(HttpStatusCode.BadRequest);
        await (await CountersignAsync(api, id, current, 2, sha)).Expect(HttpStatusCode.Conflict);
        var signed = await CountersignAsync(api, id, current, 1, sha);
        var body = await signed.Expect(HttpStatusCode.OK);
        Assert.Equal("signed", (string)body["status"]!);
        Assert.Equal(sha, (string)body["signedDocument"]!["sha256"]!);
        Assert.Equal($"/api/v1/contracts/{id}/versions/1/pdf", (string)body["signedDocument"]!["uri"]!);
        var brand = body["signatures"]!.AsArray().Single(s => (string)s!["party"]! == "brand")!;
        Assert.Equal("Marc Lefèvre", (string)brand["fullName"]!);
        Assert.Equal(sha, (string)brand["pdfSha256"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)brand["ipHash"]!);
        Assert.False(string.IsNullOrEmpty((string?)brand["signerId"]));
        Assert.Contains("Acme Beauty SAS", (string)brand["consentText"]!, StringComparison.Ordinal);
        // Sent again, the countersignature changes nothing.
        await (await CountersignAsync(api, id, signed.ETag(), 1, sha)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (await ContractAsync(api, id))["signatures"]!.AsArray().Count);

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L,
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @id AND action = 'contract.creator_signed'",
            new { id }));
        Assert.Equal(1L,
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @id AND action = 'contract.signed'", new { id }));
    }

    [Fact]
    public async Task A_contract_whose_compliance_has_errors_cannot_be_signed_online()
    {
        var creator = await CreatorAsync(api, "Léa Erreurs");
        var terms = ContractsApiTests.CompleteTerms(fee: 150_000);
        terms.Remove("intellectualProperty"); // a mandatory clause, at or above the threshold: an error
        var (id, _) = await SentContractAsync(api, creator, terms);
        var (_, sha) = await PdfAsync(api, id, 1);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => CreatorSignsAsync(api, creator, id, 1, sha));
        Assert.Contains("compliance error", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await ContractAsync(api, id))["signatures"]!.AsArray());
    }

    [Fact]
    public async Task Only_the_contract_s_creator_signs_it_with_consent_and_the_pdf_they_read()
    {
        var creator = await CreatorAsync(api, "Léa Seule");
        var other = await CreatorAsync(api, "Autre Créatrice");
        var (id, _) = await SentContractAsync(api, creator, ContractsApiTests.CompleteTerms());
        var (_, sha) = await PdfAsync(api, id, 1);
        await Assert.ThrowsAsync<NotFoundException>(() => CreatorSignsAsync(api, other, id, 1, sha));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => CreatorSignsAsync(api, creator, id, 1, sha, consent: false));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => CreatorSignsAsync(api, creator, id, 1, sha, fullName: " "));
        await Assert.ThrowsAsync<ConflictException>(() => CreatorSignsAsync(api, creator, id, 1, new string('a', 64)));
        Assert.Empty((await ContractAsync(api, id))["signatures"]!.AsArray());
    }

    [Fact]
    public async Task Back_to_draft_or_amended_the_terms_change_and_a_signature_waiting_for_the_other_party_no_longer_counts()
    {
        var creator = await CreatorAsync(api, "Léa Avenant");
        var (id, _) = await SentContractAsync(api, creator, ContractsApiTests.CompleteTerms());
        var (_, sha1) = await PdfAsync(api, id, 1);
        await CreatorSignsAsync(api, creator, id, 1, sha1);

        // Back to draft: the creator's signature no longer counts; the brand changes the fee and sends it again.
        var contract = await ContractAsync(api, id);
        var draft = await api.Client(Roles.Legal)
            .Send(HttpMethod.Post, $"{OnlineSigning.Contracts}/{id}/status", new { status = "draft" }, ifMatch: ETags.For((long)contract["version"]!));
        var drafted = await draft.Expect(HttpStatusCode.OK);
        var old = drafted["signatures"]!.AsArray().Single()!;
        Assert.Equal("draft", (string)old["invalidatedReason"]!);
        Assert.NotNull(old["invalidatedAt"]);
        var edited = await api.Client(Roles.Legal).Send(HttpMethod.Patch, $"{OnlineSigning.Contracts}/{id}",
            new { terms = new { remuneration = new { fee = new { amount = 90_000, currency = "EUR" } } } }, ifMatch: draft.ETag(),
                contentType: "application/merge-patch+json");
        await edited.Expect(HttpStatusCode.OK);
        var resent = await api.Client(Roles.Legal)
            .Send(HttpMethod.Post, $"{OnlineSigning.Contracts}/{id}/status", new { status = "sent" }, ifMatch: edited.ETag());
        await resent.Expect(HttpStatusCode.OK);
        var (_, sha1b) = await PdfAsync(api, id, 1);
        Assert.NotEqual(sha1, sha1b);
        await (await CountersignAsync(api, id, resent.ETag(), 1, sha1)).Expect(HttpStatusCode.Conflict); // the old PDF
        await (await CountersignAsync(api, id, resent.ETag(), 1, sha1b)).Expect(HttpStatusCode.Conflict); // the creator has not signed this one

        // Signed by both; then an amendment (version 2) signed by the creator only, and amended again: that signature no longer counts.
        var afterCreator = await CreatorSignsAsync(api, creator, id, 1, sha1b);
        var signed = await CountersignAsync(api, id, ETags.For(afterCreator.Version), 1, sha1b);
        Assert.Equal("signed", (string)(await signed.Expect(HttpStatusCode.OK))["status"]!);
        var amended = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{OnlineSigning.Contracts}/{id}/amendments",
            new { reason = "Second reel", terms = new { missions = new[] { new { description = "Two Instagram reels" } } } }, ifMatch: signed.ETag());
        await amended.Expect(HttpStatusCode.OK);
        var (_, sha2) = await PdfAsync(api, id, 2);
        var v2 = await CreatorSignsAsync(api, creator, id, 2, sha2);
        await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{OnlineSigning.Contracts}/{id}/amendments",
            new { reason = "Three reels", terms = new { missions = new[] { new { description = "Three Instagram reels" } } } }, ifMatch: ETags.For(v2.Version)))
            .Expect(HttpStatusCode.OK);

        var signatures = (await ContractAsync(api, id))["signatures"]!.AsArray();
        Assert.Equal(4, signatures.Count);
        var version2 = signatures.Single(s => (int)s!["termsVersion"]! == 2)!;
        Assert.Equal("amended", (string)version2["invalidatedReason"]!);
        Assert.All(signatures.Where(s => (int)s!["termsVersion"]! == 1 && s["invalidatedAt"] is null), s => Assert.Equal(sha1b, (string)s!["pdfSha256"]!));
        Assert.Equal(2, signatures.Count(s => (int)s!["termsVersion"]! == 1 && s["invalidatedAt"] is null)); // the version both signed stays signed

        // The new version is signed by both again: an amendment signed online.
        var (_, sha3) = await PdfAsync(api, id, 3);
        var v3 = await CreatorSignsAsync(api, creator, id, 3, sha3);
        var countersigned = await (await CountersignAsync(api, id, ETags.For(v3.Version), 3, sha3)).Expect(HttpStatusCode.OK);
        Assert.Equal("signed", (string)countersigned["status"]!);
        Assert.Equal(sha3, (string)countersigned["signedDocument"]!["sha256"]!);
    }
}

public sealed class OnlineSignatureOnSqlite(SqliteApiFixture api) : OnlineSignatureTests(api), IClassFixture<SqliteApiFixture>;

public sealed class OnlineSignatureOnSqlServer(SqlServerApiFixture api) : OnlineSignatureTests(api), IClassFixture<SqlServerApiFixture>;
