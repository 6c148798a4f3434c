using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Rapport.Bench.Libp2p;

/// <summary>
/// The js-libp2p reference peer of the interop tests (tests/Interop/Libp2p/peer), started as a child process and
/// driven by its JSON-line protocol, so benchmarks can compare against js-libp2p in the same run.
/// </summary>
internal sealed class JsPeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly TaskCompletionSource<JsonElement> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;

    private JsPeerProcess(Process process)
    {
        _process = process;
        _ = Task.Run(PumpAsync);
        _ = Task.Run(() => process.StandardError.ReadToEndAsync());
    }

    public string Addr { get; private set; } = "";

    public static string LocatePeerDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Node.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Interop", "Libp2p", "peer");
            }
        }

        throw new InvalidOperationException("run the benchmark from a source checkout (Node.sln not found above the binary)");
    }

    public static async Task<JsPeerProcess> StartAsync()
    {
        var directory = LocatePeerDirectory();
        if (!File.Exists(Path.Combine(directory, "node_modules", ".package-lock.json")))
        {
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = directory })!;
            await npm.WaitForExitAsync().ConfigureAwait(false);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed in {directory}");
            }
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--import", "./polyfill.mjs", "peer.mjs" })
        {
            start.ArgumentList.Add(arg);
        }

        var peer = new JsPeerProcess(Process.Start(start)!);
        var ready = await peer._ready.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        peer.Addr = ready.GetProperty("addrs")[0].GetString()!;
        return peer;
    }

    public async Task<JsonElement> SendAsync(string cmd, object args, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { id, cmd, args, timeoutMs = (long)timeout.TotalMilliseconds })).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        var message = await reply.Task.WaitAsync(timeout + TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return message.GetProperty("ok").GetBoolean() ? message : throw new InvalidOperationException($"js peer: {message}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task PumpAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var message = JsonDocument.Parse(line).RootElement.Clone();
            if (message.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt64(), out var reply))
            {
                reply.TrySetResult(message);
            }
            else if (message.TryGetProperty("event", out var e) && e.GetString() == "ready")
            {
                _ready.TrySetResult(message);
            }
        }

        _ready.TrySetException(new InvalidOperationException("js peer exited"));
        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("js peer exited"));
        }
    }
}
