using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// The audit log as legal reads it in the console (the page and its CSV export): the filters as typed (days, blanks) sent as
/// <see cref="ListAuditLog"/>'s request, and the people and invitations the entries name by id (as actor or entity; removed
/// members too), resolved at read time since the log holds ids only: a person by name (and e-mail for admins), an
/// invitation by its address for admins only.
/// </summary>
public static partial class ReadAuditLog
{
    public const int MaxExportRows = 100_000;

    /// <param name="From">The first day, yyyy-MM-dd (UTC); <paramref name="To"/> includes its whole day.</param>
    public sealed record Request(string? EntityType, string? EntityId, string? Actor, string? From, string? To, string? Cursor, int Limit)
        : IRequest<Response>;

    /// <param name="Named">Who the people and invitations named by the entries are, by id.</param>
    public sealed record Response(IReadOnlyList<ListAuditLog.AuditEntryView> Items, string? NextCursor, IReadOnlyDictionary<string, string> Named);

    internal static bool IsAdmin(Caller caller) => Policies.RolesFor[Policies.Admin].Contains(caller.Role);

    internal sealed class Handler(IMediator mediator, Caller caller, People people) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request r, CancellationToken cancellationToken)
        {
            var page = await mediator.Send(new ListAuditLog.Request
            {
                EntityType = Blank(r.EntityType),
                EntityId = Blank(r.EntityId),
                Actor = Blank(r.Actor),
                From = DateOnly.TryParse(r.From, CultureInfo.InvariantCulture, out var f)
                    ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                To = DateOnly.TryParse(r.To, CultureInfo.InvariantCulture, out var t)
                    ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1) : null,
                Cursor = string.IsNullOrWhiteSpace(r.Cursor) ? null : r.Cursor,
                Limit = r.Limit,
            }, cancellationToken);
            var admin = IsAdmin(caller);
            var ids = page.Items.SelectMany(e => new[] { e.Actor, e.EntityId })
                .Where(id => id.StartsWith("usr_", StringComparison.Ordinal) || id.StartsWith("inv_", StringComparison.Ordinal)).Distinct().ToList();
            var named = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var n in ids.Count == 0 ? [] : await people.NamedAsync(caller.WorkspaceId, ids, cancellationToken))
            {
                if (n.DisplayName is { } name)
                {
                    named[n.Id] = admin ? $"{name} <{n.Email}>" : name;
                }
                else if (admin)
                {
                    named[n.Id] = $"invitation for {n.Email}";
                }
            }

            await NameRecordsAsync(page.Items, named, cancellationToken);
            return new Response(page.Items, page.NextCursor, named);
        }

        /// <summary>Campaigns and creators the entries name (as the record or in their details), by their names today.</summary>
        private async Task NameRecordsAsync(IReadOnlyList<ListAuditLog.AuditEntryView> entries, Dictionary<string, string> named, CancellationToken ct)
        {
            var ids = entries.SelectMany(e => RecordIds().Matches($"{e.EntityId} {e.Details}").Select(m => m.Value)).Distinct().ToList();
            var campaigns = ids.Where(id => id.StartsWith("cmp_", StringComparison.Ordinal)).ToList();
            if (campaigns.Count > 0)
            {
                foreach (var (id, campaign) in await mediator.Send(new GetCampaignSummaries.Request(campaigns), ct))
                {
                    named[id] = campaign.Name;
                }
            }

            var creators = ids.Where(id => id.StartsWith("cr_", StringComparison.Ordinal)).ToList();
            if (creators.Count > 0)
            {
                foreach (var (id, creator) in await mediator.Send(new GetCreatorSummaries.Request(creators), ct))
                {
                    named[id] = creator.DisplayName;
                }
            }
        }

        private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    [GeneratedRegex(@"\b(cmp|cr)_[0-9A-Za-z]+")]
    private static partial Regex RecordIds();

    /// <summary>GET /legal/audit.csv: the filtered entries, newest first, as CSV (formulas neutralised), paged through the request.</summary>
    internal static void MapExport(IEndpointRouteBuilder app) =>
        app.MapGet("/legal/audit.csv", async (HttpContext http, IMediator mediator, string? entityType, string? entityId, string? actor, string? from,
                string? to, CancellationToken ct) =>
            {
                ConsoleAccess.Demand(http.User, Policies.PersonalData);
                var names = await mediator.Send(new ListAuditActors.Request(), ct);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-log-{DateTime.UtcNow:yyyy-MM-dd}.csv\"";
                // Each page is written to a buffer, then sent asynchronously (the response refuses synchronous writes).
                var header = true;
                string? cursor = null;
                var rows = 0;
                do
                {
                    var page = await mediator.Send(new Request(entityType, entityId, actor, from, to, cursor, 200), ct);
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
                            var actorName = names.GetValueOrDefault(e.Actor) ?? page.Named.GetValueOrDefault(e.Actor, "");
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
