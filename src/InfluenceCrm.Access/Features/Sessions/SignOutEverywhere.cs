using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// A signed-in person ends every one of their console sessions, this one included (a lost phone, a shared computer): each
/// ends at its next request. From the person's own page (/account). Only a person may: an API key has no sessions (403).
/// Audited as person.sessions_ended in the workspace the person is in. An admin does the same for a member with
/// <see cref="EndMemberSessions"/>.
/// </summary>
public static class SignOutEverywhere
{
    public sealed record Request : IRequest<int>;

    internal sealed class Handler(Db db, Sessions sessions, AuditLog audit, IHttpContextAccessor http) : IRequestHandler<Request, int>
    {
        public Task<int> Handle(Request request, CancellationToken cancellationToken)
        {
            var person = http.HttpContext?.User.FindFirst(ConsoleAccess.PersonClaim)?.Value
                ?? throw new ForbiddenException("Only a person signed in to the console has sessions to end.");
            return db.InTransactionAsync(async (c, tx) =>
            {
                var ended = await sessions.RevokeAllAsync(c, tx, person, null, cancellationToken);
                await audit.RecordAsync(c, tx, "person.sessions_ended", "person", person, new { ended, by = "self" }, cancellationToken);
                return ended;
            }, cancellationToken);
        }
    }
}
