using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// A real SMTP server we did not write (the SmtpServer package) on a loopback port, keeping what arrives as parsed
/// messages. It can be stopped and started again on the same port, to play a mail server's outage; what it received
/// stays in <see cref="Received"/> across restarts.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Store store = new();
    private CancellationTokenSource? running;
    private Task? serving;

    public int Port { get; } = FreePort();

    public IReadOnlyCollection<MimeMessage> Received => store.Messages;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        if (running is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        running = new CancellationTokenSource();
        serving = new SmtpServer.SmtpServer(options, services).StartAsync(running.Token);
        for (var i = 0; i < 100; i++) // listening once a connection is accepted
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task StopAsync()
    {
        if (running is null)
        {
            return;
        }

        await running.CancelAsync();
        try
        {
            await serving!;
        }
        catch (OperationCanceledException)
        {
        }

        running.Dispose();
        running = null;
    }

    /// <summary>Waits until a message matching arrives (or the time runs out) and returns every one that matches.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> matches, int count = 1, double seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (store.Messages.Count(matches) < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        return store.Messages.Where(matches).ToList();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
