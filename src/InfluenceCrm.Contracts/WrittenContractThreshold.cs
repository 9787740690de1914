using System.Globalization;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;

namespace InfluenceCrm.Contracts;

/// <summary>
/// The EUR 1,000 threshold of French influencer law (loi 2023-451, art. 8; décret 2025-1137), counted as the decree
/// says: what one advertiser (this workspace) pays or grants in kind to one influencer in a calendar year, under live
/// agreements — sent, signed, active, completed or expired. A contract terminated before signature with nothing paid
/// does not count; a draft does not count until it is sent. Amounts fall in the year they are due: each milestone on
/// its due date, the rest of the fee and the in-kind value on the contract's start (else creation) date. Other
/// currencies are converted with the rate written on the contract (remuneration.eurRate), never guessed.
/// </summary>
/// <summary>An amount counted toward the threshold: a milestone, the unscheduled fee, or the in-kind value, on the day it falls.</summary>
/// <param name="EurCents">Null when the amount is in another currency and the contract states no EUR rate.</param>
/// <param name="Source">Where the amount, its date and its EUR value come from in the contract's terms.</param>
public sealed record ThresholdItem(string Kind, string Label, DateOnly Date, Money Amount, long? EurCents, string Source);

internal sealed class WrittenContractThreshold(Db db, Caller caller)
{
    public const long ThresholdEurCents = 100_000;
    public const string RuleId = "FR-WRITTEN-CONTRACT-THRESHOLD";
    public const string Source = "Loi n° 2023-451 du 9 juin 2023, art. 8; décret n° 2025-1137 (seuil de 1 000 € HT par année civile, en vigueur le 1er " +
        "janvier 2026)";

    public static readonly Sql ContractsOfCreator = Sql.Both("""
        SELECT c.id AS Id, c.campaign_id AS CampaignId, c.title AS Title, c.status AS Status, c.created_at AS CreatedAt, c.signed_at AS SignedAt, t.terms AS
          Terms,
            (SELECT COUNT(*) FROM contract_milestones m WHERE m.contract_id = c.id AND m.paid_at IS NOT NULL) AS PaidMilestones
        FROM contract_contracts c JOIN contract_terms_versions t ON t.contract_id = c.id AND t.terms_version = c.current_terms_version
        WHERE c.workspace_id = @WorkspaceId AND c.creator_id = @CreatorId
        ORDER BY c.created_at, c.id
        """);

    internal sealed class Row
    {
        public string Id { get; init; } = "";
        public string? CampaignId { get; init; }
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SignedAt { get; init; }
        public string Terms { get; init; } = "{}";
        public long PaidMilestones { get; init; }

        /// <summary>Whether this agreement counts toward the year: live, or terminated after signature or a payment.</summary>
        public bool Counts => Status is "sent" or "signed" or "active" or "completed" or "expired" || Status == "terminated"
            && (SignedAt is not null || PaidMilestones > 0);
    }

    /// <summary>Whether the threshold is reached in any year this contract's amounts fall in, counting it as though it were sent.</summary>
    /// <returns>
    /// True or false, or null when it cannot be decided — amounts in other currencies without a rate, or a contract that
    /// states no amount at all (it cannot be shown to be under EUR 1,000) — and why, naming what was counted.
    /// </returns>
    public async Task<(bool? Reached, string Why, string Text, IReadOnlyDictionary<string, string> Args)> ForContractAsync(string creatorId, string? contractId,
        ContractTerms terms, DateOnly created, CancellationToken ct)
    {
        var own = Items(terms, created).ToList();
        var counted = (await LoadAsync(creatorId, ct)).Where(r => r.Id != contractId && r.Counts).ToList();
        var others = counted.SelectMany(r => Items(ContractStore.Deserialize(r.Terms), DateOnly.FromDateTime(r.CreatedAt.UtcDateTime))).ToList();
        List<int> years = own.Count == 0 ? [(terms.StartsOn ?? created).Year] : own.Select(i => i.Date.Year).Distinct().Order().ToList();
        var totals = years.Select(y => (Year: y, Items: own.Concat(others).Where(i => i.Date.Year == y).ToList())).ToList();
        var sources = own.Count == 0 ? "no amount" : string.Join(", ", own.Select(i => i.Source));
        var basis = $"counted from this contract's terms ({sources}) and {counted.Count} other live agreement(s) of this workspace with the creator";
        var args = new Dictionary<string, string> { ["others"] = counted.Count.ToString(CultureInfo.InvariantCulture) };
        if (totals.FirstOrDefault(t => t.Items.Sum(i => i.EurCents ?? 0) >= ThresholdEurCents) is { Items: not null } reached)
        {
            var cents = reached.Items.Sum(i => i.EurCents ?? 0);
            args["year"] = reached.Year.ToString(CultureInfo.InvariantCulture);
            args["totalEur"] = cents.ToString(CultureInfo.InvariantCulture);
            return (true, $"With this contract, {reached.Year} reaches {Eur(cents)} excluding tax for this creator: at or above EUR 1,000 ({basis}).",
                "reached", args);
        }

        if (!StatesAmount(terms))
        {
            var cents = totals.Sum(t => t.Items.Sum(i => i.EurCents ?? 0));
            args["totalEur"] = cents.ToString(CultureInfo.InvariantCulture);
            return (null, "The contract states no remuneration (remuneration.fee, milestones) and no in-kind value (remuneration.inKindValue): "
                          + $"it cannot be shown to be under EUR 1,000 ({basis}: {Eur(cents)}).", "no-amount", args);
        }

        if (totals.Any(t => t.Items.Any(i => i.EurCents is null)))
        {
            return (null, $"Amounts in other currencies have no EUR rate (remuneration.eurRate): whether EUR 1,000 is reached cannot be decided ({basis}).",
                "no-rate",
                args);
        }

        var highest = totals.MaxBy(t => t.Items.Sum(i => i.EurCents ?? 0));
        args["year"] = highest.Year.ToString(CultureInfo.InvariantCulture);
        args["totalEur"] = highest.Items.Sum(i => i.EurCents ?? 0).ToString(CultureInfo.InvariantCulture);
        return (false, $"With this contract, {string.Join(", ", totals.Select(t => $"{t.Year}: {Eur(t.Items.Sum(i => i.EurCents ?? 0))}"))} "
                       + $"excluding tax — under EUR 1,000 ({basis}).", "under", args);
    }

    /// <summary>An amount in euros as every English message writes it, whatever the server's culture: EUR 1,500.00.</summary>
    public static string Eur(long cents) => string.Create(CultureInfo.InvariantCulture, $"EUR {cents / 100m:N2}");

    /// <summary>Whether the terms state any amount — a fee, a milestone or an in-kind value, zero included.</summary>
    private static bool StatesAmount(ContractTerms terms) =>
        terms.Remuneration?.Fee?.Amount is not null || terms.Remuneration?.InKindValue?.Amount is not null
        || (terms.Milestones ?? []).Any(m => m.Amount?.Amount is not null);

    public async Task<IReadOnlyList<Row>> LoadAsync(string creatorId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>(ContractsOfCreator, new { caller.WorkspaceId, CreatorId = creatorId }, ct: ct)).ToList();
    }

    public static long? Eur(Money m, decimal? rate) =>
        m.Currency == "EUR" ? m.Amount : rate is { } r ? (long)Math.Round(m.Amount!.Value * r, MidpointRounding.AwayFromZero) : null;

    public static IEnumerable<ThresholdItem> Items(ContractTerms terms, DateOnly created)
    {
        var rate = terms.Remuneration?.EurRate;
        var anchor = terms.StartsOn ?? created;
        var dated = terms.StartsOn is null ? "dated the contract's creation (no startsOn)" : "dated startsOn";
        string Converted(Money m) =>
            m.Currency == "EUR" ? "" : rate is { } r ? $", converted at remuneration.eurRate {r}" : ", not converted: no remuneration.eurRate";
        var milestones = terms.Milestones ?? [];
        foreach (var (m, i) in milestones.Select((m, i) => (m, i)).Where(x => x.m.Amount is not null && x.m.DueOn is not null))
        {
            yield return new ThresholdItem("milestone", m.Label ?? "", m.DueOn!.Value, m.Amount!, Eur(m.Amount!, rate),
                $"milestones[{i}], dated its dueOn{Converted(m.Amount!)}");
        }

        if (terms.Remuneration?.Fee is { Amount: not null } fee)
        {
            var scheduled = milestones.Where(m => m.Amount?.Currency == fee.Currency).Sum(m => m.Amount!.Amount ?? 0);
            if (fee.Amount > scheduled)
            {
                var rest = new Money(fee.Amount - scheduled, fee.Currency);
                yield return new ThresholdItem("fee", scheduled > 0 ? "fee not scheduled in milestones" : "fee", anchor, rest, Eur(rest, rate),
                    $"remuneration.fee{(scheduled > 0 ? " less the milestones" : "")}, {dated}{Converted(rest)}");
            }
        }

        if (terms.Remuneration?.InKindValue is { Amount: > 0 } inKind)
        {
            yield return new ThresholdItem("in_kind", terms.Remuneration.InKindDescription ?? "in-kind benefit", anchor, inKind, Eur(inKind, rate),
                $"remuneration.inKindValue, {dated}{Converted(inKind)}");
        }
    }
}
