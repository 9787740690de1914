using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// Opens the creator's portal to one of the workspace's creators (admin, brand): a sign-in link (15 minutes, once) is mailed to the
/// creator's address, in the creator's language, under the workspace's name and logo; the link is never returned. Sent again,
/// it mails a new link. From then on the creator can also ask for a link at /portal. A creator without an address: 409.
/// </summary>
public static class InviteCreatorToPortal
{
    public sealed record Request(string CreatorId) : IRequest<Response>;

    /// <param name="SentTo">The address the link was mailed to.</param>
    public sealed record Response(string CreatorId, string SentTo, string Language, DateTimeOffset InvitedAt);

    internal sealed class Handler(Caller caller, PortalLinks portal, IMediator mediator, TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var creator = await mediator.Send(new GetCreatorContact.Request(request.CreatorId), cancellationToken);
            if (string.IsNullOrWhiteSpace(creator.Email))
            {
                throw new ConflictException("This creator has no e-mail address: add one to the creator before opening the portal to them.");
            }

            await portal.InviteAsync(caller.WorkspaceId, creator, caller.KeyId, cancellationToken);
            return new Response(creator.Id, PortalLinks.Normalize(creator.Email), creator.Language, clock.GetUtcNow());
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/portal-invitations", async (string id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.PortalInvitations)
            .WithName(nameof(InviteCreatorToPortal))
            .WithSummary("Invite a creator to the creator's portal (admin, brand): a sign-in link is mailed to them, never returned")
            .Produces<Response>();
}
