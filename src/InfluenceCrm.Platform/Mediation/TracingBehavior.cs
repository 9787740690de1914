using System.Diagnostics;
using MediatR;

namespace InfluenceCrm.Platform.Mediation;

/// <summary>
/// A span per MediatR request, named by its feature (RegisterCreator, CheckRights…), under the HTTP request's span: a trace
/// shows which rule ran and how long its SQL took. Costs nothing when no one listens (telemetry off).
/// </summary>
public sealed class TracingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public const string SourceName = "InfluenceCrm";

    private static readonly ActivitySource Source = new(SourceName);

    private static readonly string Name = typeof(TRequest).DeclaringType?.Name ?? typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = Source.StartActivity(Name);
        try
        {
            return await next();
        }
        catch (Exception e) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
