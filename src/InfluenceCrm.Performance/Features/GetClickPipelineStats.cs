using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features;

/// <summary>The click pipeline's counters (also published as metrics on the "InfluenceCrm.Performance" meter).</summary>
public static class GetClickPipelineStats
{
    public sealed record Request : IRequest<ClickPipeline.Stats>;

    internal sealed class Handler(ClickPipeline pipeline) : IRequestHandler<Request, ClickPipeline.Stats>
    {
        public Task<ClickPipeline.Stats> Handle(Request request, CancellationToken cancellationToken) => Task.FromResult(pipeline.Snapshot());
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/click-pipeline", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(GetClickPipelineStats))
            .WithSummary("Clicks queued, written, written synchronously on overflow, pending, and lost (admin)")
            .Produces<ClickPipeline.Stats>();
}
