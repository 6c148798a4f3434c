using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite.Audit;
using Rapport.Adapters.Storage.Sqlite.Migrations;
using Rapport.Application.Audit.Head;
using Rapport.Application.Common;

namespace Rapport.Adapters.Storage.Sqlite;

/// <summary>
/// The node's embedded database file: opened in WAL mode, migrated to <see cref="Schema.CurrentVersion"/> on start-up,
/// refused when a newer rapport wrote it. Connections are pooled by Microsoft.Data.Sqlite; open one per unit of work.
/// Dispose it when the node stops, so that a checkpoint in flight (<see cref="WalCheckpointer"/>) is awaited.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const int BusyTimeoutMilliseconds = 5000;

    /// <summary>
    /// Reads go through a shared memory map of the file instead of a copy into each pooled connection's own page cache,
    /// so a page one connection read is there for the next. Address space only; the OS decides what stays resident.
    /// </summary>
    private const long MemoryMappedBytes = 1L << 30;

    /// <summary>
    /// Page cache of a read-write connection. A large write (a 100,000-row import touches every index of the contacts
    /// table) keeps its dirty pages here until the commit; with SQLite's 2 MiB default they spill to the WAL mid-way and
    /// are written again. Reads come through the memory map, so only writers get the larger cache. It is a ceiling, not
    /// an allocation: a connection holds only the pages it touched (csv-import 100,000 rows: 5.4 s → 5.0 s, 32 MiB: 5.3 s).
    /// </summary>
    private const int WriteCacheKibibytes = 64 * 1024;

    private readonly string _connectionString;
    private readonly Lazy<SqliteAuditJournal> _journal;

    /// <summary>A pool of its own: read-only connections, so a snapshot can never take the write lock.</summary>
    private readonly string _readConnectionString;

    /// <summary>Unpooled, so that its <c>synchronous = FULL</c> never reaches a pooled connection.</summary>
    private readonly string _durableConnectionString;

    private SqliteDatabase(string path, SqliteConnectionStringBuilder builder)
    {
        Path = path;
        _connectionString = builder.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        _durableConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        Checkpointer = new WalCheckpointer(OpenConnectionAsync);
        _journal = new Lazy<SqliteAuditJournal>(() => new SqliteAuditJournal(this));
    }

    public string Path { get; }

    /// <summary>The group-committed audit writer for decisions made on read-only snapshots; stopped with the database.</summary>
    public SqliteAuditJournal Journal => _journal.Value;

    internal WalCheckpointer Checkpointer { get; }

    /// <summary>Where the audit chain's head is witnessed after each commit that appended to it (none in bare store tests).</summary>
    public IAuditCheckpoint? AuditCheckpoint { get; set; }

    /// <summary>Stops the journal (writing what it holds), makes the signed audit head durable, then awaits a WAL checkpoint in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_journal.IsValueCreated)
        {
            await _journal.Value.DisposeAsync().ConfigureAwait(false);
        }

        if (AuditCheckpoint is { } checkpoint)
        {
            await checkpoint.FlushAsync().ConfigureAwait(false);
        }

        await Checkpointer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Opens (creating when <paramref name="create"/>) and migrates the database at <paramref name="path"/>.</summary>
    /// <exception cref="StoreUnavailableException">missing, locked, corrupted or newer than this binary.</exception>
    public static async Task<SqliteDatabase> OpenAsync(string path, bool create = true, CancellationToken cancellationToken = default)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var existing = new FileInfo(fullPath);
        if (!create && !existing.Exists)
        {
            throw new StoreUnavailableException($"no database at {fullPath}; run `rapport init` first");
        }

        if (existing.Exists && existing.Length == 0)
        {
            // SQLite would take a 0-byte file for a new database and the node would start empty, as if nothing was lost.
            throw new StoreUnavailableException(
                $"the database {fullPath} is empty (0 bytes): the node's data is missing (a full disk, a bad copy, a truncated backup?). " +
                "Restore rapport.db from a backup; `rapport init --force` starts an empty node and keeps this file aside");
        }

        if (!existing.Exists)
        {
            CreatePrivateFile(fullPath);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 5,
        };
        var database = new SqliteDatabase(fullPath, builder);
        await Translate(fullPath, () => database.MigrateAsync(fresh: !existing.Exists, cancellationToken)).ConfigureAwait(false);
        return database;
    }

    /// <summary>
    /// Creates the database file readable and writable by its owner only. SQLite gives the WAL and shared-memory files
    /// the database file's mode, so they are private too.
    /// </summary>
    private static void CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; its mode is checked where the node starts.
        }
    }

    /// <summary>An open read-write connection with the per-connection pragmas set.</summary>
    public Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        OpenAsync(
            _connectionString,
            $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {WalCheckpointer.BackstopPages}; PRAGMA mmap_size = {MemoryMappedBytes}; PRAGMA cache_size = -{WriteCacheKibibytes};",
            cancellationToken);

    /// <summary>
    /// A read-write connection of its own whose commits sync the WAL (<c>synchronous = FULL</c>): what it committed
    /// survives a power loss, not only a crash of the process. For long-lived writers that group many commits.
    /// </summary>
    public Task<SqliteConnection> OpenDurableConnectionAsync(CancellationToken cancellationToken = default) =>
        OpenAsync(
            _durableConnectionString,
            $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = {WalCheckpointer.BackstopPages};",
            cancellationToken);

    /// <summary>An open read-only connection: in WAL mode its transactions read a snapshot and never block writers.</summary>
    public Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken = default) =>
        OpenAsync(_readConnectionString, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA mmap_size = {MemoryMappedBytes};", cancellationToken);

    private static async Task<SqliteConnection> OpenAsync(string connectionString, string pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, pragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> and turns SQLite's failures into a <see cref="StoreUnavailableException"/> with a clear message.</summary>
    public static async Task<T> Translate<T>(string path, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw Explain(e, path);
        }
    }

    /// <summary>
    /// What a SQLite failure means for the user of the database at <paramref name="path"/>, in their words: locked,
    /// corrupted, full, read-only, or (for any other code) a failure of the store naming SQLite's own reason.
    /// </summary>
    public static StoreUnavailableException Explain(SqliteException failure, string path)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var reason = failure.Message.Replace("SQLite Error ", "error ", StringComparison.Ordinal).TrimEnd('.');
        return new StoreUnavailableException(
            (failure.SqliteErrorCode & 0xff) switch
            {
                5 or 6 => $"the database {path} is locked by another process; stop it or try again",
                11 or 26 => $"the database {path} is corrupted or not a rapport database ({reason}); restore rapport.db from a backup (`rapport audit verify` checks a copy)",
                13 => $"the disk holding {path} is full ({reason}); free some space and try again: nothing was written",
                8 or 14 => $"the database {path} cannot be opened for writing ({reason})",
                10 => $"the database {path} could not be read or written: an I/O error ({reason})",
                _ => $"the database {path} failed ({reason})",
            },
            failure);
    }

    public static async Task Translate(string path, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await Translate(path, async () =>
        {
            await work().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    private async Task<bool> MigrateAsync(bool fresh, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (version == 0 && !fresh)
        {
            // A file that was here before and has no schema: not ours, or cut short before its first migration.
            throw new StoreUnavailableException(
                $"the database {Path} holds no rapport data (no schema): it is not a rapport database, or it was cut short. " +
                "Restore rapport.db from a backup; `rapport init --force` starts an empty node and keeps this file aside");
        }

        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        if (version > Schema.CurrentVersion)
        {
            throw new StoreUnavailableException(
                $"the database {Path} has schema version {version}, newer than this rapport supports ({Schema.CurrentVersion}); upgrade rapport to open it");
        }

        foreach (var migration in Schema.All.Where(m => m.Version > version))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = migration.Sql + $"\nPRAGMA user_version = {migration.Version};";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
