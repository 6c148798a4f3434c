using Microsoft.Data.Sqlite;
using Rapport.Host.Composition;
using Spectre.Console;

namespace Rapport.Host.Tests.Crm;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

/// <summary>A fresh node data directory with a real database, and a way to run `rapport` in-process against it.</summary>
public sealed class CrmNode : IAsyncDisposable
{
    private CrmNode(string root) => Data = new DataDirectory(root);

    public DataDirectory Data { get; }

    public static async Task<CrmNode> CreateAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "rapport-crm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var node = new CrmNode(root);
        await NewNode.CreateAsync(node.Data);
        return node;
    }

    public string File(string name) => Path.Combine(Data.Root, name);

    public Task<CliRun> RunAsync(params string[] args) => InProcessCli.RunAsync(Data.Root, args);

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={Data.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<IReadOnlyList<string>> AuditActionsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Data.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT action FROM audit_log ORDER BY sequence";
        var actions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            actions.Add(reader.GetString(0));
        }

        return actions;
    }

    /// <summary>Every line of every audit entry's detail, prefixed with the entry's action (a bulk entry has a line per contact).</summary>
    public async Task<IReadOnlyList<string>> AuditLinesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Data.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT action, detail FROM audit_log ORDER BY sequence";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var action = reader.GetString(0);
            lines.AddRange(reader.GetString(1).Split('\n').Select(line => $"{action}: {line}"));
        }

        return lines;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Data.Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp dir is harmless
        }

        return ValueTask.CompletedTask;
    }
}
