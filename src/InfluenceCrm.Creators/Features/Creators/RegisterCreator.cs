using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Audit;
using FluentValidation;
using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

public static class RegisterCreator
{
    public sealed record Request : CreatorFields, IRequest<CreatorView>
    {
        public string? Stage { get; init; }
        public IReadOnlyList<SocialAccountInput>? SocialAccounts { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            Include(new CreatorFieldsValidator(clock));
            RuleFor(r => r.Stage).Must(s => CreatorRules.Stages.Contains(s!))
                .WithMessage($"stage must be one of: {Vocabulary.ListOf(CreatorRules.Stages)}.").When(r => r.Stage is not null);
            RuleFor(r => r.SocialAccounts).Must(a => a!.Count <= 20).WithMessage("At most 20 social accounts.")
                .Must(a => a!.Where(x => x is not null && x.Platform is not null && x.Handle is not null)
                    .GroupBy(x => (x.Platform, CreatorRules.HandleKey(x.Handle!))).All(g => g.Count() == 1))
                .WithMessage("The same platform and handle appear twice.")
                .When(r => r.SocialAccounts is not null);
            RuleForEach(r => r.SocialAccounts).NotNull().SetValidator(new SocialAccountValidator(clock));
        }
    }

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, CreatorView>
    {
        public Task<CreatorView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var id = await store.InsertAsync(c, tx, caller.WorkspaceId, request, request.Stage ?? "prospect",
                    request.SocialAccounts ?? [], cancellationToken);
                await audit.RecordAsync(c, tx, "creator.created", "creator", id, null, cancellationToken);
                var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, id, tx, cancellationToken);
                await webhooks.PublishAsync(c, tx, CreatorEvents.Created, creator, cancellationToken);
                return creator;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("", async (Request request, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var creator = await mediator.Send(request, ct);
                http.Response.Headers.ETag = ETags.For(creator.Version);
                return Results.Created($"/api/v1/creators/{creator.Id}", creator);
            })
            .RequireAuthorization(Policies.Write)
            .Idempotent()
            .WithName(nameof(RegisterCreator))
            .WithSummary("Register a creator with their social accounts")
            .Produces<CreatorView>(StatusCodes.Status201Created);
}
