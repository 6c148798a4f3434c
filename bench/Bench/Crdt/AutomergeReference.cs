using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Rapport.Bench.Crdt;

/// <summary>
/// Runs bench/automerge/merge-set.mjs (Automerge as pinned in its package.json + package-lock.json) on an update
/// set file in the same run as our own measurement. Installs the package with <c>npm ci</c> on first use.
/// </summary>
internal static class AutomergeReference
{
    public static string LocateDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Node.sln")))
            {
                return Path.Combine(dir.FullName, "bench", "automerge");
            }
        }

        throw new InvalidOperationException("run the benchmark from a source checkout (Node.sln not found above the binary)");
    }

    /// <summary>The script's JSON result, or an error message when Node.js or the package is unavailable.</summary>
    public static async Task<(JsonElement? Result, string? Error)> RunAsync(string updateSetPath, int rounds, string strings)
    {
        try
        {
            var directory = LocateDirectory();
            if (!File.Exists(Path.Combine(directory, "node_modules", ".package-lock.json")))
            {
                var (code, _, error) = await RunProcessAsync("npm", directory, ["ci", "--no-audit", "--no-fund"]).ConfigureAwait(false);
                if (code != 0)
                {
                    return (null, $"npm ci failed in {directory}: {error.Trim()}");
                }
            }

            var (exit, output, stderr) = await RunProcessAsync(
                "node",
                directory,
                ["merge-set.mjs", updateSetPath, rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), strings]).ConfigureAwait(false);
            if (exit != 0)
            {
                return (null, $"node merge-set.mjs exited with {exit}: {stderr.Trim()}");
            }

            var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            return (JsonDocument.Parse(lastLine).RootElement.Clone(), null);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or JsonException or IndexOutOfRangeException)
        {
            return (null, e.Message);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(string file, string directory, string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
