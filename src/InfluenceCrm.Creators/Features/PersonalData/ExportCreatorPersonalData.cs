using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>
/// GDPR right of access (art. 15): everything the workspace holds on the person, and why it holds it. The creator record
/// is this module's; what the other modules hold (roster notes, deliverables, contracts and their parties' terms, UGC
/// assets and rights, links and promo codes) each adds under its name in <c>modules</c>, answering <see cref="CreatorDataRequested"/>.
/// </summary>
public static class ExportCreatorPersonalData
{
    public sealed record Request(string CreatorId) : IRequest<Response>;

    public sealed record Response(
        DateTimeOffset ExportedAt,
        string LawfulBasis,
        string Purposes,
        CreatorView Creator,
        IReadOnlyDictionary<string, object> Modules,
        IReadOnlyList<AuditLog.Entry> History);

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, AuditLog audit, IMediator mediator) : IRequestHandler<Request, Response>
    {
        public Task<Response> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, tx, cancellationToken);
                await audit.RecordAsync(c, tx, "creator.personal_data_exported", "creator", creator.Id, ct: cancellationToken);
                var handles = CreatorRules.PlatformHandles(creator);
                var export = new PersonalDataExport();
                await mediator.Publish(new CreatorDataRequested(caller.WorkspaceId, creator.Id, handles, c, tx, export), cancellationToken);
                var history = await audit.HistoryAsync(c, tx, "creator", creator.Id, cancellationToken);
                return new Response(
                    store.Now,
                    creator.LawfulBasis,
                    "Influencer relationship management: recruiting, contracting and paying creators, and measuring campaigns.",
                    creator,
                    export.Modules,
                    history);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/personal-data", async (string id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.PersonalData)
            .WithName(nameof(ExportCreatorPersonalData))
            .WithSummary("GDPR access: export everything held on a creator (admin, legal)")
            .Produces<Response>();
}
