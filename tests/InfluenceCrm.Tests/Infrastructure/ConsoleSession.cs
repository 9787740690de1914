using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>A person signed in to the console over plain HTTP (the in-process server keeps the cookie): the sign-in form, posted.</summary>
internal static class ConsoleSession
{
    public const string Password = "correct horse battery staple";

    /// <param name="workspaceId">The workspace the person is a member of (the fixture's main one when not given).</param>
    public static async Task<HttpClient> SignedInAsync(ApiFixture api, string email, string role, string? workspaceId = null)
    {
        await api.Services.GetRequiredService<People>().EnsureMemberAsync(email, email.Split('@')[0], Password, workspaceId ?? api.MainWorkspaceId, role);
        var client = api.Anonymous();
        var form = await client.GetStringAsync("/sign-in");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signedIn = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.DoesNotContain("/sign-in", signedIn.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal); // redirected into the console
        return client;
    }
}
