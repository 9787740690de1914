using Microsoft.Extensions.Configuration;

namespace InfluenceCrm.Platform.Storage;

/// <summary>Where media go (Storage:Provider).</summary>
public enum StorageProvider
{
    /// <summary>Files under Storage:FileSystem:Root (default ./data/media/, relative to the working directory like ./data/influencecrm.db).</summary>
    FileSystem,

    /// <summary>An S3-compatible bucket through AWSSDK.S3: AWS S3, Cloudflare R2, MinIO, Scaleway…</summary>
    S3,
}

/// <summary>The operator's storage settings (section Storage; see README, Media).</summary>
public sealed class StorageSettings
{
    public const long DefaultMaxUploadBytes = 200L * 1024 * 1024;

    public StorageProvider Provider { get; init; } = StorageProvider.FileSystem;

    public string FileSystemRoot { get; init; } = Path.Combine("data", "media");

    /// <summary>
    /// The service's endpoint (https://ACCOUNT.r2.cloudflarestorage.com, https://s3.fr-par.scw.cloud, http://minio:9000); empty for AWS itself.
    /// </summary>
    public string? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string Bucket { get; init; } = "";

    public string AccessKey { get; init; } = "";

    public string SecretKey { get; init; } = "";

    /// <summary>bucket in the path (https://host/bucket/key) rather than the host name: MinIO and most self-hosted services want it.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>The largest upload taken (Storage:MaxUploadBytes, default 200 MB); a larger one is refused with 413 and nothing is stored.</summary>
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>How often files whose records were removed (an erasure) are deleted from storage.</summary>
    public TimeSpan PurgeInterval { get; init; } = TimeSpan.FromSeconds(5);

    public static StorageSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Storage");
        var providerName = section["Provider"] is { Length: > 0 } name ? name : nameof(StorageProvider.FileSystem);
        if (!Enum.TryParse<StorageProvider>(providerName, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"Storage:Provider must be FileSystem or S3, not '{providerName}'.");
        }

        var maxUpload = section.GetValue("MaxUploadBytes", DefaultMaxUploadBytes);
        if (maxUpload <= 0)
        {
            throw new InvalidOperationException($"Storage:MaxUploadBytes must be a positive number of bytes, not {maxUpload}.");
        }

        var settings = new StorageSettings
        {
            Provider = provider,
            FileSystemRoot = section["FileSystem:Root"] is { Length: > 0 } root ? root : Path.Combine("data", "media"),
            ServiceUrl = section["S3:ServiceUrl"] is { Length: > 0 } url ? url : null,
            Region = section["S3:Region"] is { Length: > 0 } region ? region : "us-east-1",
            Bucket = section["S3:Bucket"] ?? "",
            AccessKey = section["S3:AccessKey"] ?? "",
            SecretKey = section["S3:SecretKey"] ?? "",
            ForcePathStyle = section.GetValue("S3:ForcePathStyle", false),
            MaxUploadBytes = maxUpload,
            PurgeInterval = TimeSpan.FromSeconds(section.GetValue("PurgeIntervalSeconds", 5.0)),
        };
        if (provider == StorageProvider.S3)
        {
            var missing = new[]
                {
                    ("Storage:S3:Bucket", settings.Bucket), ("Storage:S3:AccessKey", settings.AccessKey), ("Storage:S3:SecretKey", settings.SecretKey),
                }
                .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"Storage:Provider is S3 but {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set.");
            }

            if (settings.ServiceUrl is { } service && (!Uri.TryCreate(service, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                throw new InvalidOperationException($"Storage:S3:ServiceUrl must be an absolute http(s) URL, not '{service}'.");
            }
        }

        return settings;
    }
}
