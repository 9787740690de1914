using System.Net;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Passwords;

/// <summary>The password policy: length, the shipped list of common passwords, not the address or the name; and the invitation page applies it in FR and EN.</summary>
public sealed class PasswordPolicyTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Theory]
    [InlineData("short pass", PasswordPolicy.TooShort)]
    [InlineData("aaaaaaaaaaaa", PasswordPolicy.Common)]
    [InlineData("Password1234", PasswordPolicy.Common)]
    [InlineData("123456789012", PasswordPolicy.Common)]
    [InlineData("qwertyuiopasdfgh", PasswordPolicy.Common)]
    [InlineData("my name is Dubois!", PasswordPolicy.ContainsName)]
    [InlineData("c.martin's garden 42", PasswordPolicy.ContainsEmail)]
    public void A_weak_password_is_refused_with_its_reason(string password, string code)
    {
        var failures = PasswordPolicy.Check(password, "c.martin@acme.example", "Claire Dubois");

        Assert.Contains(failures, f => f.ErrorCode == code);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("un jardin sous la pluie")]
    public void A_long_uncommon_password_passes(string password) => Assert.Empty(PasswordPolicy.Check(password, "c.martin@acme.example", "Claire Dubois"));

    [Fact]
    public void The_shipped_list_is_the_top_100000()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("InfluenceCrm.Access.common-passwords.txt.gz")!;
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress));
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100_000, lines.Length);
        Assert.Equal("123456", lines[0]);
    }

    [Theory]
    [InlineData("en", "most common ones")]
    [InlineData("fr", "plus courants")]
    public async Task Accepting_an_invitation_with_a_common_password_shows_the_reason_by_the_field(string culture, string expected)
    {
        var people = api.Services.GetRequiredService<People>();
        var token = (await people.InviteAsync(api.MainWorkspaceId, $"new.{culture}@acme.example", Roles.Viewer, "usr_admin")).Token;
        var browser = new CookieJar(api);
        using (await browser.GetAsync($"/console/culture?culture={culture}&back=/"))
        {
        }

        using var refused = await browser.SubmitAsync($"/invitations/{token}", "accept", new Dictionary<string, string>
        {
            ["Form.Name"] = "Nouvelle Personne",
            ["Form.Password"] = "password1234",
        });
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"password-errors\"", html, StringComparison.Ordinal);
        Assert.Contains(expected, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.NotNull(await people.FindInvitationAsync(token)); // still usable with a better password
        Assert.Null(await people.FindAsync($"new.{culture}@acme.example"));
    }
}
