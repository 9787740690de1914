using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using MediatR;

namespace InfluenceCrm.Creators.PublicQueries;

/// <summary>
/// The creators whose address is exactly this one (ignoring case), in every workspace: what the portal's sign-in matches a
/// verified address against. Erased creators have no address and are never found. Asked without a caller (the portal's
/// sign-in has none); the Access module narrows the answer to the workspaces that invited each creator.
/// </summary>
public static class FindCreatorsByEmail
{
    public sealed record Request(string Email) : IRequest<IReadOnlyList<CreatorContact>>;

    internal static readonly Sql ByEmailKey = Sql.Both("""
        SELECT id AS Id, workspace_id AS WorkspaceId, display_name AS DisplayName, email AS Email, languages AS Languages
        FROM creator_creators WHERE email_key = @EmailKey AND erased_at IS NULL
        """);

    internal sealed class Handler(Db db) : IRequestHandler<Request, IReadOnlyList<CreatorContact>>
    {
        public async Task<IReadOnlyList<CreatorContact>> Handle(Request request, CancellationToken cancellationToken)
        {
            var email = request.Email.Trim();
            if (email.Length is 0 or > 320)
            {
                return [];
            }

            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<CreatorContact.Row>(ByEmailKey, new { EmailKey = Text.SearchKey(email) }, ct: cancellationToken);
            // The search key folds accents: only the very same address (case aside) is the creator's.
            return rows.Where(r => string.Equals(r.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase)).Select(r => r.ToContact()).ToList();
        }
    }
}

/// <summary>A creator's name, address and preferred language ("fr" or "en": the first of their languages that is one, else "fr").</summary>
public sealed record CreatorContact(string Id, string WorkspaceId, string DisplayName, string? Email, string Language)
{
    internal sealed class Row
    {
        public string Id { get; init; } = "";
        public string WorkspaceId { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? Email { get; init; }
        public string Languages { get; init; } = "";

        public CreatorContact ToContact() => new(Id, WorkspaceId, DisplayName, Email,
            Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Split('-')[0].ToLowerInvariant()).FirstOrDefault(l => l is "fr" or "en") ?? "fr");
    }
}
