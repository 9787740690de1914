using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace InfluenceCrm.Access;

/// <summary>
/// A single sign-on identity waiting to be linked to an existing account: kept for ten minutes in a protected cookie of the
/// browser that signed in by SSO, and linked when that browser next signs in as the account's owner (their password, or an
/// identity already linked). Only the owner can complete it; an attacker holding the account's password gains nothing,
/// since the cookie is in the real owner's browser.
/// </summary>
public sealed class SsoLinks(IDataProtectionProvider provider, People people)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector protector = provider.CreateProtector("InfluenceCrm.Access.SsoLink").ToTimeLimitedDataProtector();

    private sealed record Pending(string PersonId, string Issuer, string Subject);

    public string Protect(string personId, People.SsoIdentity identity) =>
        protector.Protect(JsonSerializer.Serialize(new Pending(personId, identity.Issuer, identity.Subject)), Lifetime);

    /// <summary>Links the pending identity if it was waiting for this person; false for none, another person's, or an expired one.</summary>
    public async Task<bool> CompleteAsync(string personId, string? protectedLink, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(protectedLink))
        {
            return false;
        }

        Pending? pending;
        try
        {
            pending = JsonSerializer.Deserialize<Pending>(protector.Unprotect(protectedLink));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return false;
        }

        return pending is not null && pending.PersonId == personId && await people.LinkAsync(personId, pending.Issuer, pending.Subject, ct);
    }
}
