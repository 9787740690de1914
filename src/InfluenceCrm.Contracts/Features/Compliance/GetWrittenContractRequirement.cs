using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>
/// French law: a written contract is mandatory once what one advertiser (this workspace) pays or grants in kind to one
/// influencer in a calendar year reaches EUR 1,000 excluding tax — cumulated over the year's live agreements (see
/// WrittenContractThreshold for what counts and what does not). Fees agreed on a campaign roster with no contract yet
/// are shown apart, with a warning when they would cross the threshold: a written contract will be required.
/// </summary>
public static class GetWrittenContractRequirement
{
    public sealed record Request(string? CreatorId, int? Year) : IRequest<Response>;

    /// <param name="Total">What live agreements count for the year.</param>
    /// <param name="AgreedOnRosters">Fees agreed on campaign rosters without a contract for that campaign yet (not in the total).</param>
    /// <param name="Findings">Warnings, e.g. roster fees that will require a written contract.</param>
    /// <param name="NotCounted">Agreements that do not count, and why (drafts, contracts terminated before signature with nothing paid).</param>
    public sealed record Response(
        string CreatorId, int Year, Money Threshold, Money Total, bool? WrittenContractMandatory, string Explanation,
        IReadOnlyList<ContractShare> Contracts, IReadOnlyList<RosterFee> AgreedOnRosters, IReadOnlyList<ComplianceFinding> Findings,
        IReadOnlyList<NotCountedContract> NotCounted, string Rule, string RuleSource);

    public sealed record ContractShare(string ContractId, string Title, string Status, long CountedEurCents, IReadOnlyList<ThresholdItem> Items);

    /// <param name="Source">Where the fee comes from: the campaign's roster (Campaigns module).</param>
    public sealed record RosterFee(string CampaignId, string CampaignName, Money Fee, DateOnly Date, long? EurCents, string Source);

    public sealed record NotCountedContract(string ContractId, string Title, string Status, string Reason);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CreatorId).NotEmpty();
            RuleFor(r => r.Year).NotNull().InclusiveBetween(2000, 2100);
        }
    }

    internal sealed class Handler(WrittenContractThreshold threshold, IMediator mediator) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var year = request.Year!.Value;
            var rows = await threshold.LoadAsync(request.CreatorId!, cancellationToken);
            var shares = rows.Where(r => r.Counts).Select(r =>
            {
                var items = WrittenContractThreshold.Items(ContractStore.Deserialize(r.Terms), DateOnly.FromDateTime(r.CreatedAt.UtcDateTime)).Where(i => i.Date.Year == year).ToList();
                return new ContractShare(r.Id, r.Title, r.Status, items.Sum(i => i.EurCents ?? 0), items);
            }).Where(s => s.Items.Count > 0).ToList();
            var notCounted = rows.Where(r => !r.Counts).Select(r => new NotCountedContract(r.Id, r.Title, r.Status, r.Status == "draft"
                ? "A draft counts once it is sent."
                : "Terminated before signature with nothing paid.")).ToList();

            var fees = (await mediator.Send(new Campaigns.PublicQueries.GetAgreedFees.Request(request.CreatorId!), cancellationToken))
                .Where(f => f.Date.Year == year)
                .Where(f => !rows.Any(r => r.Counts && r.CampaignId == f.CampaignId))
                .Select(f => new RosterFee(f.CampaignId, f.CampaignName, f.Fee, f.Date, WrittenContractThreshold.Eur(f.Fee, null),
                    $"the roster of campaign {f.CampaignId} (Campaigns module): the fee agreed with the creator, no contract for that campaign yet"))
                .ToList();

            var total = shares.Sum(s => s.CountedEurCents);
            var unconverted = shares.SelectMany(s => s.Items.Where(i => i.EurCents is null).Select(i => $"{s.ContractId} ({i.Amount.Amount} {i.Amount.Currency})")).ToList();
            var (mandatory, explanation) = total >= WrittenContractThreshold.ThresholdEurCents
                ? (true, $"The {year} total reaches {WrittenContractThreshold.Eur(total)} excluding tax, at or above EUR 1,000: a written contract is mandatory.")
                : unconverted.Count > 0
                    ? ((bool?)null, $"{WrittenContractThreshold.Eur(total)} counted, but amounts in other currencies have no EUR rate on their contract: {string.Join(", ", unconverted)}. Add remuneration.eurRate to decide.")
                    : (false, $"The {year} total is {WrittenContractThreshold.Eur(total)} excluding tax, under EUR 1,000: a written contract is not mandatory by this rule (still advisable).");
            var findings = new List<ComplianceFinding>();
            var projected = total + fees.Sum(f => f.EurCents ?? 0);
            if (fees.Count > 0 && mandatory != true && projected >= WrittenContractThreshold.ThresholdEurCents)
            {
                findings.Add(new ComplianceFinding("FR-WRITTEN-CONTRACT-ROSTER-FEE", "warning",
                    $"Fees agreed on rosters ({string.Join(", ", fees.Select(f => $"{f.CampaignName}: {WrittenContractThreshold.Eur(f.Fee.Amount ?? 0).Replace("EUR", f.Fee.Currency, StringComparison.Ordinal)}"))}) bring {year} to {WrittenContractThreshold.Eur(projected)}: "
                    + "a written contract will be required before they are paid.", WrittenContractThreshold.Source, "FR-WRITTEN-CONTRACT-ROSTER-FEE",
                    new Dictionary<string, string> { ["year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["totalEur"] = projected.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            }

            return new Response(request.CreatorId!, year, new Money(WrittenContractThreshold.ThresholdEurCents, "EUR"), new Money(total, "EUR"), mandatory, explanation,
                shares, fees, findings, notCounted, WrittenContractThreshold.RuleId, WrittenContractThreshold.Source);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/written-contract-requirements", async (string? creatorId, int? year, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(creatorId, year), ct)))
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(GetWrittenContractRequirement))
            .WithSummary("Is a written contract mandatory with this creator this year (French EUR 1,000 cumulative threshold)?")
            .Produces<Response>();
}
