using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InfluenceCrm.Tests.Platform.Hosting;

/// <summary>
/// The app as people deploy it: `dotnet publish` to a folder, then the published output started as its own process from
/// another working directory (a container's WORKDIR, a systemd unit's), in Production, with no settings but its address.
/// One publish per test class (it takes a minute); the project is already built by the test build, so it is not rebuilt.
/// </summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "influencecrm-tests", "published-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder output = new();
    private Process? server;

    public string PublishFolder => Path.Combine(root, "publish");

    /// <summary>The server's working directory: neither the publish folder nor the repository.</summary>
    public string WorkingDirectory => Path.Combine(root, "elsewhere");

    public Uri BaseAddress { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(WorkingDirectory);
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "InfluenceCrm.sln")))
        {
            repository = repository.Parent ?? throw new InvalidOperationException("The repository root (InfluenceCrm.sln) is not above the test assembly.");
        }

        var configuration = typeof(PublishedAppFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.Combine(repository.FullName, "src", "InfluenceCrm.Api", "InfluenceCrm.Api.csproj");
        var (code, log) = await RunAsync("dotnet", repository.FullName, "publish", project, "-c", configuration, "--no-build", "-o", PublishFolder, "-nologo");
        Assert.True(code == 0, $"dotnet publish failed ({code}):\n{log}");

        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}");
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = WorkingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(PublishFolder, "InfluenceCrm.Api.dll"));
        var inherited = start.Environment.Keys
            .Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("INFLUENCECRM_", StringComparison.Ordinal)
            || k is "DOTNET_ENVIRONMENT" or "DOTNET_CONTENTROOT" or "DOTNET_WEBROOT").ToList();
        foreach (var key in inherited)
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        server = Process.Start(start)!;
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(server.HasExited, $"The published app stopped ({(server.HasExited ? server.ExitCode : 0)}):\n{Output}");
            try
            {
                if ((await client.GetAsync(new Uri(BaseAddress, "/health/live"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"The published app did not answer in 90 s:\n{Output}");
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server?.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static async Task<(int Code, string Log)> RunAsync(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

public sealed class PublishedAppTests(PublishedAppFixture app) : IClassFixture<PublishedAppFixture>
{
    [Fact]
    public async Task Every_asset_of_the_sign_in_page_is_the_published_file_whatever_the_working_directory_and_the_encoding()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = app.BaseAddress };
        var page = await client.GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var assets = Regex.Matches(html, "<(?:link[^>]*\\bhref|script[^>]*\\bsrc)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.True(assets.Count >= 3, $"the sign-in page references {string.Join(", ", assets)}");

        // The published manifest says which file of wwwroot each route serves (fingerprinted names included).
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.PublishFolder, "InfluenceCrm.Api.staticwebassets.endpoints.json")))!;
        var files = manifest["Endpoints"]!.AsArray().Where(e => e!["Selectors"]!.AsArray().Count == 0)
            .ToDictionary(e => "/" + (string)e!["Route"]!, e => (string)e!["AssetFile"]!, StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            Assert.True(files.TryGetValue(asset, out var file), $"{asset} is not a published asset");
            var expected = await File.ReadAllBytesAsync(Path.Combine(app.PublishFolder, "wwwroot", file));
            Assert.NotEmpty(expected);

            using var plain = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            var served = await plain.Content.ReadAsByteArrayAsync();
            Assert.True(expected.AsSpan().SequenceEqual(served), $"{asset}: the body is not {file} ({expected.Length} bytes, got {served.Length})");

            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
            using var compressed = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
            await using var body = await compressed.Content.ReadAsStreamAsync();
            await using Stream decoded = compressed.Content.Headers.ContentEncoding.SingleOrDefault() switch
            {
                "br" => new BrotliStream(body, CompressionMode.Decompress),
                "gzip" => new GZipStream(body, CompressionMode.Decompress),
                null => body,
                var other => throw new InvalidOperationException($"{asset}: unexpected Content-Encoding {other}"),
            };
            using var bytes = new MemoryStream();
            await decoded.CopyToAsync(bytes);
            var encoding = string.Join(",", compressed.Content.Headers.ContentEncoding);
            Assert.True(expected.AsSpan().SequenceEqual(bytes.ToArray()),
                $"{asset} ({encoding}): the body is not {file} ({expected.Length} bytes, got {bytes.Length})");
        }
    }

    [Fact]
    public void The_default_database_is_created_under_data_in_the_working_directory()
    {
        var database = Path.Combine(app.WorkingDirectory, "data", "influencecrm.db");
        Assert.True(File.Exists(database), $"no {database}:\n{app.Output}");
        Assert.False(Directory.Exists(Path.Combine(app.PublishFolder, "data")), "a data folder appeared in the publish folder");
    }
}
