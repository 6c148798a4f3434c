using Microsoft.Data.Sqlite;
using Rapport.Domain.Audit;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Database;

public sealed class WalCheckpointerTests
{
    [Fact]
    public async Task Commits_are_checkpointed_off_the_commit_path_and_disposal_awaits_the_checkpoint_in_flight()
    {
        await using var db = await TempDatabase.CreateAsync();
        for (var i = 0; i < WalCheckpointer.CommitsPerCheckpoint * 3; i++)
        {
            await using var work = await db.Factory.BeginAsync();
            await work.Audit.AppendAsync(new AuditEvent(DateTimeOffset.UnixEpoch.AddSeconds(i), "test", "test.event", $"s{i}", null, new string('x', 2000)));
            await work.CommitAsync();
        }

        await db.Database.DisposeAsync();

        Assert.InRange(db.Database.Checkpointer.Completed, 1, 3);
        // Everything committed is readable from the file with a fresh connection, whether or not it was moved yet.
        await using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_log";
        Assert.Equal((long)WalCheckpointer.CommitsPerCheckpoint * 3, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_connection_of_the_node_leaves_sqlites_own_checkpoint_only_as_a_backstop()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";

        Assert.Equal((long)WalCheckpointer.BackstopPages, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task After_disposal_commits_start_no_checkpoint()
    {
        await using var db = await TempDatabase.CreateAsync();
        await db.Database.DisposeAsync();
        for (var i = 0; i < WalCheckpointer.CommitsPerCheckpoint; i++)
        {
            db.Database.Checkpointer.Committed();
        }

        await db.Database.Checkpointer.DisposeAsync();
        Assert.Equal(0, db.Database.Checkpointer.Completed);
    }
}
