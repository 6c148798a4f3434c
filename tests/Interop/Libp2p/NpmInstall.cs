using System.Diagnostics;
using System.Text;

namespace Rapport.Interop.Tests.Libp2p;

/// <summary>
/// Installs the peer's pinned npm dependencies with <c>npm ci</c> when node_modules is missing or older than
/// package-lock.json. Serialized per process and across processes, because two concurrent <c>npm ci</c> runs
/// in one directory corrupt each other.
/// </summary>
public static class NpmInstall
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public static async Task EnsureAsync(string peerDirectory, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!IsStale(peerDirectory))
            {
                return;
            }

            await using var crossProcessLock = await AcquireFileLockAsync(peerDirectory, cancellationToken);
            if (IsStale(peerDirectory))
            {
                await RunNpmCiAsync(peerDirectory, cancellationToken);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    // npm writes node_modules/.package-lock.json at the end of a successful install; its age tells whether
    // the installed tree still matches the committed lockfile.
    private static bool IsStale(string peerDirectory)
    {
        var installedMarker = Path.Combine(peerDirectory, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(peerDirectory, "package-lock.json");
        return !File.Exists(installedMarker) || File.GetLastWriteTimeUtc(installedMarker) < File.GetLastWriteTimeUtc(lockFile);
    }

    private static async Task<FileStream> AcquireFileLockAsync(string peerDirectory, CancellationToken cancellationToken)
    {
        var lockPath = Path.Combine(Path.GetTempPath(), $"rapport-npm-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(peerDirectory)))[..16]}.lock");
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task RunNpmCiAsync(string peerDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = peerDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = StartOrExplain(start);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'npm ci' in '{peerDirectory}' did not finish within {InstallTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'npm ci' in '{peerDirectory}' failed with exit code {process.ExitCode}.\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("'npm' did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Could not run 'npm': Node.js 20+ with npm must be on PATH for the interop tests.", e);
        }
    }
}
