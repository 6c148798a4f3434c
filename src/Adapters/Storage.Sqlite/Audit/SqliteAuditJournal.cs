using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Domain.Audit;

namespace Rapport.Adapters.Storage.Sqlite.Audit;

/// <summary>
/// Group commit for the audit chain. Callers queue their events and wait; one writer takes everything queued, appends
/// it in one write transaction on its own connection with <c>synchronous = FULL</c> (the WAL is synced at commit, so a
/// committed batch survives a crash of the process or the machine), then releases every caller of that batch. Under
/// load one fsync carries many decisions; alone, a decision waits only for its own commit.
/// </summary>
public sealed class SqliteAuditJournal : IAuditJournal, IAsyncDisposable
{
    /// <summary>Events per transaction at most, so one batch never holds the write lock for long.</summary>
    public const int MaxEventsPerBatch = 4096;

    private readonly SqliteDatabase _database;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private SqliteConnection? _connection;
    private StatementCache _statements = new();

    public SqliteAuditJournal(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _writer = Task.Run(WriteAsync);
    }

    public async Task RecordAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var pending = new Pending(events);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new StoreUnavailableException("the audit journal is stopped; the node is shutting down");
        }

        // Cancelling stops the wait, not the write: the decision is recorded either way, it is only not answered.
        await pending.Durable.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what is queued, then stops; later calls fail with <see cref="StoreUnavailableException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _statements.DisposeAsync().ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>();
        var events = new List<AuditEvent>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            events.Clear();
            while (events.Count < MaxEventsPerBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.AddRange(pending.Events);
            }

            try
            {
                await AppendAsync(events).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Durable.TrySetResult();
                }
            }
            catch (Exception e)
            {
                // Whatever went wrong, none of these events is durable: each caller must deny, not answer.
                var failure = e as StoreUnavailableException ?? new StoreUnavailableException($"the audit log in {_database.Path} could not be written ({e.Message.TrimEnd('.')})", e);
                foreach (var pending in batch)
                {
                    pending.Durable.TrySetException(failure);
                }

                await ForgetConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task AppendAsync(List<AuditEvent> events) =>
        await SqliteDatabase.Translate(_database.Path, async () =>
        {
            _connection ??= await _database.OpenDurableConnectionAsync().ConfigureAwait(false);
            await using var work = SqliteUnitOfWork.BeginOn(_connection, _database, _statements);
            await work.Audit.AppendRangeAsync(events).ConfigureAwait(false);
            await work.CommitAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);

    /// <summary>After a failure the connection may be in any state; the next batch opens a fresh one.</summary>
    private async Task ForgetConnectionAsync()
    {
        await _statements.DisposeAsync().ConfigureAwait(false);
        _statements = new StatementCache();
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (SqliteException)
            {
                // Already broken; the fresh connection is what matters.
            }
        }
    }

    private sealed class Pending(IReadOnlyList<AuditEvent> events)
    {
        public IReadOnlyList<AuditEvent> Events { get; } = events;

        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
