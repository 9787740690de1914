using System.Buffers.Binary;
using System.Net;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// A visitor's hash for one day (see <see cref="IpHasher"/>): its 32 bytes held by value, so a click carries it without an
/// allocation and the click writer binds it as a blob and compares it as four numbers, where a 64-character hex text was
/// encoded, hashed and compared. <see cref="ToString"/> is that hex text (SQL Server stores it so).
/// </summary>
public readonly record struct VisitorHash(ulong Part0, ulong Part1, ulong Part2, ulong Part3)
{
    public const int Length = 32;

    internal static VisitorHash Of(byte[] key, IPAddress? address)
    {
        Span<byte> hash = stackalloc byte[Length];
        IpHasher.Hash(key, address, hash);
        return FromBytes(hash);
    }

    public static VisitorHash FromBytes(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
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
