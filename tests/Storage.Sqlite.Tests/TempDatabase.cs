using Microsoft.Data.Sqlite;

namespace Rapport.Adapters.Storage.Sqlite.Tests;

/// <summary>A real database file in its own temporary directory, deleted afterwards.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rapport-test-" + Guid.NewGuid().ToString("N"));

    private TempDatabase()
    {
        Directory.CreateDirectory(_directory);
    }

    public SqliteDatabase Database { get; private set; } = null!;

    public SqliteUnitOfWorkFactory Factory { get; private set; } = null!;

    public string Path => Database.Path;

    public static async Task<TempDatabase> CreateAsync()
    {
        var temp = new TempDatabase();
        temp.Database = await SqliteDatabase.OpenAsync(System.IO.Path.Combine(temp._directory, "rapport.db"), create: true);
        temp.Factory = new SqliteUnitOfWorkFactory(temp.Database);
        return temp;
    }

    /// <summary>Runs raw SQL outside the application, as someone tampering with the file would.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
