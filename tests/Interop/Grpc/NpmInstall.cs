using System.Diagnostics;
using System.Security.Cryptography;

namespace Rapport.Interop.Tests.Grpc;

/// <summary>
/// Installs the committed client dependencies with `npm ci` when node_modules is missing or was installed from a
/// different lockfile. Serialized across test processes with a lock file, and within this one with a semaphore.
/// </summary>
internal static class NpmInstall
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureAsync(string directory)
    {
        await Gate.WaitAsync();
        try
        {
            using var processLock = await AcquireFileLockAsync(Path.Combine(directory, ".npm-ci.lock"));
            var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(directory, "package-lock.json"))));
            var marker = Path.Combine(directory, "node_modules", ".installed-from-lock");
            if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == lockHash)
            {
                return;
            }

            var (exitCode, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], directory, TimeSpan.FromMinutes(5));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed in {directory} (exit {exitCode}):\n{output}");
            }

            await File.WriteAllTextAsync(marker, lockHash);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
