using System.Globalization;
using CsvHelper;
using InfluenceCrm.Access.Features;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access;

/// <summary>The audit log as legal reads it: who an actor id is (a member, an API key, the release form), the page's filters as the API's request, and the
/// export.</summary>
internal static class AuditActors
{
    public const int MaxExportRows = 100_000;

    /// <summary>
    /// Who the actor ids are, as far as the reader may know: members by name (their e-mail only for admins, who see the
    /// members page), API keys by name and role only for admins (the API lists keys to admins alone).
    /// </summary>
    public static async Task<Dictionary<string, string>> NamesAsync(IMediator mediator, System.Security.Claims.ClaimsPrincipal reader)
    {
        var admin = ConsoleAccess.Allows(reader, Policies.Admin);
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["release_form"] = "release form (a creator's answer)" };
        string? cursor = null;
        do
        {
            var members = await mediator.Send(new ListMembers.Request { Limit = 200, Cursor = cursor });
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
            var keys = await mediator.Send(new ListApiKeys.Request { Limit = 200, Cursor = cursor });
            foreach (var k in keys.Items)
            {
                names[k.Id] = $"API key \"{k.Name}\" ({k.Role})";
            }

            cursor = keys.NextCursor;
        }
        while (cursor is not null);

        return names;
    }

    /// <summary>
    /// The people and invitations that entries name by id (as actor or entity; removed members too), resolved at read time
    /// since the log holds ids only: a person by name (and e-mail for admins), an invitation by its address for admins only.
    /// </summary>
    public static async Task<Dictionary<string, string>> NamedInAsync(IMediator mediator, System.Security.Claims.ClaimsPrincipal reader,
        IEnumerable<ListAuditLog.AuditEntryView> entries)
    {
        var admin = ConsoleAccess.Allows(reader, Policies.Admin);
        var ids = entries.SelectMany(e => new[] { e.Actor, e.EntityId })
            .Where(id => id.StartsWith("usr_", StringComparison.Ordinal) || id.StartsWith("inv_", StringComparison.Ordinal)).Distinct().ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = await mediator.Send(new NameAuditedPeople.Request(ids));
        foreach (var n in found)
        {
            if (n.DisplayName is { } name)
            {
                names[n.Id] = admin ? $"{name} <{n.Email}>" : name;
            }
            else if (admin)
            {
                names[n.Id] = $"invitation for {n.Email}";
            }
        }

        return names;
    }

    /// <summary>The page's filters (days, blanks) as the API's request: "to" includes its whole day.</summary>
    public static ListAuditLog.Request Request(string? entityType, string? entityId, string? actor, string? from, string? to, string? cursor,
        int limit) => new()
        {
            EntityType = Blank(entityType),
            EntityId = Blank(entityId),
            Actor = Blank(actor),
            From = DateOnly.TryParse(from, CultureInfo.InvariantCulture, out var f) ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            To = DateOnly.TryParse(to, CultureInfo.InvariantCulture, out var t)
            ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1) : null,
            Cursor = cursor,
            Limit = limit,
        };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>GET /legal/audit.csv: the filtered entries, newest first, as CSV (formulas neutralised), paged through the API's request.</summary>
    public static void MapExport(IEndpointRouteBuilder app) =>
        app.MapGet("/legal/audit.csv", async (HttpContext http, IMediator mediator, string? entityType, string? entityId, string? actor, string? from,
                string? to, CancellationToken ct) =>
            {
                ConsoleAccess.Demand(http.User, Policies.PersonalData);
                var names = await NamesAsync(mediator, http.User);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-log-{DateTime.UtcNow:yyyy-MM-dd}.csv\"";
                // Each page is written to a buffer, then sent asynchronously (the response refuses synchronous writes).
                var header = true;
                string? cursor = null;
                var rows = 0;
                do
                {
                    var page = await mediator.Send(Request(entityType, entityId, actor, from, to, cursor, 200), ct);
                    var named = await NamedInAsync(mediator, http.User, page.Items);
                    using var text = new StringWriter(CultureInfo.InvariantCulture);
                    using (var csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\r\n", Injection = CsvInjection.Escape }, true))
                    {
                        if (header)
                        {
                            foreach (var name in new[] { "occurred_at", "action", "entity_type", "entity_id", "actor", "actor_name", "details" })
                            {
                                csv.WriteField(name);
                            }

                            csv.EndRecord();
                            header = false;
                        }

                        foreach (var e in page.Items)
                        {
                            var actorName = names.GetValueOrDefault(e.Actor) ?? named.GetValueOrDefault(e.Actor, "");
                            foreach (var cell in new[] { e.OccurredAt.ToString("O",
                                CultureInfo.InvariantCulture), e.Action, e.EntityType, e.EntityId, e.Actor, actorName, e.Details ?? "" })
                            {
                                csv.WriteField(cell);
                            }

                            csv.EndRecord();
                        }
                    }

                    await http.Response.WriteAsync(text.ToString(), ct);
                    rows += page.Items.Count;
                    cursor = page.NextCursor;
                }
                while (cursor is not null && rows < MaxExportRows);
            }).RequireAuthorization().ExcludeFromDescription();
}
