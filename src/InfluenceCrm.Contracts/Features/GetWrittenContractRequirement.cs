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
/// French law: a written contract is mandatory once the remuneration plus in-kind value paid by one advertiser (this
/// workspace) to one influencer in a calendar year reaches EUR 1,000 excluding tax — cumulated over every contract of
/// the year. Amounts fall in the year they are due: each milestone on its due date, the rest of the fee and the in-kind
/// value on the contract's start (else creation) date. Other currencies are converted with the rate written on the
/// contract (remuneration.eurRate), never guessed; without one the answer says what it could not count.
/// </summary>
public static class GetWrittenContractRequirement
{
    public const long ThresholdEurCents = 100_000;
    public const string RuleId = "FR-WRITTEN-CONTRACT-THRESHOLD";
    public const string Source = "Loi n° 2023-451 du 9 juin 2023, art. 8; décret n° 2025-1137 (seuil de 1 000 € HT par année civile, en vigueur le 1er janvier 2026)";

    public sealed record Request(string? CreatorId, int? Year) : IRequest<Response>;

    public sealed record Response(
        string CreatorId, int Year, Money Threshold, Money Total, bool? WrittenContractMandatory, string Explanation,
        IReadOnlyList<ContractShare> Contracts, string Rule, string RuleSource);

    public sealed record ContractShare(string ContractId, string Title, string Status, long CountedEurCents, IReadOnlyList<Item> Items);

    /// <param name="EurCents">Null when the amount is in another currency and the contract states no EUR rate.</param>
    public sealed record Item(string Kind, string Label, DateOnly Date, Money Amount, long? EurCents);

    public static readonly Sql ContractsOfCreator = Sql.Both("""
        SELECT c.id AS Id, c.title AS Title, c.status AS Status, c.created_at AS CreatedAt, t.terms AS Terms
        FROM contract_contracts c JOIN contract_terms_versions t ON t.contract_id = c.id AND t.terms_version = c.current_terms_version
        WHERE c.workspace_id = @WorkspaceId AND c.creator_id = @CreatorId
        ORDER BY c.created_at, c.id
        """);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string Terms { get; init; } = "{}";
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CreatorId).NotEmpty();
            RuleFor(r => r.Year).NotNull().InclusiveBetween(2000, 2100);
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var year = request.Year!.Value;
            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<Row>(ContractsOfCreator, new { caller.WorkspaceId, request.CreatorId }, ct: cancellationToken);
            var shares = rows.Select(r =>
            {
                var terms = ContractStore.Deserialize(r.Terms);
                var items = Items(terms, DateOnly.FromDateTime(r.CreatedAt.UtcDateTime)).Where(i => i.Date.Year == year).ToList();
                return new ContractShare(r.Id, r.Title, r.Status, items.Sum(i => i.EurCents ?? 0), items);
            }).Where(s => s.Items.Count > 0).ToList();

            var total = shares.Sum(s => s.CountedEurCents);
            var unconverted = shares.SelectMany(s => s.Items.Where(i => i.EurCents is null).Select(i => $"{s.ContractId} ({i.Amount.Amount} {i.Amount.Currency})")).ToList();
            var (mandatory, explanation) = total >= ThresholdEurCents
                ? (true, $"The {year} total reaches EUR {total / 100m:0.00} excluding tax, at or above EUR 1,000: a written contract is mandatory.")
                : unconverted.Count > 0
                    ? ((bool?)null, $"EUR {total / 100m:0.00} counted, but amounts in other currencies have no EUR rate on their contract: {string.Join(", ", unconverted)}. Add remuneration.eurRate to decide.")
                    : (false, $"The {year} total is EUR {total / 100m:0.00} excluding tax, under EUR 1,000: a written contract is not mandatory by this rule (still advisable).");
            return new Response(request.CreatorId!, year, new Money(ThresholdEurCents, "EUR"), new Money(total, "EUR"), mandatory, explanation, shares, RuleId, Source);
        }

        private static IEnumerable<Item> Items(ContractTerms terms, DateOnly created)
        {
            var rate = terms.Remuneration?.EurRate;
            long? Eur(Money m) => m.Currency == "EUR" ? m.Amount : rate is { } r ? (long)Math.Round(m.Amount!.Value * r, MidpointRounding.AwayFromZero) : null;
            var anchor = terms.StartsOn ?? created;
            var milestones = terms.Milestones ?? [];
            foreach (var m in milestones.Where(m => m.Amount is not null && m.DueOn is not null))
            {
                yield return new Item("milestone", m.Label ?? "", m.DueOn!.Value, m.Amount!, Eur(m.Amount!));
            }

            if (terms.Remuneration?.Fee is { Amount: not null } fee)
            {
                var scheduled = milestones.Where(m => m.Amount?.Currency == fee.Currency).Sum(m => m.Amount!.Amount ?? 0);
                if (fee.Amount > scheduled)
                {
                    var rest = new Money(fee.Amount - scheduled, fee.Currency);
                    yield return new Item("fee", scheduled > 0 ? "fee not scheduled in milestones" : "fee", anchor, rest, Eur(rest));
                }
            }

            if (terms.Remuneration?.InKindValue is { Amount: > 0 } inKind)
            {
                yield return new Item("in_kind", terms.Remuneration.InKindDescription ?? "in-kind benefit", anchor, inKind, Eur(inKind));
            }
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
