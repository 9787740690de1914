using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>The invitation a mailed link opens, while it is pending; null for an unknown, used, expired, resent or revoked link.</summary>
public static class GetPendingInvitation
{
    public sealed record Request(string Token) : IRequest<People.InvitationRow?>;

    internal sealed class Handler(People people) : IRequestHandler<Request, People.InvitationRow?>
    {
        public Task<People.InvitationRow?> Handle(Request request, CancellationToken cancellationToken) =>
            people.FindInvitationAsync(request.Token, cancellationToken);
    }
}
