using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace InfluenceCrm.Benchmarks;

/// <summary>The real API as a separate process on a SQLite file, pinned to core 0 (when taskset exists).</summary>
internal sealed class ApiServer : IAsyncDisposable
{
    public const string Url = "http://127.0.0.1:5099";

    private readonly Process process;

    private ApiServer(Process process) => this.process = process;

    public static Dictionary<string, string> Environment(string connectionString) => new()
    {
        ["ConnectionStrings__InfluenceCrm"] = connectionString,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Benchmark__Endpoints"] = "true",
        ["RateLimiting__PermitsPerMinute"] = "1000000000",
        // One load generator on loopback is one client address: the public limit (60,000 a minute) would cut it within seconds.
        ["RateLimiting__PublicPermitsPerMinute"] = "0",
        ["RateLimiting__ConsolePermitsPerMinute"] = "0", // the pages benchmark is one person
        // Per-request log lines would measure the console, not the redirect; every variant runs with the same setting.
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static async Task<string> CliAsync(string api, string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(api);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in Environment(connectionString))
        {
            start.Environment[k] = v;
        }

        using var p = Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return p.ExitCode == 0 ? output.TrimEnd().Split('\n')[^1].Trim()
            : throw new InvalidOperationException($"{string.Join(' ', args)} failed: {await p.StandardError.ReadToEndAsync()}");
    }

    public static async Task<ApiServer> StartAsync(string api, string connectionString)
    {
        var pinned = File.Exists("/usr/bin/taskset");
        var start = new ProcessStartInfo(pinned ? "/usr/bin/taskset" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (pinned)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("0");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(api);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url);
        foreach (var (k, v) in Environment(connectionString))
        {
            start.Environment[k] = v;
        }

        var process = Process.Start(start)!;
        // warnings and errors only (the log level is Warning)
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[api] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[api] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        // Up to 60 s: at start the API runs PRAGMA optimize over every table, which on the pages benchmark's 1M creators took
        // over 20 s at load 48 on the shared 2-core machine.
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync($"{Url}/health/ready")).IsSuccessStatusCode)
                {
                    return new ApiServer(process);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        process.Kill();
        throw new InvalidOperationException("The API did not start.");
    }

    public static HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<JsonNode> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
    }

    /// <summary>Graceful stop (SIGTERM, as systemd or Docker send; SIGINT is ignored by background jobs): the host drains its click queue before it
    /// exits.</summary>
    public async Task StopAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill!.WaitForExitAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new InvalidOperationException("The API did not stop within 60 s.");
        }
    }

    /// <summary>kill -9: no stop, no drain, as in a crash or an OOM kill.</summary>
    public async Task CrashAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
