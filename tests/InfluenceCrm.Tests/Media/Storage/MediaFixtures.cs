using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Media.Storage;

/// <summary>The app with media stored by one provider: a 1 MB upload limit (so the 413 is cheap to reach) and a quick purge.</summary>
public abstract class MediaFixture : SqliteApiFixture
{
    public const long MaxUploadBytes = 1024 * 1024;

    protected abstract IReadOnlyDictionary<string, string?> Storage { get; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Storage)
    {
        ["Storage:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Storage:PurgeIntervalSeconds"] = "0.2",
    };
}

/// <summary>The embedded default: files in a folder of the test's own.</summary>
public sealed class FileSystemMediaFixture : MediaFixture
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "influencecrm-media-tests", Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string?> Storage => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "FileSystem",
        ["Storage:FileSystem:Root"] = Root,
    };

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

/// <summary>
/// A real S3-compatible server, started by the tests: s3rver (node), installed by `npm ci` in tests/InfluenceCrm.Tests/Media/s3rver
/// (.ci/run does it), on a free port with a temporary directory; the bucket is created through the S3 API. Where it cannot start,
/// the tests are skipped with the reason, except under CI=true, where they fail.
/// </summary>
public sealed class S3MediaFixture : MediaFixture
{
    public const string Bucket = "influencecrm-media";
    private const string Credential = "S3RVER"; // s3rver's built-in access key and secret

    private static readonly string Folder = Path.Combine(Catalogue.RepositoryRoot(), "tests", "InfluenceCrm.Tests", "Media", "s3rver");
    private readonly string directory = Path.Combine(Path.GetTempPath(), "influencecrm-s3rver", Guid.NewGuid().ToString("N"));
    private Process? server;
    private int port;

    public string ServiceUrl => $"http://127.0.0.1:{port}";

    protected override IReadOnlyDictionary<string, string?> Storage => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = ServiceUrl,
        ["Storage:S3:Bucket"] = Bucket,
        ["Storage:S3:AccessKey"] = Credential,
        ["Storage:S3:SecretKey"] = Credential,
        ["Storage:S3:ForcePathStyle"] = "true",
    };

    protected override async Task<string?> CreateDatabaseAsync()
    {
        var reason = await StartServerAsync();
        if (reason is not null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", reason);
            Unavailable(reason);
            return null;
        }

        return await base.CreateDatabaseAsync();
    }

    /// <returns>Why s3rver could not start, or null.</returns>
    private async Task<string?> StartServerAsync()
    {
        var script = Path.Combine(Folder, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            return $"s3rver is not installed: run `npm ci` in {Folder} (.ci/run does).";
        }

        Directory.CreateDirectory(directory);
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var argument in new[] { script, "--directory", directory, "--address", "127.0.0.1", "--port", portText, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            server = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"node could not be started for s3rver: {e.Message}";
        }

        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using var client = NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await client.PutBucketAsync(Bucket);
                return null;
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or SocketException or AmazonClientException)
            {
                if (server.HasExited || DateTime.UtcNow > deadline)
                {
                    return $"s3rver did not answer on {ServiceUrl} ({(server.HasExited ? $"exited {server.ExitCode}" : "timed out")}): {e.Message}";
                }

                await Task.Delay(200);
            }
        }
    }

    /// <summary>A client of the test's own, to see what the bucket holds.</summary>
    public AmazonS3Client NewClient() => new(new BasicAWSCredentials(Credential, Credential), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server?.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
