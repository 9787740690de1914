using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>A real HTTP receiver on loopback (Kestrel, its own port): records what it is sent and answers what the test says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, string Id, string Timestamp, string Signature, string Body);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Received> received = new();

    /// <summary>The status to answer for a path (default 200).</summary>
    public Func<string, int> Status { get; set; } = _ => 200;

    /// <summary>How long to stall before answering a path (default: not at all).</summary>
    public Func<string, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var path = http.Request.Path.Value ?? "";
            receiver.received.Enqueue(new Received(path, http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), body));
            if (receiver.Delay(path) is { Ticks: > 0 } delay)
            {
                await Task.Delay(delay);
            }

            http.Response.StatusCode = receiver.Status(path);
            if (http.Response.StatusCode is 302)
            {
                http.Response.Headers.Location = "/redirected-target";
            }

            await http.Response.WriteAsync("ok from the receiver");
        });
        await app.StartAsync();
        return receiver;
    }

    public string Url(string path) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + path;

    public IReadOnlyList<Received> At(string path) => received.Where(r => r.Path == path).ToList();

    /// <summary>Waits until <paramref name="done"/> holds for what a path received (10 s at most).</summary>
    public async Task<IReadOnlyList<Received>> WaitAsync(string path, Func<IReadOnlyList<Received>, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            if (At(path) is var got && done(got))
            {
                return got;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"{path} received {At(path).Count} requests; the condition did not hold within 10 s.");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
