using Microsoft.Data.Sqlite;

namespace Rapport.Adapters.Storage.Sqlite;

/// <summary>
/// Moves committed WAL frames into the database file off the commit path. Left to SQLite, the commit that crosses
/// the auto-checkpoint threshold copies the whole WAL and syncs the file before it returns, so one answer in a few
/// dozen waits tens of milliseconds. Here every <see cref="CommitsPerCheckpoint"/> commits start one passive
/// checkpoint on its own connection (it neither blocks writers nor readers); at most one runs at a time, and
/// <see cref="DisposeAsync"/> awaits it. SQLite's own auto-checkpoint stays on at a high threshold as a backstop for a
/// single huge transaction or a checkpointer that falls behind.
/// </summary>
internal sealed class WalCheckpointer(Func<CancellationToken, Task<SqliteConnection>> open) : IAsyncDisposable
{
    public const int CommitsPerCheckpoint = 16;

    /// <summary>The WAL size, in pages, at which a commit checkpoints by itself after all (SQLite's default is 1,000).</summary>
    public const int BackstopPages = 16_384;

    private readonly Lock _gate = new();
    private int _commits;
    private Task _running = Task.CompletedTask;
    private bool _disposed;

    /// <summary>How many checkpoints ran to completion; for tests and diagnostics.</summary>
    public int Completed { get; private set; }

    public void Committed()
    {
        if (Interlocked.Increment(ref _commits) % CommitsPerCheckpoint != 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || !_running.IsCompleted)
            {
                return;
            }

            _running = Task.Run(CheckpointAsync);
        }
    }

    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = await open(CancellationToken.None).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            Completed++;
        }
        catch (SqliteException)
        {
            // A passive checkpoint that cannot run now (busy, or the file went away) loses nothing: the frames stay
            // in the WAL, readers see them there, and the next checkpoint or the backstop moves them.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = _running;
        }

        // Not cancelled: a passive checkpoint never waits for a lock, so the one in flight ends soon by itself.
        await running.ConfigureAwait(false);
    }
}
