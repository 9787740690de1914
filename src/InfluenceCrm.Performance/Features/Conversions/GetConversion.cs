using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Conversions;

/// <summary>A conversion with how it was attributed (or why not): what the Location of POST /conversions names.</summary>
public static class GetConversion
{
    public sealed record Request(string Id) : IRequest<RecordConversion.ConversionView>;

    public static readonly Sql Load = Sql.Both($"{RecordConversion.ExistingColumns} FROM perf_conversions WHERE workspace_id = @WorkspaceId AND id = @Id");

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, RecordConversion.ConversionView>
    {
        public async Task<RecordConversion.ConversionView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return (await c.QuerySingleOrDefaultAsync<RecordConversion.Row>(Load, new { caller.WorkspaceId, request.Id }, ct: cancellationToken))?.ToView()
                ?? throw new NotFoundException("conversion", request.Id);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/conversions/{id}", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetConversion))
            .WithSummary("Read a conversion and its attribution")
            .Produces<RecordConversion.ConversionView>();
}
