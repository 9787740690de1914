using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Sessions;

/// <summary>Throttling instead of lockout: failures slow the address and the client down, the real person still gets in, and an unknown address looks the same.</summary>
public sealed partial class SignInThrottleTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const string Password = "the owner's own passphrase";

    [GeneratedRegex("<p class=\"error\" role=\"alert\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Alert();

    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_right_one_still_signs_in_after_the_delay_and_the_failures_are_audited()
    {
        var person = await api.Services.GetRequiredService<People>().EnsureMemberAsync("owner@acme.example", "Owner", Password, api.MainWorkspaceId, Roles.Brand);
        var browser = new CookieJar(api);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.SignInAsync("owner@acme.example", "a guess number " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var watch = Stopwatch.StartNew();
        using var right = await browser.SignInAsync("owner@acme.example", Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode); // into the console: nobody is locked out
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(3), $"the sixth attempt waited its turn ({watch.Elapsed.TotalSeconds:F1} s)");
        var log = await api.Client(Roles.Legal).GetStringAsync($"/api/v1/audit-log?entityId={person.Id}&limit=200");
        Assert.Equal(5, Regex.Matches(log, "person.sign_in_failed").Count);
        Assert.Contains("person.signed_in", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_as_a_known_one_in_comparable_time()
    {
        await api.Services.GetRequiredService<People>().EnsureMemberAsync("real@acme.example", "Real", Password, api.MainWorkspaceId, Roles.Viewer);
        await new CookieJar(api).SignInAsync("warm.up@acme.example", "a first wrong guess"); // the first request pays for start-up
        var known = new List<double>();
        var unknown = new List<double>();
        string? knownAnswer = null, unknownAnswer = null;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            using var k = await new CookieJar(api).SignInAsync("real@acme.example", "wrong guess " + i);
            known.Add(watch.Elapsed.TotalMilliseconds);
            knownAnswer = Alert().Match(await k.Content.ReadAsStringAsync()).Value;
            watch.Restart();
            using var u = await new CookieJar(api).SignInAsync("ghost@acme.example", "wrong guess " + i);
            unknown.Add(watch.Elapsed.TotalMilliseconds);
            unknownAnswer = Alert().Match(await u.Content.ReadAsStringAsync()).Value;
        }

        Assert.NotEmpty(knownAnswer!);
        Assert.Equal(knownAnswer, unknownAnswer);
        var (km, um) = (known.Order().ElementAt(1), unknown.Order().ElementAt(1));
        Assert.True(Math.Abs(km - um) < Math.Max(50, 0.5 * Math.Max(km, um)), $"median known {km:F0} ms, unknown {um:F0} ms");
    }

    [Fact]
    public void Failures_double_the_wait_of_the_address_and_of_the_client_up_to_the_cap_and_a_turn_too_far_is_refused()
    {
        var clock = new Clock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(clock);
        var waits = Enumerable.Range(0, 6).Select(_ => throttle.Reserve("victim@acme.example", "203.0.113.7")).ToList();
        Assert.Equal([0, 0, 0, 1, 3, 7], waits.Select(w => w!.Value.TotalSeconds)); // turns queue: 1 s, then 2 s, then 4 s after the last
        Assert.Equal(TimeSpan.FromSeconds(15), throttle.Reserve("victim@acme.example", "198.51.100.1")); // from elsewhere too: the address is slowed

        var sprayed = Enumerable.Range(0, 12).Select(i => throttle.Reserve($"person{i}@acme.example", "192.0.2.9")!.Value.TotalSeconds).ToList();
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3], sprayed); // one client trying many addresses is slowed after 10 failures

        for (var i = 0; i < 20 && throttle.Reserve("flooded@acme.example", null) is not null; i++)
        {
        }

        Assert.Null(throttle.Reserve("flooded@acme.example", null)); // refused at once, the password unchecked
        clock.Now += SignInThrottle.MaxDelay + SignInThrottle.MaxDelay;
        Assert.NotNull(throttle.Reserve("flooded@acme.example", null)); // never locked: the turn comes
        Assert.Equal(TimeSpan.FromSeconds(30), SignInThrottle.Delay(50));

        throttle.Succeeded("victim@acme.example", "203.0.113.7");
        clock.Now += SignInThrottle.Memory;
        Assert.Equal(TimeSpan.Zero, throttle.Reserve("victim@acme.example", "203.0.113.7"));
    }
}
