using System.Diagnostics;
using System.Net;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace InfluenceCrm.Tests.Platform;

/// <summary>Telemetry on, with an in-memory exporter in place of OTLP.</summary>
public sealed class TelemetryFixture : SqliteApiFixture
{
    public List<Activity> Exported { get; } = [];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Exported));
}

public sealed class TelemetryTests(TelemetryFixture api) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task An_incoming_traceparent_continues_through_the_request_its_mediatr_span_and_the_problem_it_answers()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/creators") { Content = new StringContent("""{"displayName":""}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var problem = await (await api.Client().SendAsync(request)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(traceId, (string)problem["traceId"]!); // the W3C trace id, not the connection's

        // The server's span ends after the response is sent: wait for both.
        for (var i = 0; i < 50 && !(Spans(traceId).Any(a => a.DisplayName == "RegisterCreator") && Spans(traceId).Any(a => a.Kind == ActivityKind.Server)); i++)
        {
            await Task.Delay(100);
        }

        var spans = Spans(traceId);
        Assert.Contains(spans, a => a.DisplayName == "RegisterCreator" && a.Status == ActivityStatusCode.Error); // the MediatR request, failed validation
        Assert.Contains(spans, a => a.Kind == ActivityKind.Server); // ASP.NET Core's
    }

    private List<Activity> Spans(string traceId)
    {
        lock (api.Exported)
        {
            return api.Exported.Where(a => a.TraceId.ToHexString() == traceId).ToList();
        }
    }
}
