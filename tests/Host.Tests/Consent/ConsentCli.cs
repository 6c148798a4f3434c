using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Host.Cli;
using Rapport.Host.Composition;

namespace Rapport.Host.Tests.Consent;

public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;
}

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
        await SqliteDatabase.OpenAsync(new DataDirectory(root).DatabasePath, create: true);
        return new ConsentCli(root);
    }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await RapportCli.RunAsync([.. args, "--data", Root]);
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
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
