using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Rapport.Interop.Tests.Libp2p;

/// <summary>
/// A real js-libp2p v3 node (TCP + Noise + Yamux + identify + ping, plus the echo and sink test protocols) running
/// as a child Node.js process, driven by one JSON command per stdin line. See Libp2p/README.md for the protocol.
/// </summary>
public sealed class JsLibp2pPeer : IAsyncDisposable
{
    public const string EchoProtocol = "/rapport/echo/1.0.0";
    public const string SinkProtocol = "/rapport/sink/1.0.0";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    // The peer enforces the command's own timeout; this grace lets its (more telling) timeout reply arrive first.
    private static readonly TimeSpan ReplyGrace = TimeSpan.FromSeconds(3);
    private const int MaxStderrChars = 64 * 1024;

    private readonly Process _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<JsonElement> _events = [];
    private readonly List<(Func<JsonElement, bool> Match, TaskCompletionSource<JsonElement> Done)> _eventWaiters = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<JsonElement> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _stdinGate = new(1, 1);
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private long _nextId;
    private int _disposed;
    private volatile bool _exited;

    private JsLibp2pPeer(Process process)
    {
        _process = process;
        _stdoutPump = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    public string PeerId { get; private set; } = "";

    /// <summary>Listen addresses, each ending in /p2p/&lt;PeerId&gt;.</summary>
    public IReadOnlyList<string> Addrs { get; private set; } = [];

    /// <summary>The first listen address (with /p2p/), the one to dial.</summary>
    public string Addr => Addrs[0];

    public bool HasExited => _exited || _process.HasExited;

    /// <summary>Everything the peer wrote to stderr so far (bounded), for failure messages.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Unsolicited events so far, e.g. <c>{"event":"inbound","protocol":…,"bytes":N,"outcome":"closed"|"reset"|"error","error":…}</c>.</summary>
    public IReadOnlyList<JsonElement> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Installs the npm dependencies if needed, starts the peer and waits for its ready line.</summary>
    public static async Task<JsLibp2pPeer> StartAsync(JsLibp2pPeerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var directory = JsPeerDirectory.Locate();
        await NpmInstall.EnsureAsync(directory, cancellationToken);

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "--import", "./polyfill.mjs", "peer.mjs" }.Concat((options ?? JsLibp2pPeerOptions.Default).ToArguments()))
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("'node' did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Could not run 'node': Node.js 20+ must be on PATH for the interop tests.", e);
        }

        var peer = new JsLibp2pPeer(process);
        try
        {
            var ready = await peer._ready.Task.WaitAsync(ReadyTimeout, cancellationToken);
            peer.PeerId = ready.GetProperty("peerId").GetString()!;
            peer.Addrs = [.. ready.GetProperty("addrs").EnumerateArray().Select(a => a.GetString()!)];
            return peer;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            await peer.DisposeAsync();
            throw new InvalidOperationException($"js-libp2p peer did not become ready: {e.Message}\n--- stderr ---\n{peer.Stderr}", e);
        }
    }

    /// <summary>
    /// Sends one command and returns the peer's whole reply (<c>{"id":…,"ok":true,…}</c> or <c>{"id":…,"ok":false,"error":…}</c>).
    /// The peer aborts the command itself after <paramref name="timeout"/>; a missing reply throws <see cref="TimeoutException"/>.
    /// </summary>
    public async Task<JsonElement> SendAsync(string cmd, object? args, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var line = JsonSerializer.Serialize(new { id, cmd, args = args ?? new { }, timeoutMs = (long)timeout.TotalMilliseconds });
        try
        {
            await _stdinGate.WaitAsync();
            try
            {
                await _process.StandardInput.WriteLineAsync(line);
                await _process.StandardInput.FlushAsync();
            }
            finally
            {
                _stdinGate.Release();
            }

            return await reply.Task.WaitAsync(timeout + ReplyGrace);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"js-libp2p peer gave no reply to '{cmd}' within {timeout + ReplyGrace}.\n--- stderr ---\n{Stderr}");
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"js-libp2p peer is gone; could not send '{cmd}'.\n--- stderr ---\n{Stderr}", e);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Waits for an event (already seen or future) matching <paramref name="match"/>.</summary>
    public Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_events)
        {
            foreach (var e in _events)
            {
                if (match(e))
                {
                    return Task.FromResult(e);
                }
            }

            _eventWaiters.Add((match, done));
        }

        return done.Task.WaitAsync(timeout);
    }

    /// <summary>Kills the node process at once (no libp2p shutdown), as if the remote machine died mid-transfer.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Asks the peer to stop, then kills it if it does not exit promptly; never leaves a process behind.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("""{"id":0,"cmd":"stop"}""");
                await _process.StandardInput.FlushAsync();
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The pipe is already broken: the process is dying anyway.
            }

            using var wait = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                await _process.WaitForExitAsync();
            }
        }

        await Task.WhenAll(_stdoutPump, _stderrPump);
        _exited = true;
        _process.Dispose();
        _stdinGate.Dispose();
    }

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                Dispatch(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Process torn down while reading: handled below like a normal end of output.
        }

        var gone = new InvalidOperationException($"js-libp2p peer exited.\n--- stderr ---\n{Stderr}");
        _ready.TrySetException(gone);
        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(gone);
        }
    }

    private async Task PumpStderrAsync()
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await _process.StandardError.ReadAsync(buffer)) > 0)
            {
                lock (_stderr)
                {
                    if (_stderr.Length < MaxStderrChars)
                    {
                        _stderr.Append(buffer, 0, Math.Min(read, MaxStderrChars - _stderr.Length));
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Process torn down while reading.
        }
    }

    private void Dispatch(string line)
    {
        JsonElement message;
        try
        {
            using var doc = JsonDocument.Parse(line);
            message = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            lock (_stderr)
            {
                _stderr.Append("[non-JSON stdout] ").AppendLine(line);
            }

            return;
        }

        if (message.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
        {
            if (_pending.TryGetValue(id.GetInt64(), out var reply))
            {
                reply.TrySetResult(message);
            }

            return;
        }

        if (message.TryGetProperty("event", out var evt) && evt.GetString() == "ready")
        {
            _ready.TrySetResult(message);
            return;
        }

        lock (_events)
        {
            _events.Add(message);
            for (var i = _eventWaiters.Count - 1; i >= 0; i--)
            {
                if (_eventWaiters[i].Match(message))
                {
                    _eventWaiters[i].Done.TrySetResult(message);
                    _eventWaiters.RemoveAt(i);
                }
            }
        }
    }
}
