using System.Security.Cryptography;
using System.Text;

namespace InfluenceCrm.Platform;

/// <summary>The SHA-256 of a text's UTF-8 bytes in lower-case hex: how API keys, consent tokens, consent texts and other
/// fingerprints are stored and compared.</summary>
public static class Digest
{
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
