using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Host.Cli;
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
        await SqliteDatabase.OpenAsync(node.Data.DatabasePath, create: true);
        return node;
    }

    public string File(string name) => Path.Combine(Data.Root, name);

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError, oldConsole) = (Console.Out, Console.Error, AnsiConsole.Console);
        Console.SetOut(output);
        Console.SetError(error);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        AnsiConsole.Console.Profile.Width = 250;
        try
        {
            var code = await RapportCli.RunAsync([.. args, "--data", Data.Root]);
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            AnsiConsole.Console = oldConsole;
        }
    }

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

public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
}
