using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// A person signs out of the console: the session the cookie names ends on the server, so a copy of that cookie (another
/// tab, a stolen copy) no longer works either. The console's sign-out form (with its antiforgery token) sends it.
/// </summary>
public static class SignOut
{
    public sealed record Request(string? SessionId) : IRequest<bool>;

    internal sealed class Handler(Sessions sessions) : IRequestHandler<Request, bool>
    {
        public async Task<bool> Handle(Request request, CancellationToken cancellationToken)
        {
            if (request.SessionId is not { Length: > 0 } id)
            {
                return false;
            }

            await sessions.RevokeAsync(id, cancellationToken);
            return true;
        }
    }
}
