using InfluenceCrm.Platform;
using InfluenceCrm.Console;

namespace InfluenceCrm.UgcRights.Pages;

/// <summary>
/// Grant terms and their evidence as the console's forms post them, each input named by its path in the API's JSON under the
/// request's own prefix (terms.channels, proposedTerms.licensor.name, evidence.reference), so validation messages find their input.
/// </summary>
internal static class GrantTermsForm
{
    public static GrantTerms Read(PostedForm f, string prefix) => new()
    {
        Licensor = f.Text(prefix + ".licensor.name") is null && f.Text(prefix + ".licensor.handle") is null ? null
            : new Licensor(f.Text(prefix + ".licensor.name"), f.Text(prefix + ".licensor.handle"), f.Checked(prefix + ".licensor.identityVerified")),
        Licensees = f.Split(prefix + ".licensees") is { Count: > 0 } licensees ? licensees : null,
        Rights = f.Texts(prefix + ".rights") is { Count: > 0 } rights ? rights : null,
        Channels = f.Texts(prefix + ".channels") is { Count: > 0 } channels ? channels : null,
        Territories = f.Texts(prefix + ".territories") is { Count: > 0 } territories ? territories : null,
        StartsOn = f.Day(prefix + ".startsOn"),
        EndsOn = f.Day(prefix + ".endsOn"),
        Exclusive = f.Checked(prefix + ".exclusive"),
        AttributionRequired = f.Checked(prefix + ".attributionRequired"),
        ModificationAllowed = f.Checked(prefix + ".modificationAllowed"),
        Fee = f.Money(prefix + ".fee"),
        Purpose = f.Text(prefix + ".purpose"),
        GoverningLaw = f.Text(prefix + ".governingLaw"),
    };

    public static Evidence ReadEvidence(PostedForm f, TimeProvider clock) =>
        new(f.Text("evidence.kind"), f.Text("evidence.reference"), PostedForm.Instant(f.Day("evidence.receivedAt"), clock), null, null, null);

    /// <summary>What a new grant or request proposes before anything is typed: the brand as licensee, reproduction and display, France, from today.</summary>
    public static GrantTerms Suggested(string? handle, DateOnly today) => new()
    {
        Licensor = handle is null ? null : new Licensor(null, handle, false),
        Rights = ["reproduction", "public_display"],
        Channels = ["organic_social"],
        Territories = ["FR"],
        StartsOn = today,
        GoverningLaw = "FR",
    };

    public static string Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
