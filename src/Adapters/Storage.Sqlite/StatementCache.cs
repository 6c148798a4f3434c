using Microsoft.Data.Sqlite;

namespace Rapport.Adapters.Storage.Sqlite;

/// <summary>
/// Commands kept prepared on one long-lived connection across its transactions (the audit journal's): SQLite compiles
/// each statement once instead of once per batch. The cache owns its commands; callers must not dispose them.
/// </summary>
internal sealed class StatementCache : IAsyncDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, created (with <paramref name="parameters"/>) on first use, bound to <paramref name="transaction"/>.</summary>
    public SqliteCommand Get(SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteCommand>? parameters = null)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            parameters?.Invoke(command);
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _commands.Clear();
    }
}
