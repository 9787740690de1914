using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.UgcRights.PublicQueries;
using System.Text.RegularExpressions;
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
/// Records the author's reply to a comment or DM request. A reply from the asset's author containing the approval
/// hashtag (as a whole tag, any case) grants the proposed terms; any other reply goes to needs_review.
/// </summary>
public static class RecordRequestReply
{
    public sealed record Body(string? AuthorHandle, string? Text, DateTimeOffset? ReceivedAt, string? Permalink);

    public sealed record Request(string RequestId, string? AuthorHandle, string? Text, DateTimeOffset? ReceivedAt, string? Permalink) : IRequest<RightsRequestView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(r => r.AuthorHandle).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Text).NotEmpty().MaximumLength(10_000);
            RuleFor(r => r.ReceivedAt).NotNull().LessThanOrEqualTo(_ => clock.GetUtcNow().AddMinutes(5));
            RuleFor(r => r.Permalink).MaximumLength(2048);
        }
    }

    public static bool HasApproval(string text, string hashtag) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}_#]){Regex.Escape(hashtag)}(?![\p{{L}}\p{{N}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, RightsRequestView>
    {
        public Task<RightsRequestView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var request = await store.LoadRequestAsync(c, caller.WorkspaceId, r.RequestId, tx, cancellationToken);
                var status = request.EffectiveStatus(r.ReceivedAt!.Value);
                if (r.ReceivedAt < request.CreatedAt)
                {
                    throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("receivedAt",
                        $"The reply is dated before the request it would answer ({request.CreatedAt:yyyy-MM-dd HH:mm} UTC): it proves nothing about it.")]);
                }

                if (request.Method == "release_form")
                {
                    throw new ConflictException("A release-form request is answered on its form, not by a reply.");
                }

                if (status != "requested")
                {
                    throw new ConflictException(status == "expired"
                        ? $"The request expired on {request.ExpiresAt:yyyy-MM-dd}; ask again."
                        : $"The request is already {status}.");
                }

                var asset = await store.LoadAssetAsync(c, caller.WorkspaceId, request.AssetId, tx, cancellationToken);
                var byAuthor = string.Equals(r.AuthorHandle!.Trim().TrimStart('@'), asset.AuthorHandle, StringComparison.OrdinalIgnoreCase);
                var approves = byAuthor && HasApproval(r.Text!, request.ApprovalHashtag!);
                var replyId = Ids.New("rep");
                await c.ExecuteAsync(UgcStore.InsertReply, new
                {
                    Id = replyId,
                    caller.WorkspaceId,
                    RequestId = request.Id,
                    r.ReceivedAt,
                    r.AuthorHandle,
                    r.Text,
                    Outcome = approves ? "granted" : "needs_review",
                    store.Now,
                }, tx, cancellationToken);

                string? grantId = null;
                if (approves)
                {
                    var evidence = new Evidence(request.Method == "dm" ? "dm_reply" : "comment_reply", r.Permalink ?? $"reply:{replyId}", r.ReceivedAt,
                        $"request:{request.Id}", Digest.Sha256Hex(r.Text!), null);
                    grantId = await store.InsertGrantAsync(c, tx, caller.WorkspaceId, asset.Id, request.Id, request.Terms, evidence, null, cancellationToken);
                }

                if (await c.ExecuteAsync(UgcStore.SetRequestOutcome, new
                {
                    request.Id,
                    caller.WorkspaceId,
                    Status = approves ? "granted" : "needs_review",
                    GrantId = grantId,
                    store.Now,
                    request.Version,
                }, tx, cancellationToken) == 0)
                {
                    throw new PreconditionFailedException(ETags.For(request.Version + 1));
                }

                await audit.RecordAsync(c, tx, approves ? "ugc.request_granted" : "ugc.reply_needs_review", "asset", asset.Id,
                    new { requestId = request.Id, replyId, grantId, byAuthor }, cancellationToken);
                var answered = (await store.LoadRequestAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken)).ToView(store.Now);
                await webhooks.PublishAsync(c, tx, approves ? UgcRightsEvents.RightsRequestGranted : UgcRightsEvents.RightsRequestNeedsReview, answered,
                    cancellationToken);
                return answered;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/rights-requests/{id}/replies", async (string id, Body b, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, b.AuthorHandle, b.Text, b.ReceivedAt, b.Permalink), ct)))
            .RequireAuthorization(Policies.UgcWork)
            .WithName(nameof(RecordRequestReply))
            .WithSummary("Record the author's reply: the approval hashtag grants the proposed terms, anything else needs review")
            .Produces<RightsRequestView>();
}
