using System.Diagnostics;
using System.Text;

namespace Rapport.Host.Tests.Daemon;

/// <summary>
/// A real `rapport run` process (rapport.dll is copied next to the tests, since this project references src/Host),
/// on a loopback port chosen by the OS, without the gRPC API. Its stderr log is kept for failure messages.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _listening.TrySetException(new InvalidOperationException($"rapport run ended before listening: {Log}"));
                _ready.TrySetException(new InvalidOperationException($"rapport run ended before its control socket was up: {Log}"));
                return;
            }

            Append(e.Data);
            if (e.Data.StartsWith("listening on ", StringComparison.Ordinal))
            {
                _listening.TrySetResult(e.Data["listening on ".Length..].Trim());
            }

            if (e.Data.StartsWith("gRPC partner API listening on ", StringComparison.Ordinal))
            {
                GrpcAddress = new Uri(e.Data["gRPC partner API listening on ".Length..].Split(' ')[0]);
            }

            if (e.Data.StartsWith("web console ", StringComparison.Ordinal))
            {
                WebAddress = new Uri(e.Data["web console ".Length..].Trim());
            }

            if (e.Data.StartsWith("control socket ", StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Append(e.Data);
            }
        };
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The partner API's address, when the node serves it.</summary>
    public Uri? GrpcAddress { get; private set; }

    /// <summary>The web console's address, when the node serves it.</summary>
    public Uri? WebAddress { get; private set; }

    /// <summary>The dialable address the node printed (loopback, with /p2p/ peer id).</summary>
    public string Address { get; private set; } = "";

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<NodeProcess> StartAsync(string dataDirectory, params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "rapport.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        string[] grpc = extra.Contains("--grpc") ? [] : ["--grpc", "none"];
        foreach (var arg in (string[])[dll, "run", "--data", dataDirectory, "--listen", "/ip4/127.0.0.1/tcp/0", .. grpc, .. extra])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        var node = new NodeProcess(Process.Start(start)!);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            node.Address = await node._listening.Task.WaitAsync(timeout.Token);
            await node._ready.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await node.DisposeAsync();
            throw new TimeoutException($"rapport run did not start within 20 s: {node.Log}");
        }

        return node;
    }

    /// <summary>
    /// Waits until the log holds <paramref name="text"/>: stdout and stderr are read separately, so a line the node wrote
    /// before some other observable effect may still be on its way to the log.
    /// </summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"\"{text}\" not logged within {timeout}: {Log}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Runs until it exits by itself (e.g. refused to start) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM: a graceful stop, as a service manager would do it.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rapport run did not stop on SIGTERM: {Log}");
        }
    }

    /// <summary>SIGKILL: the node dies without cleaning up (a crash).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
