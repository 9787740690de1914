using System.Diagnostics;
using System.Net;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace InfluenceCrm.Tests.Platform.Hosting;

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

    [Fact]
    public async Task Imports_count_their_rows_by_outcome_on_the_imports_meter()
    {
        var counted = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "influencecrm.imports.rows")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(x => x.Key, x => (string?)x.Value);
            counted.AddOrUpdate($"{t["import"]}:{t["outcome"]}", value, (_, n) => n + value);
        });
        listener.Start();

        var handle = "metered" + Guid.NewGuid().ToString("N")[..6];
        var csv = $"displayName,platform,handle\nMetered One,instagram,{handle}\nMetered Two,instagram,{handle}2\n,instagram,{handle}3\n";
        await (await api.Client().PostRaw("/api/v1/creators/import", csv, "text/csv")).Expect(HttpStatusCode.OK);

        Assert.True(counted.GetValueOrDefault("creators:created") >= 2, string.Join(", ", counted));
        Assert.True(counted.GetValueOrDefault("creators:rejected") >= 1, string.Join(", ", counted));
    }

    private List<Activity> Spans(string traceId)
    {
        lock (api.Exported)
        {
            return api.Exported.Where(a => a.TraceId.ToHexString() == traceId).ToList();
        }
    }
}
