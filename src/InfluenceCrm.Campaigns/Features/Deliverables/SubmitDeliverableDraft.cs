using FluentValidation;
using FluentValidation.Results;
using InfluenceCrm.Media.PublicQueries;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// A creator's draft (caption and media references): planned → draft_submitted, changes_requested → resubmitted. A media
/// reference is an external http(s) URL or the id of a file stored here (med_…, from POST /api/v1/media): each id must be a file
/// of the workspace, and the draft keeps its url, type, size and SHA-256 (<see cref="DraftView.Files"/>); the files become the
/// creator's (their erasure deletes them). A file may be in one creator's drafts only: a file another creator uploaded in the
/// portal, or already in another creator's draft, is refused (400, the field Media[i]); from the portal, a creator's draft takes
/// only the files that creator uploaded. The creator's portal sends this same request, for that creator's deliverables only.
/// </summary>
public static class SubmitDeliverableDraft
{
    public sealed record Body(string? Caption, IReadOnlyList<string>? Media, string? Comment);

    public sealed record Request(string CampaignId, string DeliverableId, string? Caption, IReadOnlyList<string>? Media, string? Comment, long? ExpectedVersion)
        : IRequest<DeliverableView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Caption).NotEmpty().WithMessage("caption is required.").MaximumLength(10_000);
            RuleFor(r => r.Media).Must(m => m is null || m.Count <= 30).WithMessage("At most 30 media references.");
            RuleForEach(r => r.Media).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(2048)
                .Must(m => DraftView.IsWebLink(m) || MediaFile.IsMediaId(m))
                .WithMessage("Each media reference is an absolute http or https URL, or the id of a stored file (med_…).");
            RuleFor(r => r.Comment).MaximumLength(5000);
        }
    }

    internal sealed class Handler(DeliverableWorkflow workflow, IMediator mediator, Caller caller) : IRequestHandler<Request, DeliverableView>
    {
        public async Task<DeliverableView> Handle(Request r, CancellationToken cancellationToken)
        {
            var media = r.Media ?? [];
            var portalCreator = caller.PortalCreatorId;
            var deliverable = portalCreator is not null || media.Any(MediaFile.IsMediaId)
                ? await mediator.Send(new GetDeliverable.Request(r.CampaignId, r.DeliverableId), cancellationToken)
                : null;

            // From the portal, a creator submits to their own deliverables only: any other is 404, as in another workspace.
            if (portalCreator is not null && deliverable!.CreatorId != portalCreator)
            {
                throw new NotFoundException("deliverable", r.DeliverableId);
            }

            var stored = await mediator.Send(new GetMediaFiles.Request(media), cancellationToken);
            var owners = stored.Count == 0 ? new Dictionary<string, GetMediaOwners.Owners>()
                : await mediator.Send(new GetMediaOwners.Request(stored.Keys.ToList()), cancellationToken);
            var refused = media.Select((m, i) => (m, i)).Where(x => MediaFile.IsMediaId(x.m))
                .Select(x => Refusal(x.m, x.i, stored.ContainsKey(x.m), owners.GetValueOrDefault(x.m), deliverable!.CreatorId, portalCreator))
                .OfType<ValidationFailure>().ToList();
            if (refused.Count > 0)
            {
                throw new ValidationException(refused);
            }

            var files = media.Where(stored.ContainsKey).Distinct(StringComparer.Ordinal).Select(m => stored[m]).ToList();
            if (files.Count > 0)
            {
                // Before the step's own transaction (SQLite has one writer at a time): a draft refused after this (a stale If-Match)
                // still leaves the files the creator's, which only means their erasure deletes them too.
                await mediator.Send(new LinkMediaToCreator.Request(deliverable!.CreatorId, files.Select(f => f.Id).ToList()), cancellationToken);
            }

            return await workflow.MoveAsync(r.CampaignId, r.DeliverableId, r.ExpectedVersion, "submit",
                (_, _) => new DeliverableWorkflow.Change(new DraftView(r.Caption, media, files), null, r.Comment, r.Caption), cancellationToken);
        }
    }

    /// <summary>Why the draft may not name this stored file, or null when it may.</summary>
    private static ValidationFailure? Refusal(string id, int index, bool known, GetMediaOwners.Owners? owners, string creatorId, string? portalCreator)
    {
        var field = $"Media[{index}]";
        if (!known || owners is null)
        {
            return new ValidationFailure(field, $"No stored file with id '{id}' in this workspace.");
        }

        if (portalCreator is not null && owners.UploadedBy != portalCreator)
        {
            return new ValidationFailure(field, $"The stored file '{id}' was not uploaded by you: a draft takes only the files you upload.");
        }

        var uploadedByAnotherCreator = owners.UploadedBy.StartsWith("cr_", StringComparison.Ordinal) && owners.UploadedBy != creatorId;
        return uploadedByAnotherCreator || owners.Creators.Any(c => c != creatorId)
            ? new ValidationFailure(field, $"The stored file '{id}' is another creator's (uploaded by them or in their draft): a draft takes only "
                + "files of its own creator or files the brand uploaded for it.")
            : null;
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/deliverables/{deliverableId}/drafts",
            async (string id, string deliverableId, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var deliverable = await mediator.Send(new Request(id, deliverableId, body.Caption, body.Media, body.Comment, expected), ct);
                return ETags.Ok(http, deliverable, deliverable.Version);
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(SubmitDeliverableDraft))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Submit (or resubmit) a draft for review (If-Match: the deliverable's ETag)")
            .Produces<DeliverableView>();
}
