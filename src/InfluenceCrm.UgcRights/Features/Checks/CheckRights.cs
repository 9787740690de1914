using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// The question legal asks: may asset X be used on channel Y in territory Z on date D, with or without modification?
/// Answers allowed / blocked / review, naming the covering grant or every reason it is not covered. One check or up to
/// 500 at once; every verdict is recorded in the audit log.
/// </summary>
public static class CheckRights
{
    public const int MaxBatch = 500;

    /// <param name="Licensee">Who will use the asset: a grant naming other licensees does not clear it.</param>
    /// <param name="Purpose">What the use is for: a grant for another stated purpose goes to review.</param>
    /// <param name="Attribution">Whether the use credits the author: a grant requiring attribution does not cover a use without it; not said: review.</param>
    public sealed record Check(string? AssetId, string? Channel, string? Territory, DateOnly? Date, bool? Modification, string? Licensee = null,
        string? Purpose = null, bool? Attribution = null);

    public sealed record Request(Check Check) : IRequest<CheckResult>;

    public sealed record BatchRequest(IReadOnlyList<Check>? Checks) : IRequest<BatchResponse>;

    public sealed record CheckResult(string AssetId, string Channel, string Territory, DateOnly Date, bool Modification, string Verdict, string? GrantId,
        IReadOnlyList<ReasonView> Reasons);

    /// <param name="Source">The legal text the reason applies.</param>
    /// <param name="Args">The message's values (channel and territory codes, ISO dates, names): a client writes the reason in its own language from code and args.</param>
    public sealed record ReasonView(string Code, string Message, string? GrantId, string? PersonId, string Source, IReadOnlyDictionary<string, string>? Args = null);

    public sealed record BatchResponse(IReadOnlyList<CheckResult> Results);

    internal sealed class CheckValidator : AbstractValidator<Check>
    {
        public CheckValidator()
        {
            RuleFor(c => c.AssetId).NotEmpty();
            RuleFor(c => c.Channel).Must(ch => ch is not null && UgcRules.Channels.Contains(ch) && ch != "all")
                .WithMessage($"channel is one of: {string.Join(", ", UgcRules.Channels.Where(c => c != "all"))}.");
            RuleFor(c => c.Territory).Must(t => t is not null && Vocabulary.Countries.Contains(t)).WithMessage("territory is an ISO 3166-1 alpha-2 code, e.g. FR.");
            RuleFor(c => c.Licensee).MaximumLength(300);
            RuleFor(c => c.Purpose).MaximumLength(1000);
        }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Check).SetValidator(new CheckValidator()).OverridePropertyName("");
    }

    internal sealed class BatchValidator : AbstractValidator<BatchRequest>
    {
        public BatchValidator()
        {
            RuleFor(r => r.Checks).NotEmpty().Must(c => c is null || c.Count <= MaxBatch).WithMessage($"Send 1 to {MaxBatch} checks.");
            RuleForEach(r => r.Checks).NotNull().SetValidator(new CheckValidator());
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit) : IRequestHandler<Request, CheckResult>, IRequestHandler<BatchRequest, BatchResponse>
    {
        public async Task<CheckResult> Handle(Request request, CancellationToken cancellationToken) =>
            (await RunAsync([request.Check], cancellationToken))[0];

        public async Task<BatchResponse> Handle(BatchRequest request, CancellationToken cancellationToken) =>
            new(await RunAsync(request.Checks!, cancellationToken));

        private Task<IReadOnlyList<CheckResult>> RunAsync(IReadOnlyList<Check> checks, CancellationToken ct) =>
            db.InTransactionAsync<IReadOnlyList<CheckResult>>(async (c, tx) =>
            {
                var verdicts = new List<CheckResult>();
                foreach (var check in checks)
                {
                    var date = check.Date ?? store.Today;
                    var modification = check.Modification ?? false;
                    var context = await store.LoadCheckContextAsync(c, caller.WorkspaceId, check.AssetId!, tx, ct);
                    var answer = context.Evaluate(new RightsCheck.Question(check.Channel!, check.Territory!, date, modification, check.Licensee, check.Purpose,
                        check.Attribution));
                    await audit.RecordAsync(c, tx, $"ugc.rights_check.{answer.Verdict}", "asset", check.AssetId!, new
                    {
                        channel = check.Channel,
                        territory = check.Territory,
                        date,
                        modification,
                        attribution = check.Attribution,
                        grantId = answer.GrantId,
                        reasons = answer.Reasons.Select(r => r.Code).ToList(),
                    }, ct);
                    verdicts.Add(new CheckResult(check.AssetId!, check.Channel!, check.Territory!, date, modification, answer.Verdict, answer.GrantId,
                        answer.Reasons.Select(r => new ReasonView(r.Code, r.Message, r.GrantId, r.PersonId, r.Source, r.Args)).ToList()));
                }

                return verdicts;
            }, ct);
    }

    internal static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/rights-checks", async (Check check, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(check), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(CheckRights))
            .WithSummary("May this asset be used on this channel, in this territory, on this date (with or without modification)?")
            .Produces<CheckResult>();
        group.MapPost("/rights-checks/batch", async (BatchRequest request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("CheckRightsBatch")
            .WithSummary($"The same check for up to {MaxBatch} assets at once")
            .Produces<BatchResponse>();
    }
}
