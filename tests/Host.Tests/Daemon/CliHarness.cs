using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rapport.Host.Cli;

namespace Rapport.Host.Tests.Daemon;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
}

/// <summary>Runs `rapport` in-process against one data directory (a temp dir, deleted afterwards).</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        // Short: a Unix socket path is limited to ~100 bytes.
        Root = Path.Combine(Path.GetTempPath(), "rp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await RapportCli.RunAsync([.. args, "--data", Root]);
            return new CliResult(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    /// <summary>Runs and asserts exit code 0, returning the result.</summary>
    public async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"rapport {string.Join(' ', args)}: {result}");
        return result;
    }

    public void Dispose()
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
    }
}
