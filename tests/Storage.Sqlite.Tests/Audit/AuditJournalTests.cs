using Microsoft.Data.Sqlite;
using Rapport.Application.Audit.Verify;
using Rapport.Application.Common;
using Rapport.Domain.Audit;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Audit;

/// <summary>The group-committed audit journal and the read-only snapshots it serves, on a real SQLite file.</summary>
public sealed class AuditJournalTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Many_concurrent_callers_are_all_durable_in_one_unbroken_chain()
    {
        await using var db = await TempDatabase.CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => db.Database.Journal.RecordAsync([Event(i), Event(i + 1000)]))));

        Assert.Equal(400L, await CountAsync(db, "SELECT COUNT(*) FROM audit_log"));
        var verified = await new VerifyAuditLog(db.Factory).ExecuteAsync();
        Assert.True(verified.IsSuccess);
        Assert.Equal(400L, verified.Value.Entries);
    }

    [Fact]
    public async Task A_caller_is_released_only_after_its_events_are_committed()
    {
        await using var db = await TempDatabase.CreateAsync();

        await db.Database.Journal.RecordAsync([Event(1)]);

        // A connection of its own sees it: committed, not merely queued.
        Assert.Equal(1L, await CountAsync(db, "SELECT COUNT(*) FROM audit_log WHERE subject = 'subject-1'"));
    }

    [Fact]
    public async Task A_failed_write_fails_every_caller_of_its_batch_and_the_next_batch_succeeds()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.ExecuteAsync("CREATE TRIGGER broken BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;");

        var failures = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            await Record.ExceptionAsync(() => db.Database.Journal.RecordAsync([Event(i)]))));

        Assert.All(failures, f => Assert.Contains("disk I/O error", Assert.IsType<StoreUnavailableException>(f).Message, StringComparison.Ordinal));
        Assert.Equal(0L, await CountAsync(db, "SELECT COUNT(*) FROM audit_log"));
        await db.ExecuteAsync("DROP TRIGGER broken;");
        await db.Database.Journal.RecordAsync([Event(99)]);
        Assert.Equal(1L, await CountAsync(db, "SELECT COUNT(*) FROM audit_log"));
    }

    [Fact]
    public async Task A_stopped_journal_writes_what_it_holds_and_refuses_more()
    {
        var db = await TempDatabase.CreateAsync();
        var pending = db.Database.Journal.RecordAsync([Event(1)]);
        var journal = db.Database.Journal;
        await db.DisposeAsync();

        await pending;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => journal.RecordAsync([Event(2)]));
    }

    [Fact]
    public async Task A_read_snapshot_is_not_blocked_by_a_writer_and_refuses_to_write()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var writer = await db.Factory.BeginAsync();
        await writer.Audit.AppendAsync(Event(1));

        // The write lock is held, and the snapshot reads without waiting for it (the busy timeout is seconds).
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using (var read = await db.Factory.BeginReadAsync())
        {
            Assert.Equal(0L, await read.Audit.CountAsync());
            var refused = await Assert.ThrowsAsync<SqliteException>(() => read.Audit.AppendAsync(Event(2)));
            Assert.Equal(8, refused.SqliteErrorCode); // SQLITE_READONLY
        }

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(4), $"a read waited {started.Elapsed} for the writer");
    }

    private static AuditEvent Event(int i) => new(Now, "test", "test.event", $"subject-{i}", null, $"n={i}");

    private static async Task<long> CountAsync(TempDatabase db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
