using System.Diagnostics;
using System.Text;

namespace Rapport.Interop.Tests.Libp2p;

/// <summary>
/// Runs the real <c>rapport</c> executable: its rapport.dll is copied next to the test assembly because this project
/// references src/Host, so it runs as <c>dotnet rapport.dll …</c> with no machine-specific path.
/// </summary>
public static class RapportProcess
{
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "rapport.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"rapport.dll not found next to the tests in '{AppContext.BaseDirectory}'.");
        }
    }

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    /// <summary>Runs to completion (killed after <paramref name="timeout"/>) and returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
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
            throw new TimeoutException($"rapport {string.Join(' ', args)} did not exit within {timeout}; stdout: {await stdout}; stderr: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
