using Microsoft.Data.Sqlite;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Integrity;

/// <summary>
/// The crash and corruption suite: a data directory damaged the ways disks, copies and people damage them. For each,
/// the node refuses with a clear message naming what it found and how to restore, or repairs with a report; it never
/// serves an empty store as if nothing had happened.
/// </summary>
public sealed class StoreIntegrityTests
{
    [Fact]
    public async Task A_zero_byte_database_is_refused_never_reinitialised()
    {
        using var cli = await NodeWithDataAsync();
        await File.WriteAllBytesAsync(cli.Database, []);

        foreach (var command in (string[][])[["contacts", "list"], ["audit", "verify"], ["contacts", "add", "--name", "New", "--email", "new@example.org"]])
        {
            var run = await cli.RunAsync(command);
            Assert.True(run.ExitCode == 1, $"{string.Join(' ', command)}: {run}");
            Assert.Contains("is empty (0 bytes)", run.Error, StringComparison.Ordinal);
            Assert.Contains("restore", run.Error, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, new FileInfo(cli.Database).Length);
        var init = await cli.RunAsync("init");
        Assert.Equal(1, init.ExitCode);
        Assert.Contains("--force", init.Error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(cli.Database).Length);
    }

    [Fact]
    public async Task Init_force_keeps_the_damaged_file_aside_and_only_after_confirmation()
    {
        using var cli = await NodeWithDataAsync();
        await File.WriteAllBytesAsync(cli.Database, []);

        var unconfirmed = await cli.RunAsync("init", "--force");
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("--yes", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(cli.Database).Length);

        var forced = await cli.OkAsync("init", "--force", "--yes");
        Assert.Contains("kept as", forced.Out, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(cli.Root, "rapport.db.broken-*"));
        Assert.Contains("0 contact(s)", (await cli.OkAsync("contacts", "list")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_database_is_refused_as_corrupted()
    {
        using var cli = await NodeWithDataAsync(contacts: 300);
        var bytes = await File.ReadAllBytesAsync(cli.Database);
        await File.WriteAllBytesAsync(cli.Database, bytes[..(bytes.Length / 2)]);

        var list = await cli.RunAsync("contacts", "list");
        Assert.Equal(1, list.ExitCode);
        Assert.DoesNotContain("internal error", list.Error, StringComparison.Ordinal);
        Assert.Contains("corrupted", list.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await cli.RunAsync("init")).ExitCode);
    }

    [Fact]
    public async Task Overwritten_pages_give_a_clear_error_and_audit_verify_finds_them()
    {
        using var cli = await NodeWithDataAsync(contacts: 300);
        var bytes = await File.ReadAllBytesAsync(cli.Database);
        var random = new Random(7);
        const int page = 4096;
        for (var p = 2; p < bytes.Length / page; p += 3)
        {
            random.NextBytes(bytes.AsSpan(p * page, page));
        }

        await File.WriteAllBytesAsync(cli.Database, bytes);

        foreach (var command in (string[][])[["contacts", "list"], ["audit", "verify"], ["contacts", "list", "--search", "Customer"]])
        {
            var run = await cli.RunAsync(command);
            Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("SqliteException", run.Error, StringComparison.Ordinal);
            if (command[0] == "audit")
            {
                Assert.True(run.ExitCode == 1, run.ToString());
                Assert.Contains("corrupted", run.Error, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_deleted_wal_loses_the_newest_entries_and_the_signed_head_names_the_gap()
    {
        using var cli = await NodeWithDataAsync(contacts: 3);
        var checkpointed = await AuditEntriesAsync(cli);

        // Written to the WAL only (no checkpoint can run while this connection holds a snapshot), then lost.
        await using (var holder = new SqliteConnection($"Data Source={cli.Database};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var begin = holder.CreateCommand();
            begin.CommandText = "PRAGMA wal_autocheckpoint = 0;";
            await begin.ExecuteNonQueryAsync();
            await cli.OkAsync("contacts", "add", "--name", "Late Customer", "--email", "late@example.org");
            await cli.OkAsync("contacts", "add", "--name", "Later Customer", "--email", "later@example.org");
            SqliteConnection.ClearAllPools();
            File.Copy(cli.Database, cli.Database + ".copy", overwrite: true);
        }

        SqliteConnection.ClearAllPools();
        File.Move(cli.Database + ".copy", cli.Database, overwrite: true);
        File.Delete(cli.Database + "-wal");
        File.Delete(cli.Database + "-shm");

        var verify = await cli.RunAsync("audit", "verify");
        Assert.Equal(1, verify.ExitCode);
        Assert.Matches(@"truncated: the log ends at \d+, the signed head says \d+", verify.Error);

        var list = await cli.RunAsync("contacts", "list");
        Assert.Equal(1, list.ExitCode);
        Assert.Contains("the signed head says", list.Error, StringComparison.Ordinal);
        Assert.True(checkpointed > 0);
    }

    [Fact]
    public async Task A_deleted_audit_tail_is_detected()
    {
        using var cli = await NodeWithDataAsync(contacts: 3);
        var entries = await AuditEntriesAsync(cli);
        await ExecuteAsync(cli, "DELETE FROM audit_log WHERE sequence = (SELECT MAX(sequence) FROM audit_log)");

        var verify = await cli.RunAsync("audit", "verify", "--json");
        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Contains($"truncated: the log ends at {entries - 1}, the signed head says {entries}", verify.Error, StringComparison.Ordinal);
        Assert.False(verify.Json.GetProperty("intact").GetBoolean());
        Assert.Equal("AUDIT_TRUNCATED", verify.Json.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_deleted_checkpoint_is_signed_again_with_a_report()
    {
        using var cli = await NodeWithDataAsync(contacts: 2);
        File.Delete(cli.Checkpoint);

        var list = await cli.OkAsync("contacts", "list");
        Assert.Contains("no signed audit head", list.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(cli.Checkpoint));
        var verify = await cli.OkAsync("audit", "verify");
        Assert.DoesNotContain("no signed audit head", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_older_checkpoint_put_back_is_reported_and_a_forged_one_refused()
    {
        using var cli = await NodeWithDataAsync(contacts: 1);
        var older = await File.ReadAllBytesAsync(cli.Checkpoint);
        await cli.OkAsync("contacts", "add", "--name", "Second Customer", "--email", "second@example.org");
        await File.WriteAllBytesAsync(cli.Checkpoint, older);

        var verify = await cli.OkAsync("audit", "verify");
        Assert.Contains("signed head is older than the log", verify.Error, StringComparison.Ordinal);

        var forged = (await File.ReadAllTextAsync(cli.Checkpoint)).Replace("\"sequence\": ", "\"sequence\": 9", StringComparison.Ordinal);
        await File.WriteAllTextAsync(cli.Checkpoint, forged);
        var refused = await cli.RunAsync("contacts", "list");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("signature", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_identity_key_is_refused_and_not_silently_replaced()
    {
        using var cli = await NodeWithDataAsync(contacts: 1);
        File.Delete(Path.Combine(cli.Root, "identity.key"));

        var list = await cli.RunAsync("contacts", "list");
        Assert.Equal(1, list.ExitCode);
        Assert.Contains("identity.key", list.Error, StringComparison.Ordinal);

        var init = await cli.RunAsync("init");
        Assert.Equal(1, init.ExitCode);
        Assert.Contains("identity.key", init.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.Root, "identity.key")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Files_are_private_to_the_owner()
    {
        using var cli = new CliHarness();
        var data = Path.Combine(cli.Root, "node");
        Assert.Equal(0, (await InProcessCli.RunAsync(data, "init")).ExitCode);
        Assert.Equal(0, (await InProcessCli.RunAsync(data, "contacts", "add", "--name", "Ada", "--email", "ada@example.org")).ExitCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        foreach (var file in Directory.GetFiles(data))
        {
            Assert.True((File.GetUnixFileMode(file) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) == 0, $"{file}: {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public async Task Run_refuses_to_start_on_a_damaged_store()
    {
        using var cli = await NodeWithDataAsync();
        await File.WriteAllBytesAsync(cli.Database, []);

        var run = await cli.RunAsync("run", "--listen", "/ip4/127.0.0.1/tcp/0", "--grpc", "none").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is empty (0 bytes)", run.Error + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Looser_modes_found_at_start_are_reported()
    {
        using var cli = await NodeWithDataAsync();
        File.SetUnixFileMode(cli.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(cli.Database, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var warnings = new Composition.DataDirectory(cli.Root).LooseModes();

        Assert.Contains(warnings, w => w.Contains("chmod 700", StringComparison.Ordinal) && w.Contains("(755)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("rapport.db can be read by other users (644)", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("identity.key", StringComparison.Ordinal));
    }

    /// <summary>An initialised node with <paramref name="contacts"/> contacts (each one audited).</summary>
    private static async Task<IntegrityHarness> NodeWithDataAsync(int contacts = 1)
    {
        var cli = new IntegrityHarness();
        await cli.OkAsync("init");
        var csv = Path.Combine(cli.Root, "seed.csv");
        await File.WriteAllLinesAsync(csv, ["name,email", .. Enumerable.Range(0, contacts).Select(i => $"Customer {i:D4},c{i}@example.org")]);
        await cli.OkAsync("contacts", "import", csv);
        SqliteConnection.ClearAllPools();
        return cli;
    }

    private static async Task<long> AuditEntriesAsync(IntegrityHarness cli)
    {
        await using var connection = new SqliteConnection($"Data Source={cli.Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_log";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(IntegrityHarness cli, string sql)
    {
        await using (var connection = new SqliteConnection($"Data Source={cli.Database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
    }

    private sealed class IntegrityHarness : IDisposable
    {
        private readonly CliHarness _cli = new();

        public string Root => _cli.Root;

        public string Database => Path.Combine(Root, "rapport.db");

        public string Checkpoint => Path.Combine(Root, "audit.head");

        public async Task<CliRun> RunAsync(params string[] args)
        {
            SqliteConnection.ClearAllPools();
            return await _cli.RunAsync(args);
        }

        public async Task<CliRun> OkAsync(params string[] args)
        {
            SqliteConnection.ClearAllPools();
            return await _cli.OkAsync(args);
        }

        public void Dispose() => _cli.Dispose();
    }
}
