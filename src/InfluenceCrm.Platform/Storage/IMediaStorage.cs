namespace InfluenceCrm.Platform.Storage;

/// <summary>
/// Where uploaded files live: the file system (the embedded default, ./data/media/) or an S3-compatible bucket
/// (Storage:Provider). Objects are written once under a key the application makes and never changed; every method streams.
/// </summary>
public interface IMediaStorage
{
    /// <summary>Stores <paramref name="content"/> (<paramref name="length"/> bytes, read to its end) under <paramref name="key"/>.</summary>
    Task WriteAsync(string key, Stream content, long length, string contentType, CancellationToken ct);

    /// <summary>
    /// The object's bytes from <paramref name="offset"/>, <paramref name="count"/> of them (all the rest when null), or null
    /// when there is no such object. The caller disposes the stream.
    /// </summary>
    Task<Stream?> OpenReadAsync(string key, long offset, long? count, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);

    /// <summary>Removes the object; an absent one is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct);
}

internal static class StorageKeys
{
    /// <summary>Keys are made by the application ("ws_…/med_…"): letters, digits, '_', '-', '.' and '/', never "..".</summary>
    public static string Checked(string key) =>
        key.Length is > 0 and <= 512 && !key.Contains("..", StringComparison.Ordinal) && key[0] != '/'
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/')
            ? key
            : throw new ArgumentException($"Not a storage key: '{key}'.", nameof(key));
}
