using System.Buffers.Binary;
using System.Net;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// A visitor's hash for one day (see <see cref="IpHasher"/>): BLAKE3's keyed hash of the address's text under the day's
/// 32-byte salt, a keyed hash as HMAC-SHA256 is (one-way, and without the salt no address can be tried against it), at
/// about a quarter of HMAC-SHA256's cost through OpenSSL, which was the redirect's largest own cost after the click
/// writer (measured: 150 against 530 ns; see README, Benchmarks). Its 32 bytes are held by value, so a click carries it
/// without an allocation and the writer binds it as a blob and compares it as four numbers. <see cref="ToString"/> is
/// its hex text (SQL Server stores it so).
/// </summary>
public readonly record struct VisitorHash(ulong Part0, ulong Part1, ulong Part2, ulong Part3)
{
    public const int Length = 32;

    // One keyed hasher per thread, reset after each use (a new one costs more than the hash).
    [ThreadStatic]
    private static (byte[] Key, Blake3.Hasher Hasher)? perThread;

    internal static VisitorHash Of(byte[] key, IPAddress? address)
    {
        Span<byte> text = stackalloc byte[IpHasher.MaxAddressText];
        var length = IpHasher.AddressText(address, text);
        if (perThread is not { } keyed || !ReferenceEquals(keyed.Key, key))
        {
            perThread?.Hasher.Dispose();
            perThread = keyed = (key, Blake3.Hasher.NewKeyed(key));
        }

        Span<byte> hash = stackalloc byte[Length];
        keyed.Hasher.Update(text[..length]);
        keyed.Hasher.Finalize(hash);
        keyed.Hasher.Reset();
        return FromBytes(hash);
    }

    public static VisitorHash FromBytes(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]), BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));

    /// <summary>The hash's bytes in their order (big-endian parts), as stored.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, Part0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Part1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], Part2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], Part3);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
