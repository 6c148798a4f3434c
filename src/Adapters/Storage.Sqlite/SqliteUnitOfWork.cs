using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite.Audit;
using Rapport.Adapters.Storage.Sqlite.Consent;
using Rapport.Adapters.Storage.Sqlite.Contacts;
using Rapport.Adapters.Storage.Sqlite.Interactions;
using Rapport.Adapters.Storage.Sqlite.Partners;
using Rapport.Adapters.Storage.Sqlite.Peers;
using Rapport.Adapters.Storage.Sqlite.Pipeline;
using Rapport.Adapters.Storage.Sqlite.Scoring;
using Rapport.Adapters.Storage.Sqlite.SharedRecords;
using Rapport.Adapters.Storage.Sqlite.Sharing;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Consent;
using Rapport.Application.Contacts;
using Rapport.Application.Interactions;
using Rapport.Application.Partners;
using Rapport.Application.Peers;
using Rapport.Application.Pipeline;
using Rapport.Application.Scoring.Cache;
using Rapport.Application.Scoring.Models;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;
using Rapport.Domain.Audit;

namespace Rapport.Adapters.Storage.Sqlite;

/// <summary>
/// One SQLite transaction shared by every store: BEGIN IMMEDIATE for writes, so writers queue instead of failing
/// mid-way; a deferred transaction on a read-only connection for reads, which reads a WAL snapshot without any lock.
/// </summary>
public sealed class SqliteUnitOfWork : IUnitOfWork
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteDatabase _database;
    private readonly bool _ownsConnection;
    private AuditEntry? _appended;
    private bool _committed;

    private SqliteUnitOfWork(SqliteConnection connection, SqliteTransaction transaction, SqliteDatabase database, bool ownsConnection = true)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _database = database;
        _transaction = transaction;
        Audit = new SqliteAuditStore(this);
        Contacts = new SqliteContactStore(this);
        Interactions = new SqliteInteractionStore(this);
        Pipelines = new SqlitePipelineStore(this);
        Deals = new SqliteDealStore(this);
        Consents = new SqliteConsentStore(this);
        Sharing = new SqliteSharingStore(this);
        Partners = new SqlitePartnerStore(this);
        SharedRecords = new SqliteSharedRecordStore(this);
        Profile = new SqliteProfileStore(this);
        Peers = new SqlitePeerAddressBook(this);
        Models = new SqliteModelStore(this);
        Scores = new SqliteScoreCache(this);
    }

    public IAuditStore Audit { get; }

    public IContactStore Contacts { get; }

    public IInteractionStore Interactions { get; }

    public IPipelineStore Pipelines { get; }

    public IDealStore Deals { get; }
    public IConsentStore Consents { get; }

    public ISharingStore Sharing { get; }
    public IPartnerStore Partners { get; }

    public ISharedRecordStore SharedRecords { get; }

    public IProfileStore Profile { get; }

    public IPeerAddressBook Peers { get; }

    public IModelStore Models { get; }

    public IScoreCache Scores { get; }

    internal SqliteConnection Connection => _connection;

    internal SqliteTransaction Transaction => _transaction;

    /// <summary>A command bound to this unit of work's connection and transaction.</summary>
    internal SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    internal static async Task<SqliteUnitOfWork> BeginAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = connection.BeginTransaction(deferred: false);
            return new SqliteUnitOfWork(connection, transaction, database);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static async Task<SqliteUnitOfWork> BeginReadAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = connection.BeginTransaction(deferred: true);
            return new SqliteUnitOfWork(connection, transaction, database);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A write transaction on a connection the caller keeps open across many transactions (the audit journal's), with
    /// the caller's <paramref name="statements"/> kept prepared on it.
    /// </summary>
    internal static SqliteUnitOfWork BeginOn(SqliteConnection connection, SqliteDatabase database, StatementCache statements) =>
        new(connection, connection.BeginTransaction(deferred: false), database, ownsConnection: false) { Statements = statements };

    /// <summary>Statements kept prepared across transactions on a long-lived connection; null for an ordinary unit of work.</summary>
    internal StatementCache? Statements { get; private init; }

    /// <summary>
    /// Runs <paramref name="use"/> with a command for <paramref name="sql"/>: the prepared one of <see cref="Statements"/>
    /// when there are any, else a new one, disposed afterwards.
    /// </summary>
    internal async Task<T> WithCommandAsync<T>(string sql, Action<SqliteCommand>? parameters, Func<SqliteCommand, Task<T>> use)
    {
        if (Statements is { } statements)
        {
            return await use(statements.Get(_connection, _transaction, sql, parameters)).ConfigureAwait(false);
        }

        await using var command = Command(sql);
        parameters?.Invoke(command);
        return await use(command).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _committed = true;
        _database.Checkpointer.Committed();
        if (_appended is { } head && _database.AuditCheckpoint is { } witness)
        {
            await witness.AdvanceAsync(AuditHead.Of(head), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The audit store appended up to <paramref name="entry"/>; its head is witnessed once this commits.</summary>
    internal void Appended(AuditEntry entry) => _appended = entry;

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            await _transaction.RollbackAsync().ConfigureAwait(false);
        }

        await _transaction.DisposeAsync().ConfigureAwait(false);
        if (_ownsConnection)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
