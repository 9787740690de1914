using System.Net;
using System.Text.RegularExpressions;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// A browser over the in-process server whose cookies the test holds (and can copy, as a thief with a copied cookie
/// would): redirects are shown, not followed, so a refused session is seen as a redirect to the sign-in page.
/// </summary>
internal sealed partial class CookieJar(ApiFixture api, Dictionary<string, string>? cookies = null)
{
    private readonly HttpClient client = api.Server.CreateClient();
    private readonly Dictionary<string, string> cookies = cookies is null ? new(StringComparer.Ordinal) : new(cookies, StringComparer.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>Another browser with the same cookies: the stolen copy.</summary>
    public CookieJar Copy() => new(api, cookies);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, IReadOnlyDictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var response = await client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0];
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                cookies.Remove(name);
            }
            else
            {
                cookies[name] = value;
            }
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Opens the page, then posts its form <paramref name="formName"/> with the page's antiforgery token and these fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IReadOnlyDictionary<string, string> fields)
    {
        using var page = await GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value),
        };
        return await SendAsync(HttpMethod.Post, path, form);
    }

    /// <summary>Signs in through the sign-in form: the answer (a redirect into the console on success).</summary>
    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        SubmitAsync("/sign-in", "sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Whether the console opens for these cookies (else it sends the browser to the sign-in page).</summary>
    public async Task<bool> IsSignedInAsync()
    {
        using var today = await GetAsync("/");
        return today.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Where a redirect sends the browser (empty when the answer is no redirect).</summary>
    public static string Location(HttpResponseMessage response) => response.Headers.Location?.OriginalString ?? "";
}
