using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace InfluenceCrm.Platform.Storage;

/// <summary>
/// An S3-compatible bucket through AWSSDK.S3: AWS S3 itself, or any service that speaks its API at Storage:S3:ServiceUrl
/// (Cloudflare R2, MinIO, Scaleway…). Checksums and chunked signing are asked for only where S3 requires them: several
/// compatible services (and older MinIO) refuse the trailing checksums the SDK adds by default.
/// </summary>
internal sealed class S3MediaStorage : IMediaStorage, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly string bucket;

    public S3MediaStorage(StorageSettings settings)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            AuthenticationRegion = settings.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.ServiceUrl is { } url)
        {
            config.ServiceURL = url;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        client = new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
        bucket = settings.Bucket;
    }

    public async Task WriteAsync(string key, Stream content, long length, string contentType, CancellationToken ct)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = StorageKeys.Checked(key),
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType,
            UseChunkEncoding = false,
        };
        request.Headers.ContentLength = length;
        await client.PutObjectAsync(request, ct);
    }

    public async Task<Stream?> OpenReadAsync(string key, long offset, long? count, CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = bucket, Key = StorageKeys.Checked(key) };
        if (offset > 0 || count is not null)
        {
            request.ByteRange = new ByteRange(offset, count is { } n ? offset + n - 1 : long.MaxValue);
        }

        try
        {
            var response = await client.GetObjectAsync(request, ct);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        try
        {
            await client.GetObjectMetadataAsync(bucket, StorageKeys.Checked(key), ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct) => client.DeleteObjectAsync(bucket, StorageKeys.Checked(key), ct);

    public void Dispose() => client.Dispose();
}
