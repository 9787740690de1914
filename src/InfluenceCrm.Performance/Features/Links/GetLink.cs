using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Links;

/// <summary>A link with the destinations it had before.</summary>
public static class GetLink
{
    public sealed record Request(string Id) : IRequest<Response>;

    public sealed record Response(CreateLink.LinkView Link, IReadOnlyList<PastDestination> History);

    public sealed record PastDestination(string Destination, DateTimeOffset ReplacedAt, string ReplacedBy);

    internal sealed class HistoryRow
    {
        public string Destination { get; init; } = "";
        public DateTimeOffset ReplacedAt { get; init; }
        public string ReplacedBy { get; init; } = "";
    }

    internal sealed class Handler(Db db, Caller caller, PublicUrls urls) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var row = await c.QuerySingleOrDefaultAsync<PerfStore.LinkRow>(PerfStore.LoadLink, new { caller.WorkspaceId, request.Id }, ct: cancellationToken)
                ?? throw new NotFoundException("link", request.Id);
            var history = await c.QueryAsync<HistoryRow>(PerfStore.LoadHistory, new { request.Id }, ct: cancellationToken);
            return new Response(CreateLink.LinkView.From(row, urls),
                history.Select(h => new PastDestination(h.Destination, h.ReplacedAt, h.ReplacedBy)).ToList());
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}", async (string id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var response = await mediator.Send(new Request(id), ct);
                return ETags.Ok(http, response, response.Link.Version);
            })
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetLink))
            .WithMetadata(ETags.Answered.Instance)
            .WithSummary("Read a link and its destination history (with ETag)")
            .Produces<Response>();
}
