using Microsoft.Data.Sqlite;

namespace Rapport.Host.Tests.Daemon;

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

    public Task<CliRun> RunAsync(params string[] args) => InProcessCli.RunAsync(Root, args);

    /// <summary>Runs and asserts exit code 0, returning the result.</summary>
    public async Task<CliRun> OkAsync(params string[] args)
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
