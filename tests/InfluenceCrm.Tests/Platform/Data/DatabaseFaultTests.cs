using System.Diagnostics;
using System.Net;
using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Performance;
using InfluenceCrm.Tests.Performance.Clicks;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Platform.Data;

/// <summary>A SQLite file in a folder of its own, for tests that break the file system under the running service.</summary>
public abstract class FaultFolderFixture : SqliteApiFixture
{
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "influencecrm-faults", Guid.NewGuid().ToString("N"));

    public string File => Path.Combine(Folder, "test.db");

    protected override async Task<string?> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(Folder);
        var reason = await PrepareAsync();
        if (reason is not null)
        {
            Unavailable(reason);
            return null;
        }

        return $"Data Source={File}";
    }

    /// <returns>Why the fault cannot be made on this machine, or null.</returns>
    protected virtual Task<string?> PrepareAsync() => Task.FromResult<string?>(null);

    protected override async Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await CleanUpAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    /// <returns>The command's error output, or null when it succeeded.</returns>
    public static async Task<string?> RunAsync(string command, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? null : $"{command} {string.Join(' ', arguments)}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{command}: {e.Message}";
        }
    }
}

/// <summary>The database on a 16 MiB tmpfs of its own: the tests fill it for a real "disk full".</summary>
public sealed class SmallDiskFixture : FaultFolderFixture
{
    private string Filler => Path.Combine(Folder, "filler");

    protected override async Task<string?> PrepareAsync() =>
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", Folder) is { } error
            ? $"A full disk cannot be made here (needs root and tmpfs): {error}"
            : null;

    protected override async Task CleanUpAsync() => await RunAsync("umount", "-l", Folder);

    public void FillDisk()
    {
        using var filler = new FileStream(Filler, FileMode.Create);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full
        }
    }

    public void FreeDisk() => System.IO.File.Delete(Filler);
}

/// <summary>The database file made immutable (chattr +i), which even root cannot open for writing: a real read-only file.</summary>
public sealed class ImmutableFileFixture : FaultFolderFixture
{
    protected override async Task<string?> PrepareAsync()
    {
        var probe = Path.Combine(Folder, "probe");
        await System.IO.File.WriteAllTextAsync(probe, "x");
        var error = await RunAsync("chattr", "+i", probe) ?? await RunAsync("chattr", "-i", probe);
        return error is null ? null : $"A read-only file cannot be made here (chattr +i refused): {error}";
    }

    protected override async Task CleanUpAsync() => await RunAsync("chattr", "-i", File);
}

internal static class Faults
{
    public static async Task<HttpResponseMessage> CreateCreatorAsync(ApiFixture api) =>
        await api.Client().PostJson("/api/v1/creators", new { displayName = "Disk " + Guid.NewGuid().ToString("N")[..8], notes = new string('n', 9_000) });

    /// <summary>Writes until one answers 503; every answer before it must be 201 (never a 500).</summary>
    public static async Task<HttpResponseMessage> WriteUntilRefusedAsync(ApiFixture api)
    {
        for (var i = 0; i < 500; i++)
        {
            var response = await CreateCreatorAsync(api);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return response;
            }

            await response.Expect(HttpStatusCode.Created);
        }

        throw new Xunit.Sdk.XunitException("500 writes went through on a full disk.");
    }

    /// <summary>Retries the write until it is accepted, and returns how long that took.</summary>
    public static async Task<TimeSpan> RecoveryTimeAsync(ApiFixture api)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await CreateCreatorAsync(api);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return clock.Elapsed;
            }

            await response.Expect(HttpStatusCode.ServiceUnavailable);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "The service did not recover within 15 s once the fault was gone.");
            await Task.Delay(200);
        }
    }

    public static async Task<HttpResponseMessage> ReadyAsync(ApiFixture api) => await api.Anonymous().GetAsync("/health/ready");
}

public sealed class DiskFullTests(SmallDiskFixture api) : IClassFixture<SmallDiskFixture>
{
    [Fact]
    public async Task A_full_disk_answers_503_to_writes_and_readiness_keeps_clicks_and_recovers_by_itself()
    {
        var link = await ClicksTable.LinkAsync(api);
        var pipeline = api.Services.GetRequiredService<ClickPipeline>();
        var before = pipeline.Snapshot();
        api.FillDisk();

        var refused = await Faults.WriteUntilRefusedAsync(api);
        // SQLite reports a full disk as SQLITE_FULL, or as an I/O error when the write that failed was the WAL's or the
        // shared memory's (seen in one run of five): either way the reason is named.
        var problem = await refused.Expect(HttpStatusCode.ServiceUnavailable);
        Assert.Matches("disk is full|I/O error", (string)problem["detail"]!);
        Assert.NotNull(refused.Headers.RetryAfter);
        var ready = await Faults.ReadyAsync(api);
        Assert.Matches("disk is full|I/O error", (string)(await ready.Expect(HttpStatusCode.ServiceUnavailable))["detail"]!);
        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/live")).StatusCode);

        const int clicks = 30;
        for (var i = 0; i < clicks; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await api.Visitor().GetAsync((string)link["shortUrl"]!)).StatusCode);
        }

        api.FreeDisk();
        Assert.True(await Faults.RecoveryTimeAsync(api) < TimeSpan.FromSeconds(10));
        for (var i = 0; i < 600 && pipeline.Snapshot().Written + pipeline.Snapshot().Lost < before.Written + clicks; i++)
        {
            await Task.Delay(100);
        }

        var after = pipeline.Snapshot();
        Assert.Equal(before.Written + clicks, after.Written + after.Lost - before.Lost);
        Assert.Equal(before.Lost, after.Lost); // the queue held them all: none lost
        await Task.Delay(DatabaseHealth.FaultWindow);
        Assert.Equal(HttpStatusCode.OK, (await Faults.ReadyAsync(api)).StatusCode);
    }
}

public sealed class ReadOnlyFileTests(ImmutableFileFixture api) : IClassFixture<ImmutableFileFixture>
{
    [Fact]
    public async Task A_read_only_database_file_answers_503_and_the_service_recovers_by_itself_once_it_is_writable()
    {
        await (await Faults.CreateCreatorAsync(api)).Expect(HttpStatusCode.Created);
        Assert.Null(await FaultFolderFixture.RunAsync("chattr", "+i", api.File));
        try
        {
            api.Db.ClearPools(); // as after a restart or a failover: connections opened from now on meet the read-only file
            var problem = await (await Faults.CreateCreatorAsync(api)).Expect(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("read-only", (string)problem["detail"]!, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Faults.ReadyAsync(api)).StatusCode);
        }
        finally
        {
            Assert.Null(await FaultFolderFixture.RunAsync("chattr", "-i", api.File));
        }

        Assert.True(await Faults.RecoveryTimeAsync(api) < TimeSpan.FromSeconds(10));
    }
}

public sealed class DeletedFileFixture : FaultFolderFixture;

public sealed class DeletedDatabaseFileTests(DeletedFileFixture api) : IClassFixture<DeletedFileFixture>
{
    [Fact]
    public async Task A_database_file_deleted_under_the_service_is_noticed_and_not_silently_recreated()
    {
        await (await Faults.CreateCreatorAsync(api)).Expect(HttpStatusCode.Created);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(api.File)!))
        {
            System.IO.File.Delete(file);
        }

        var ready = await Faults.ReadyAsync(api);
        Assert.Contains("missing", (string)(await ready.Expect(HttpStatusCode.ServiceUnavailable))["detail"]!, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the watcher's period: it drops the pooled connections to the deleted file
        await (await Faults.CreateCreatorAsync(api)).Expect(HttpStatusCode.ServiceUnavailable);
        Assert.False(System.IO.File.Exists(api.File), "a new, empty database file was created in place of the deleted one");
    }
}

/// <summary>The clicks table taken away, then the service stopped: what cannot be written is counted, and the stop completes.</summary>
public abstract class StopDuringOutageTests(ApiFixture api)
{
    [Fact]
    public async Task A_stop_while_the_database_fails_completes_and_counts_every_click_it_could_not_store()
    {
        var link = await ClicksTable.LinkAsync(api);
        var pipeline = api.Services.GetRequiredService<ClickPipeline>();
        var before = pipeline.Snapshot();
        await ClicksTable.RenameAsync(api, "perf_clicks", "perf_clicks_away");
        const int clicks = 50;
        for (var i = 0; i < clicks; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await api.Visitor().GetAsync((string)link["shortUrl"]!)).StatusCode);
        }

        await Task.Delay(500); // the writer is now retrying a failed batch
        await api.StopAppAsync(); // used to throw (and abort the process) with the queue uncounted
        var after = pipeline.Snapshot();
        Assert.Equal(0, after.Pending);
        Assert.Equal(before.Written, after.Written);
        Assert.Equal(clicks, after.Lost - before.Lost);
    }
}

public sealed class StopDuringOutageOnSqlite(ClickWriterOutageFixture api) : StopDuringOutageTests(api), IClassFixture<ClickWriterOutageFixture>;

public sealed class StopDuringOutageOnSqlServer(ClickWriterOutageOnSqlServerFixture api) : StopDuringOutageTests(api), IClassFixture<ClickWriterOutageOnSqlServerFixture>;
