using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// Who the actor ids of the audit log are, as far as the reader may know (the console's actor filter and the CSV export):
/// members by name (their e-mail only for admins, who see the members page), API keys by name and role only for admins
/// (the API lists keys to admins alone), and the release form.
/// </summary>
public static class ListAuditActors
{
    public sealed record Request : IRequest<IReadOnlyDictionary<string, string>>;

    internal sealed class Handler(IMediator mediator, Caller caller) : IRequestHandler<Request, IReadOnlyDictionary<string, string>>
    {
        public async Task<IReadOnlyDictionary<string, string>> Handle(Request request, CancellationToken cancellationToken)
        {
            var admin = ReadAuditLog.IsAdmin(caller);
            var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["release_form"] = "release form (a creator's answer)" };
            string? cursor = null;
            do
            {
                var members = await mediator.Send(new ListMembers.Request { Limit = 200, Cursor = cursor }, cancellationToken);
                foreach (var m in members.Items)
                {
                    names[m.PersonId] = admin ? $"{m.DisplayName} <{m.Email}>" : m.DisplayName;
                }

                cursor = members.NextCursor;
            }
            while (cursor is not null);

            if (!admin)
            {
                return names;
            }

            do
            {
                var keys = await mediator.Send(new ListApiKeys.Request { Limit = 200, Cursor = cursor }, cancellationToken);
                foreach (var k in keys.Items)
                {
                    names[k.Id] = $"API key \"{k.Name}\" ({k.Role})";
                }

                cursor = keys.NextCursor;
            }
            while (cursor is not null);

            return names;
        }
    }
}
