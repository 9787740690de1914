using InfluenceCrm.UgcRights;

namespace InfluenceCrm.Tests.UgcRights.Checks;

/// <summary>The rights check as a pure function, reason code by reason code.</summary>
public sealed class RightsCheckTests
{
    private static readonly DateOnly Day = new(2026, 6, 15);

    private static RightsCheck.Grant Grant(string id = "gr_1", string[]? rights = null, string[]? channels = null, string[]? territories = null,
        DateOnly? starts = null, DateOnly? ends = null, DateOnly? revoked = null, bool modification = false, string? law = null) =>
        new(id, new GrantTerms
        {
            Rights = rights ?? ["reproduction", "public_display"],
            Channels = channels ?? ["organic_social"],
            Territories = territories ?? ["FR"],
            ModificationAllowed = modification,
            GoverningLaw = law,
        }, starts ?? new DateOnly(2026, 1, 1), ends ?? new DateOnly(2026, 12, 31), revoked);

    private static RightsCheck.Answer Check(IReadOnlyList<RightsCheck.Grant> grants, IReadOnlyList<RightsCheck.Person>? people = null, string channel = "organic_social",
        string territory = "FR", DateOnly? date = null, bool modification = false) =>
        RightsCheck.Evaluate(new RightsCheck.Question(channel, territory, date ?? Day, modification), grants, people ?? []);

    private static string[] Codes(RightsCheck.Answer a) => a.Reasons.Select(r => r.Code).Order().ToArray();

    [Fact]
    public void A_matching_grant_covers_and_is_named()
    {
        var answer = Check([Grant()]);
        Assert.Equal("allowed", answer.Verdict);
        Assert.Equal("gr_1", answer.GrantId);
        Assert.Equal(["covered"], Codes(answer));
    }

    [Fact]
    public void No_grant_is_blocked_with_no_grant() => Assert.Equal(["no_grant"], Codes(Check([])));

    [Theory]
    [InlineData("paid_social", "FR", "2026-06-15", false, "channel_not_granted")]
    [InlineData("organic_social", "DE", "2026-06-15", false, "territory_not_granted")]
    [InlineData("organic_social", "FR", "2025-12-31", false, "not_started")]
    [InlineData("organic_social", "FR", "2027-01-01", false, "expired")]
    [InlineData("organic_social", "FR", "2026-06-15", true, "modification_not_allowed")]
    public void Each_reason_alone(string channel, string territory, string date, bool modification, string code)
    {
        var answer = Check([Grant()], channel: channel, territory: territory, date: DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), modification: modification);
        Assert.Equal("blocked", answer.Verdict);
        Assert.Equal([code], Codes(answer));
        Assert.All(answer.Reasons, r => Assert.Equal("gr_1", r.GrantId));
    }

    [Fact]
    public void Expired_and_wrong_channel_are_both_listed()
    {
        var answer = Check([Grant()], channel: "website", date: new DateOnly(2027, 3, 1));
        Assert.Equal("blocked", answer.Verdict);
        Assert.Equal(["channel_not_granted", "expired"], Codes(answer));
    }

    [Fact]
    public void A_revocation_counts_from_its_effective_date_only()
    {
        var grant = Grant(revoked: new DateOnly(2026, 7, 1));
        Assert.Equal("allowed", Check([grant], date: new DateOnly(2026, 6, 30)).Verdict);
        Assert.Equal(["revoked"], Codes(Check([grant], date: new DateOnly(2026, 7, 1))));
    }

    [Fact]
    public void Modification_needs_both_the_flag_and_the_adaptation_right()
    {
        Assert.Equal("blocked", Check([Grant(modification: true)], modification: true).Verdict);
        Assert.Equal("allowed", Check([Grant(modification: true, rights: ["reproduction", "public_display", "adaptation"])], modification: true).Verdict);
    }

    [Fact]
    public void A_grant_missing_display_or_reproduction_does_not_cover() =>
        Assert.Equal(["right_not_granted"], Codes(Check([Grant(rights: ["reproduction"])])));

    [Fact]
    public void One_covering_grant_among_several_is_enough()
    {
        var answer = Check([Grant("gr_old", ends: new DateOnly(2026, 3, 1)), Grant("gr_new", channels: ["organic_social", "paid_social"])], channel: "paid_social");
        Assert.Equal("allowed", answer.Verdict);
        Assert.Equal("gr_new", answer.GrantId);
    }

    [Fact]
    public void A_person_without_release_and_a_minor_without_all_guardians_block_even_a_covering_grant()
    {
        var people = new[]
        {
            new RightsCheck.Person("per_1", "Woman in red", false, 2, HasRelease: false, 0),
            new RightsCheck.Person("per_2", "Child", true, 2, HasRelease: false, GuardianConsents: 1),
            new RightsCheck.Person("per_3", "Man with release", false, 2, HasRelease: true, 0),
        };
        var answer = Check([Grant(territories: ["worldwide"], ends: null, channels: ["all"])], people);
        Assert.Equal("blocked", answer.Verdict);
        Assert.Equal(["minor_without_guardian_consent", "person_without_release"], Codes(answer));
        Assert.Equal(["per_2", "per_1"], answer.Reasons.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => r.PersonId));
    }

    [Theory]
    [InlineData(new[] { "all" }, new[] { "organic_social" }, new[] { "FR" }, true)]
    [InlineData(new[] { "reproduction", "public_display" }, new[] { "all" }, new[] { "FR" }, true)]
    [InlineData(new[] { "reproduction", "public_display" }, new[] { "organic_social" }, new[] { "worldwide" }, false)]
    public void Blanket_grants_under_french_law_need_review(string[] rights, string[] channels, string[] territories, bool withEnd)
    {
        var grant = Grant(rights: rights, channels: channels, territories: territories, ends: withEnd ? new DateOnly(2026, 12, 31) : null, law: "FR") with
        {
            EndsOn = withEnd ? new DateOnly(2026, 12, 31) : null,
        };
        var answer = Check([grant]);
        Assert.Equal("review", answer.Verdict);
        Assert.Equal(["blanket_grant"], Codes(answer));
        Assert.Equal("allowed", Check([grant with { Terms = grant.Terms with { GoverningLaw = "US" } }]).Verdict);
    }
}
