namespace InfluenceCrm.UgcRights;

/// <summary>
/// May this asset be used on this channel, in this territory, on this date, with or without modification? A pure
/// function of the asset's live grants and the people it shows, so that it can be tested rule by rule. Every reason
/// that stands in the way is listed, not only the first.
/// </summary>
internal static class RightsCheck
{
    public sealed record Question(string Channel, string Territory, DateOnly Date, bool Modification);

    public sealed record Grant(string Id, GrantTerms Terms, DateOnly StartsOn, DateOnly? EndsOn, DateOnly? RevokedFrom);

    public sealed record Person(string Id, string Description, bool IsMinor, int ParentalAuthorityHolders, bool HasRelease, int GuardianConsents);

    public sealed record Reason(string Code, string Message, string? GrantId = null, string? PersonId = null);

    public sealed record Answer(string Verdict, string? GrantId, IReadOnlyList<Reason> Reasons);

    public static Answer Evaluate(Question q, IReadOnlyList<Grant> grants, IReadOnlyList<Person> people)
    {
        var personReasons = people.SelectMany(p => PersonReasons(p)).ToList();
        var evaluated = grants.Select(g => (Grant: g, Reasons: GrantReasons(q, g))).ToList();
        var covering = evaluated.Where(e => e.Reasons.All(r => r.Code == "blanket_grant")).OrderBy(e => e.Reasons.Count).ToList();

        if (covering.Count > 0)
        {
            var best = covering[0];
            if (personReasons.Count > 0)
            {
                return new Answer("blocked", null, personReasons);
            }

            return best.Reasons.Count > 0
                ? new Answer("review", best.Grant.Id, best.Reasons)
                : new Answer("allowed", best.Grant.Id, [new Reason("covered", $"Grant {best.Grant.Id} covers {q.Channel} in {q.Territory} on {q.Date:yyyy-MM-dd}.", best.Grant.Id)]);
        }

        var reasons = grants.Count == 0
            ? [new Reason("no_grant", "No grant of rights is recorded for this asset.")]
            : evaluated.SelectMany(e => e.Reasons.Where(r => r.Code != "blanket_grant")).ToList();
        return new Answer("blocked", null, [.. reasons, .. personReasons]);
    }

    private static IEnumerable<Reason> PersonReasons(Person p)
    {
        if (p.IsMinor)
        {
            if (p.GuardianConsents < p.ParentalAuthorityHolders)
            {
                yield return new Reason("minor_without_guardian_consent",
                    $"{p.Description} is a minor: {p.GuardianConsents} of {p.ParentalAuthorityHolders} holders of parental authority consented.", PersonId: p.Id);
            }
        }
        else if (!p.HasRelease)
        {
            yield return new Reason("person_without_release", $"{p.Description} is shown without an image-right release.", PersonId: p.Id);
        }
    }

    private static List<Reason> GrantReasons(Question q, Grant g)
    {
        var t = g.Terms;
        var reasons = new List<Reason>();
        var rights = t.Rights ?? [];
        var channels = t.Channels ?? [];
        var territories = t.Territories ?? [];
        if (!channels.Contains(q.Channel) && !channels.Contains("all"))
        {
            reasons.Add(new Reason("channel_not_granted", $"Grant {g.Id} does not include {q.Channel} (it grants {string.Join(", ", channels)}).", g.Id));
        }

        if (!territories.Contains(q.Territory) && !territories.Contains("worldwide"))
        {
            reasons.Add(new Reason("territory_not_granted", $"Grant {g.Id} does not include {q.Territory} (it grants {string.Join(", ", territories)}).", g.Id));
        }

        if (q.Date < g.StartsOn)
        {
            reasons.Add(new Reason("not_started", $"Grant {g.Id} starts on {g.StartsOn:yyyy-MM-dd}.", g.Id));
        }

        if (g.EndsOn is { } end && q.Date > end)
        {
            reasons.Add(new Reason("expired", $"Grant {g.Id} ended on {end:yyyy-MM-dd}.", g.Id));
        }

        if (g.RevokedFrom is { } revoked && q.Date >= revoked)
        {
            reasons.Add(new Reason("revoked", $"Grant {g.Id} is revoked from {revoked:yyyy-MM-dd}.", g.Id));
        }

        if (!rights.Contains("all") && !(rights.Contains("reproduction") && rights.Contains("public_display")))
        {
            reasons.Add(new Reason("right_not_granted", $"Grant {g.Id} does not give both reproduction and public display.", g.Id));
        }

        if (q.Modification && !(t.ModificationAllowed == true && (rights.Contains("adaptation") || rights.Contains("all"))))
        {
            reasons.Add(new Reason("modification_not_allowed", $"Grant {g.Id} does not allow adaptation or modification (crops, overlays, AI edits).", g.Id));
        }

        if (t.GoverningLaw == "FR" && (rights.Contains("all") || channels.Contains("all") || (territories.Contains("worldwide") && g.EndsOn is null)))
        {
            reasons.Add(new Reason("blanket_grant",
                $"Grant {g.Id} is a blanket grant (all rights, all media or worldwide forever): French law wants each right, its scope, place and duration stated; have a lawyer review it.", g.Id));
        }

        return reasons;
    }
}
