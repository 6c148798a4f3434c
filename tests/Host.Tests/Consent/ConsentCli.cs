using Microsoft.Data.Sqlite;
using Rapport.Host.Composition;

namespace Rapport.Host.Tests.Consent;

/// <summary>A node data directory with a real database, and a way to run `rapport` in-process against it.</summary>
public sealed class ConsentCli : IAsyncDisposable
{
    private ConsentCli(string root) => Root = root;

    public string Root { get; }

    public string DatabasePath => new DataDirectory(Root).DatabasePath;

    public static async Task<ConsentCli> CreateAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "rapport-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await NewNode.CreateAsync(new DataDirectory(root));
        return new ConsentCli(root);
    }

    public Task<CliRun> RunAsync(params string[] args) => InProcessCli.RunAsync(Root, args);

    /// <summary>
    /// Stores a bare contact straight into the database (no audit entry, so tests that count audit positions
    /// are unaffected) and returns its id; consent and policy commands refuse unknown contacts.
    /// </summary>
    public async Task<string> NewContactAsync()
    {
        var id = Guid.NewGuid().ToString("N");
        await ExecuteSqlAsync($"INSERT INTO contacts (id, name, created_at, updated_at) VALUES ('{id}', 'Test Contact', 0, 0)");
        return id;
    }

    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }

        return ValueTask.CompletedTask;
    }
}
