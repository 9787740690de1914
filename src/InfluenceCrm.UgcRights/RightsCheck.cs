namespace InfluenceCrm.UgcRights;

/// <summary>
/// May this asset be used on this channel, in this territory, on this date, with or without modification? A pure
/// function of the asset's live grants and the people it shows, so that it can be tested rule by rule. Every reason
/// that stands in the way is listed, not only the first.
/// </summary>
internal static class RightsCheck
{
    /// <param name="Licensee">Who will use the asset (a grant to another brand does not clear it); null: not asked.</param>
    /// <param name="Purpose">What for (a grant for another purpose goes to review); null: not asked.</param>
    /// <param name="Attribution">Whether the use credits the author; null: not said (a grant requiring attribution then goes to review).</param>
    public sealed record Question(string Channel, string Territory, DateOnly Date, bool Modification, string? Licensee = null, string? Purpose = null,
        bool? Attribution = null);

    /// <param name="SupersededFrom">The day a newer grant took over from this one (it covers the days before).</param>
    /// <param name="SupersededReason">What superseded it, when said (e.g. a contract's amendment).</param>
    public sealed record Grant(string Id, GrantTerms Terms, DateOnly StartsOn, DateOnly? EndsOn, DateOnly? RevokedFrom, DateOnly? SupersededFrom = null,
        string? SupersededReason = null);

    /// <param name="IsMinor">The recorded flag, used when no birth date is known.</param>
    /// <param name="BirthDate">When known, decides whether the person is a minor on the day of the use.</param>
    public sealed record Person(string Id, string Description, bool IsMinor, int ParentalAuthorityHolders, bool HasRelease, int GuardianConsents,
        ReleaseScope? Scope = null, DateOnly? WithdrawnOn = null, DateOnly? BirthDate = null)
    {
        public bool MinorOn(DateOnly date) => BirthDate is { } born ? MinorAt(born, date) : IsMinor;

        public DateOnly? ComesOfAge => BirthDate?.AddYears(Majority);
    }

    /// <summary>Majority at 18 (Code civil, art. 414): a person born on D is an adult from D + 18 years.</summary>
    public const int Majority = 18;

    public static bool MinorAt(DateOnly born, DateOnly date) => born.AddYears(Majority) > date;

    /// <param name="Args">The message's values (codes, ISO dates, names), so a console writes the reason in its reader's language from the code.</param>
    public sealed record Reason(string Code, string Message, string? GrantId = null, string? PersonId = null, IReadOnlyDictionary<string, string>? Args = null)
    {
        /// <summary>The legal text the reason applies.</summary>
        public string Source => Sources.GetValueOrDefault(Code, Scope);
    }

    private const string Scope =
        "Code de la propriété intellectuelle, art. L131-3 (chaque droit cédé mentionné, avec son étendue, sa destination, son lieu " +
        "et sa durée)";
    private const string Image = "Code civil, art. 9 (droit à l'image)";
    private const string Paternity = "Code de la propriété intellectuelle, art. L121-1 (droit au respect du nom de l'auteur, perpétuel et inaliénable)";

    private static readonly Dictionary<string, string> Sources = new()
    {
        ["no_grant"] = "Code de la propriété intellectuelle, art. L122-4 (reproduction ou représentation sans le consentement de l'auteur)",
        ["licensor_not_author"] = "Code de la propriété intellectuelle, art. L111-1 et L113-1 (l'auteur, titulaire des droits)",
        ["person_without_release"] = Image,
        ["release_withdrawn"] = Image,
        ["release_channel_not_covered"] = Image,
        ["release_territory_not_covered"] = Image,
        ["release_period_not_covered"] = Image,
        ["minor_without_guardian_consent"] = Image + "; Code civil, art. 371-1 et 372 (autorité parentale exercée en commun)",
        ["came_of_age"] = Image + "; Code civil, art. 371-1 et 414 (l'autorité parentale prend fin à la majorité)",
        ["attribution_required"] = Paternity,
        ["attribution_not_stated"] = Paternity,
    };

    private static Dictionary<string, string> With(params (string Key, string? Value)[] args) =>
        args.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public sealed record Answer(string Verdict, string? GrantId, IReadOnlyList<Reason> Reasons);

    /// <summary>Reasons that send a covering grant to a lawyer rather than block it.</summary>
    private static readonly string[] ReviewCodes = ["blanket_grant", "licensor_not_author", "purpose_not_covered", "attribution_not_stated", "came_of_age"];

    public static Answer Evaluate(Question q, IReadOnlyList<Grant> grants, IReadOnlyList<Person> people, string? assetAuthor = null)
    {
        var personReasons = people.SelectMany(p => PersonReasons(q, p)).ToList();
        var evaluated = grants.Select(g => (Grant: g, Reasons: GrantReasons(q, g, assetAuthor))).ToList();
        var covering = evaluated.Where(e => e.Reasons.All(r => ReviewCodes.Contains(r.Code))).OrderBy(e => e.Reasons.Count).ToList();

        if (covering.Count > 0)
        {
            var best = covering[0];
            if (personReasons.Any(r => !ReviewCodes.Contains(r.Code)))
            {
                return new Answer("blocked", null, personReasons);
            }

            return best.Reasons.Count + personReasons.Count > 0
                ? new Answer("review", best.Grant.Id, [.. best.Reasons, .. personReasons])
                : new Answer("allowed", best.Grant.Id,
                [new Reason("covered", $"Grant {best.Grant.Id} covers {q.Channel} in {q.Territory} on {q.Date:yyyy-MM-dd}.", best.Grant.Id,
                    Args: With(("channel", q.Channel), ("territory", q.Territory), ("date", Iso(q.Date))))]);
        }

        var reasons = grants.Count == 0
            ? [new Reason("no_grant", "No grant of rights is recorded for this asset.")]
            : evaluated.SelectMany(e => e.Reasons.Where(r => !ReviewCodes.Contains(r.Code))).ToList();
        return new Answer("blocked", null, [.. reasons, .. personReasons]);
    }

    private static IEnumerable<Reason> PersonReasons(Question q, Person p)
    {
        if (p.WithdrawnOn is { } withdrawn && q.Date >= withdrawn)
        {
            yield return new Reason("release_withdrawn", $"{p.Description} withdrew their image release from {withdrawn:yyyy-MM-dd}.", PersonId: p.Id,
                Args: With(("person", p.Description), ("date", Iso(withdrawn))));
        }

        var minor = p.MinorOn(q.Date);
        if (p.Scope is { } scope && (p.HasRelease || minor || p.GuardianConsents > 0))
        {
            if (scope.Channels is { Count: > 0 } channels && !channels.Contains(q.Channel) && !channels.Contains("all"))
            {
                yield return new Reason("release_channel_not_covered",
                    $"{p.Description}'s release does not cover {q.Channel} (it covers {string.Join(", ", channels)}).", PersonId: p.Id,
                    Args: With(("person", p.Description), ("channel", q.Channel), ("channels", string.Join(",", channels))));
            }

            if (scope.Territories is { Count: > 0 } territories && !territories.Contains(q.Territory) && !territories.Contains("worldwide"))
            {
                yield return new Reason("release_territory_not_covered",
                    $"{p.Description}'s release does not cover {q.Territory} (it covers {string.Join(", ", territories)}).",
                    PersonId: p.Id, Args: With(("person", p.Description), ("territory", q.Territory), ("territories", string.Join(",", territories))));
            }

            if (scope.StartsOn is { } from && q.Date < from || scope.EndsOn is { } to && q.Date > to)
            {
                yield return new Reason("release_period_not_covered",
                    $"{p.Description}'s release runs {scope.StartsOn?.ToString("yyyy-MM-dd") ?? "…"} to {scope.EndsOn?.ToString("yyyy-MM-dd") ?? "…"}.",
                        PersonId: p.Id,
                    Args: With(("person", p.Description), ("startsOn", scope.StartsOn is { } s0 ? Iso(s0) : null),
                        ("endsOn", scope.EndsOn is { } e0 ? Iso(e0) : null)));
            }
        }

        if (minor)
        {
            if (p.GuardianConsents < p.ParentalAuthorityHolders)
            {
                var until = p.ComesOfAge is { } adult ? $" (until {adult:yyyy-MM-dd})" : "";
                yield return new Reason("minor_without_guardian_consent",
                    $"{p.Description} is a minor on {q.Date:yyyy-MM-dd}{until}: {p.GuardianConsents} of {p.ParentalAuthorityHolders} "
                    + "holders of parental authority consented.",
                    PersonId: p.Id,
                        Args: With(("person", p.Description), ("date", Iso(q.Date)),
                        ("consents", p.GuardianConsents.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        ("holders", p.ParentalAuthorityHolders.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }
        }
        else if (!p.HasRelease && p.ComesOfAge is { } cameOfAge && p.GuardianConsents > 0)
        {
            // Parental authority ends at 18: what the parents consented to for a child is for a lawyer to weigh; the adult's own release settles it.
            yield return new Reason("came_of_age",
                $"{p.Description} is an adult from {cameOfAge:yyyy-MM-dd}; only the consents of the holders of parental authority are recorded: "
                + "obtain their own release.",
                PersonId: p.Id, Args: With(("person", p.Description), ("date", Iso(cameOfAge))));
        }
        else if (!p.HasRelease)
        {
            var adult = p.ComesOfAge is { } adultFrom ? $" (an adult from {adultFrom:yyyy-MM-dd})" : "";
            yield return new Reason("person_without_release", $"{p.Description}{adult} is shown without an image-right release.", PersonId: p.Id,
                Args: With(("person", p.Description)));
        }
    }

    private static List<Reason> GrantReasons(Question q, Grant g, string? assetAuthor)
    {
        var t = g.Terms;
        var reasons = new List<Reason>();
        var rights = t.Rights ?? [];
        var channels = t.Channels ?? [];
        var territories = t.Territories ?? [];
        if (!channels.Contains(q.Channel) && !channels.Contains("all"))
        {
            reasons.Add(new Reason("channel_not_granted", $"Grant {g.Id} does not include {q.Channel} (it grants {string.Join(", ", channels)}).", g.Id,
                Args: With(("channel", q.Channel), ("channels", string.Join(",", channels)))));
        }

        if (!territories.Contains(q.Territory) && !territories.Contains("worldwide"))
        {
            reasons.Add(new Reason("territory_not_granted", $"Grant {g.Id} does not include {q.Territory} (it grants {string.Join(", ", territories)}).", g.Id,
                Args: With(("territory", q.Territory), ("territories", string.Join(",", territories)))));
        }

        if (q.Date < g.StartsOn)
        {
            reasons.Add(new Reason("not_started", $"Grant {g.Id} starts on {g.StartsOn:yyyy-MM-dd}.", g.Id, Args: With(("date", Iso(g.StartsOn)))));
        }

        if (g.SupersededFrom is { } superseded && q.Date >= superseded)
        {
            var by = g.SupersededReason is { } why ? " by " + why : "";
            reasons.Add(new Reason("superseded", $"Grant {g.Id} was superseded from {superseded:yyyy-MM-dd}{by}.", g.Id,
                Args: With(("date", Iso(superseded)), ("by", g.SupersededReason))));
        }
        else if (g.EndsOn is { } end && q.Date > end)
        {
            reasons.Add(new Reason("expired", $"Grant {g.Id} ended on {end:yyyy-MM-dd}.", g.Id, Args: With(("date", Iso(end)))));
        }

        if (g.RevokedFrom is { } revoked && q.Date >= revoked)
        {
            reasons.Add(new Reason("revoked", $"Grant {g.Id} is revoked from {revoked:yyyy-MM-dd}.", g.Id, Args: With(("date", Iso(revoked)))));
        }

        if (!rights.Contains("all") && !(rights.Contains("reproduction") && rights.Contains("public_display")))
        {
            reasons.Add(new Reason("right_not_granted", $"Grant {g.Id} does not give both reproduction and public display.", g.Id));
        }

        if (q.Modification && !(t.ModificationAllowed == true && (rights.Contains("adaptation") || rights.Contains("all"))))
        {
            reasons.Add(new Reason("modification_not_allowed", $"Grant {g.Id} does not allow adaptation or modification (crops, overlays, AI edits).", g.Id));
        }

        if (q.Licensee is { Length: > 0 } licensee && t.Licensees is { Count: > 0 } licensees
            && !licensees.Any(l => string.Equals(l.Trim(), licensee.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            reasons.Add(new Reason("licensee_not_granted",
                $"Grant {g.Id} licenses {string.Join(", ", licensees)}, not {licensee}: a grant to another brand does not clear ours.", g.Id,
                Args: With(("licensees", string.Join(", ", licensees)), ("licensee", licensee))));
        }

        // CPI L111-1, L113-1: only the author, or a rights holder whose identity was verified, can license.
        if (t.Licensor is { } licensor && licensor.IdentityVerified != true && assetAuthor is not null
            && !string.Equals(licensor.Handle?.Trim().TrimStart('@'), assetAuthor.Trim().TrimStart('@'), StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add(new Reason("licensor_not_author",
                $"Grant {g.Id} comes from {licensor.Name ?? licensor.Handle
                    ?? "an unnamed licensor"}, who is not the asset's author (@{assetAuthor.TrimStart('@')}) and whose identity was not verified.",
                g.Id, Args: With(("licensor", licensor.Name ?? licensor.Handle), ("author", "@" + assetAuthor.TrimStart('@')))));
        }

        if (t.AttributionRequired == true && q.Attribution != true)
        {
            var author = t.Licensor?.Handle is { Length: > 0 } handle ? $"@{handle.Trim().TrimStart('@')}" : t.Licensor?.Name ?? "the author";
            reasons.Add(q.Attribution == false
                ? new Reason("attribution_required", $"Grant {g.Id} requires crediting the author ({author}); a use without credit is not covered.", g.Id,
                Args: With(("author", author)))
                : new Reason("attribution_not_stated",
                    $"Grant {g.Id} requires crediting the author ({author}); the check was not told whether this use does (attribution): "
                    + "covered only with the credit.",
                    g.Id, Args: With(("author", author))));
        }

        if (q.Purpose is { Length: > 0 } purpose && t.Purpose is { Length: > 0 } granted
            && !granted.Contains(purpose.Trim(), StringComparison.OrdinalIgnoreCase) && !purpose.Contains(granted.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add(new Reason("purpose_not_covered",
                $"Grant {g.Id} is for \"{granted}\"; the use asked for is \"{purpose}\": have a lawyer confirm it is covered.", g.Id,
                Args: With(("granted", granted), ("purpose", purpose))));
        }

        if (t.GoverningLaw == "FR" && (rights.Contains("all") || channels.Contains("all") || (territories.Contains("worldwide") && g.EndsOn is null)))
        {
            reasons.Add(new Reason("blanket_grant",
                $"Grant {g.Id} is a blanket grant (all rights, all media or worldwide forever): French law wants each right, its scope, place and duration " +
                    $"stated; have a lawyer review it.", g.Id));
        }

        return reasons;
    }
}
