using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Rapport.Libp2p.Muxing;

/// <summary>
/// A yamux (/yamux/1.0.0) session over any duplex stream (in production the Noise channel). The session owns
/// the channel. Frames are written by whoever holds the write lock: application writes go straight out, while
/// frames the read loop must send (window updates, ping echoes, RSTs) are queued for a pump task so the read
/// loop never blocks on a write (two peers blocked writing to each other would deadlock).
/// </summary>
public sealed class YamuxSession : IMuxedSession
{
    private const int ControlBatch = 64;

    private readonly Stream _channel;
    private readonly bool _isInitiator;
    private readonly YamuxOptions _options;
    private readonly Action<string>? _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<uint, YamuxStream> _streams = [];
    private readonly Channel<YamuxStream> _accepted = Channel.CreateUnbounded<YamuxStream>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ConcurrentQueue<YamuxHeader> _control = new();
    private readonly AsyncSignal _controlPending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly int _writeBufferSize;
    private byte[]? _writeBuffer;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<uint, (TaskCompletionSource<TimeSpan> Reply, long StartedAt)> _pings = [];
    private uint _nextStreamId;
    private uint _lastRemoteId;
    private int _inbound;
    private int _outbound;
    private int _unacknowledged;
    private TaskCompletionSource? _backlogFreed;
    private uint _nextPingId;
    private static readonly AsyncLocal<YamuxSession?> InLoop = new();
    private static readonly TimeSpan LoopsEndTimeout = TimeSpan.FromSeconds(5);
    private bool _started;
    private Task? _loops;
    private bool _terminating;
    private bool _goAwaySent;
    private YamuxGoAwayCode? _remoteGoAway;
    private string? _closeReason;
    private long _lastActivityTicks = DateTimeOffset.UtcNow.UtcTicks;

    public YamuxSession(Stream channel, bool isInitiator, YamuxOptions? options = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _options = options ?? new YamuxOptions();
        _options.Validate();
        _channel = channel;
        _isInitiator = isInitiator;
        _log = log;
        _nextStreamId = isInitiator ? 1u : 2u;
        _writeBufferSize = YamuxHeader.Size + _options.MaxFrameData + (ControlBatch * YamuxHeader.Size);
    }

    /// <summary>Completes (never faults) when the session has ended; <see cref="CloseReason"/> says why.</summary>
    public Task Completion => _completion.Task;

    public string? CloseReason
    {
        get
        {
            lock (_gate)
            {
                return _closeReason;
            }
        }
    }

    public int ActiveStreams
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count;
            }
        }
    }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    public bool IsInitiator => _isInitiator;

    /// <summary>Most bytes <see cref="OpenStreamAsync(ReadOnlyMemory{byte}, CancellationToken)"/> sends with the SYN: one frame.</summary>
    public int MaxInitialData => _options.MaxFrameData;

    /// <summary>
    /// Frames are assembled here; only touched under the write lock. Rented per write and returned right after it,
    /// so an idle connection holds no write buffer (a node keeps thousands of mostly idle connections).
    /// </summary>
    private byte[] WriteBuffer => _writeBuffer ??= ArrayPool<byte>.Shared.Rent(_writeBufferSize);

    /// <summary>Starts the read loop and the control-frame pump.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("the yamux session is already started");
            }

            _started = true;
        }

        _loops = Task.WhenAll(Task.Run(ReadLoopAsync), Task.Run(PumpControlAsync));
    }

    public Task<YamuxStream> OpenStreamAsync(CancellationToken ct) => OpenStreamAsync(ReadOnlyMemory<byte>.Empty, ct);

    /// <summary>
    /// Opens a stream whose first bytes (at most <see cref="MaxInitialData"/>) leave in the same write as its SYN,
    /// e.g. the multistream header and proposal: one encrypted frame and one socket write instead of two.
    /// </summary>
    public async Task<YamuxStream> OpenStreamAsync(ReadOnlyMemory<byte> initialData, CancellationToken ct)
    {
        if (initialData.Length > MaxInitialData)
        {
            throw new ArgumentException($"at most {MaxInitialData} bytes may travel with a SYN", nameof(initialData));
        }

        while (true)
        {
            YamuxStream? stream = null;
            Task? backlogFreed = null;
            lock (_gate)
            {
                // Fail fast on a closed session rather than queueing for the write lock first.
                ThrowIfUnusableLocked();
            }

            // The id is taken under the write lock and its SYN written before the lock is released: SYNs must leave
            // in id order, since the peer takes a lower id arriving after a higher one for a reused id.
            await AcquireWriteLockAsync(ct).ConfigureAwait(false);
            try
            {
                lock (_gate)
                {
                    ThrowIfUnusableLocked();
                    if (_outbound >= _options.MaxOutboundStreams)
                    {
                        throw new YamuxException($"outbound stream limit reached ({_options.MaxOutboundStreams} open)");
                    }

                    if (_unacknowledged < _options.AckBacklog)
                    {
                        if (_nextStreamId > uint.MaxValue - 2)
                        {
                            throw new YamuxException("stream ids of this session are exhausted");
                        }

                        stream = new YamuxStream(this, _nextStreamId, outbound: true, _options) { AwaitingAck = true };
                        stream.ConsumeSendWindow(initialData.Length);
                        _nextStreamId += 2;
                        _streams.Add(stream.Id, stream);
                        _outbound++;
                        _unacknowledged++;
                    }
                    else
                    {
                        _backlogFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        backlogFreed = _backlogFreed.Task;
                    }
                }

                if (stream is not null)
                {
                    try
                    {
                        var syn = new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, stream.Id, stream.ExtraWindow);
                        if (initialData.IsEmpty)
                        {
                            await WriteFrameLockedAsync(syn, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
                        }
                        else
                        {
                            // The same two frames as a SYN followed by a write, so any yamux peer reads them as usual.
                            var data = new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, stream.Id, (uint)initialData.Length);
                            await WriteFrameLockedAsync(data, initialData, syn).ConfigureAwait(false);
                        }
                    }
                    catch
                    {
                        // The SYN never left: the peer does not know the stream, so just forget it.
                        Release(stream);
                        throw;
                    }

                    return stream;
                }
            }
            finally
            {
                _writeLock.Release();
            }

            // Backpressure: the peer has not acknowledged AckBacklog of our streams yet. Waited for without the
            // write lock, which the acknowledgements' traffic may need.
            await backlogFreed!.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task<YamuxStream> AcceptStreamAsync(CancellationToken ct)
    {
        try
        {
            var stream = await _accepted.Reader.ReadAsync(ct).ConfigureAwait(false);
            stream.OnAccepted();
            return stream;
        }
        catch (ChannelClosedException)
        {
            throw new YamuxException($"yamux session closed: {CloseReason ?? "no more inbound streams"}");
        }
    }

    public async Task<TimeSpan> PingAsync(CancellationToken ct)
    {
        var reply = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        uint id;
        lock (_gate)
        {
            if (_terminating)
            {
                throw new YamuxException($"yamux session closed: {_closeReason}");
            }

            id = ++_nextPingId;
            _pings[id] = (reply, Stopwatch.GetTimestamp());
        }

        EnqueueControl(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, id));
        try
        {
            return await reply.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _pings.Remove(id);
            }
        }
    }

    /// <summary>
    /// Tells the peer we go away: no new streams either way from now on. Normal lets open streams finish;
    /// an error code also ends the session.
    /// </summary>
    public async Task GoAwayAsync(YamuxGoAwayCode code = YamuxGoAwayCode.Normal)
    {
        lock (_gate)
        {
            if (_terminating || _goAwaySent)
            {
                return;
            }

            _goAwaySent = true;
        }

        try
        {
            await WriteFrameAsync(new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)code), ReadOnlyMemory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The session already ended; the peer learns from the closed connection.
        }

        if (code != YamuxGoAwayCode.Normal)
        {
            await TerminateAsync($"we went away ({code})", null).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await GoAwayAsync(YamuxGoAwayCode.Normal).ConfigureAwait(false);
        await TerminateAsync("session closed locally", null).ConfigureAwait(false);

        // The read loop and the control pump end once the session terminates; a dispose from inside one of them
        // (a violation it answers by closing) must not wait for itself.
        if (_loops is { } loops && InLoop.Value != this)
        {
            await loops.WaitAsync(LoopsEndTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Queues a header-only frame for the pump; never blocks (used by the read loop and Reset).</summary>
    internal void EnqueueControl(YamuxHeader header)
    {
        _control.Enqueue(header);
        _controlPending.Set();
    }

    /// <summary>Writes one frame (header and payload in one write), preceded by any queued control frames.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask WriteFrameAsync(YamuxHeader header, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await AcquireWriteLockAsync(ct).ConfigureAwait(false);
        try
        {
            await WriteFrameLockedAsync(header, payload).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask AcquireWriteLockAsync(CancellationToken ct)
    {
        try
        {
            await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            throw new YamuxException($"yamux session closed: {CloseReason}");
        }
    }

    /// <summary>The body of <see cref="WriteFrameAsync"/>; the caller holds the write lock.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteFrameLockedAsync(YamuxHeader header, ReadOnlyMemory<byte> payload, YamuxHeader? leading = null)
    {
        if (_terminating)
        {
            throw new YamuxException($"yamux session closed: {CloseReason}");
        }

        var used = DrainControl(_writeBufferSize - (2 * YamuxHeader.Size) - payload.Length);
        if (leading is { } first)
        {
            first.WriteTo(WriteBuffer.AsSpan(used));
            used += YamuxHeader.Size;
        }

        header.WriteTo(WriteBuffer.AsSpan(used));
        used += YamuxHeader.Size;
        payload.Span.CopyTo(WriteBuffer.AsSpan(used));
        used += payload.Length;
        await WriteChannelAsync(used).ConfigureAwait(false);
    }

    /// <summary>Forgets a stream that is fully closed or reset.</summary>
    internal void Release(YamuxStream stream)
    {
        lock (_gate)
        {
            if (!_streams.Remove(stream.Id))
            {
                return;
            }

            if (stream.IsOutbound)
            {
                _outbound--;
                if (stream.AwaitingAck)
                {
                    stream.AwaitingAck = false;
                    FreeBacklogSlotLocked();
                }
            }
            else
            {
                _inbound--;
            }
        }
    }

    /// <summary>The read loop's frame handling, separated from socket reads so fuzz tests can drive it.</summary>
    internal async Task RunReadLoopAsync(FrameReader reader)
    {
        var token = _lifetime.Token;
        var headerBytes = new byte[YamuxHeader.Size];
        string reason;
        YamuxGoAwayCode? goAway = null;
        try
        {
            while (true)
            {
                if (!await reader.ReadHeaderAsync(headerBytes, token).ConfigureAwait(false))
                {
                    reason = _remoteGoAway is { } code ? $"peer went away ({code}) and closed the connection" : "connection closed by peer";
                    break;
                }

                // Violations are returned, not thrown: hostile input must stay cheap to reject.
                var violation = YamuxHeader.TryRead(headerBytes, (uint)_options.InitialWindow, out var header);
                string? ended = null;
                if (violation is null)
                {
                    Interlocked.Exchange(ref _lastActivityTicks, DateTimeOffset.UtcNow.UtcTicks);
                    if (header.Type == YamuxFrameType.Data)
                    {
                        violation = await ReceiveDataAsync(header, reader, token).ConfigureAwait(false);
                    }
                    else
                    {
                        ended = HandleControlFrame(header, out violation);
                    }
                }

                if (violation is not null)
                {
                    reason = $"protocol violation: {violation}";
                    goAway = YamuxGoAwayCode.ProtocolError;
                    break;
                }

                if (ended is not null)
                {
                    reason = ended;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            reason = "session closed locally";
        }
        catch (EndOfStreamException eof)
        {
            reason = eof.Message;
        }
        catch (IOException io)
        {
            reason = $"connection failed: {io.Message}";
        }
        catch (ObjectDisposedException)
        {
            reason = "connection closed";
        }
#pragma warning disable CA1031 // The read loop must end the session with a reason whatever happens.
        catch (Exception bug)
#pragma warning restore CA1031
        {
            reason = $"internal error: {bug}";
            goAway = YamuxGoAwayCode.InternalError;
        }

        await TerminateAsync(reason, goAway).ConfigureAwait(false);
    }

    private async Task ReadLoopAsync()
    {
        InLoop.Value = this;
        using var reader = new FrameReader(_channel);
        await RunReadLoopAsync(reader).ConfigureAwait(false);
    }

    /// <summary>Receives one data frame's payload into its stream; returns a protocol violation or null.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<string?> ReceiveDataAsync(YamuxHeader header, FrameReader reader, CancellationToken token)
    {
        var stream = ResolveStream(header, out var unknown);
        if (unknown is not null)
        {
            return unknown;
        }

        if (stream is null)
        {
            await reader.SkipAsync(header.Length, token).ConfigureAwait(false);
            return null;
        }

        if (header.Length > 0)
        {
            if (stream.ReserveReceive(header.Length) is { } violation)
            {
                return violation;
            }

            var length = (int)header.Length;
            var payload = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                await reader.ReadExactlyAsync(payload.AsMemory(0, length), token).ConfigureAwait(false);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(payload);
                throw;
            }

            stream.Deliver(payload, length);
        }

        ApplyStreamFlags(stream, header.Flags);
        return null;
    }

    /// <summary>Handles window update, ping and go-away; returns a reason when the session must end.</summary>
    private string? HandleControlFrame(YamuxHeader header, out string? violation)
    {
        violation = null;
        switch (header.Type)
        {
            case YamuxFrameType.WindowUpdate:
                var stream = ResolveStream(header, out violation);
                if (stream is not null)
                {
                    violation = stream.AddSendWindow(header.Length);
                    if (violation is null)
                    {
                        ApplyStreamFlags(stream, header.Flags);
                    }
                }

                return null;
            case YamuxFrameType.Ping when header.Flags.HasFlag(YamuxFlags.Syn):
                EnqueueControl(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, header.Length));
                return null;
            case YamuxFrameType.Ping:
                lock (_gate)
                {
                    if (_pings.Remove(header.Length, out var ping))
                    {
                        ping.Reply.TrySetResult(Stopwatch.GetElapsedTime(ping.StartedAt));
                    }
                }

                return null;
            default:
                var code = (YamuxGoAwayCode)header.Length;
                lock (_gate)
                {
                    _remoteGoAway = code;
                }

                _log?.Invoke($"yamux: peer sent go-away ({code})");
                return code == YamuxGoAwayCode.Normal ? null : $"peer went away ({code})";
        }
    }

    /// <summary>
    /// Finds the stream a data or window-update frame is for, opening it on SYN. Returns null for a stream
    /// that existed and is gone (late frames after a reset are normal); sets <paramref name="violation"/> for
    /// ids that never existed or were misused.
    /// </summary>
    private YamuxStream? ResolveStream(YamuxHeader header, out string? violation)
    {
        violation = null;
        var id = header.StreamId;
        var remoteParity = (id % 2 == 0) == _isInitiator;
        YamuxStream? opened = null;
        lock (_gate)
        {
            if (_streams.TryGetValue(id, out var known))
            {
                if (header.Flags.HasFlag(YamuxFlags.Syn))
                {
                    violation = $"SYN for stream {id}, which is already open";
                    return null;
                }

                if (known.AwaitingAck)
                {
                    // Any frame from the peer on our stream means it took the stream.
                    known.AwaitingAck = false;
                    FreeBacklogSlotLocked();
                }

                return known;
            }

            if (!header.Flags.HasFlag(YamuxFlags.Syn))
            {
                var existed = remoteParity ? id <= _lastRemoteId : id < _nextStreamId;
                if (!existed)
                {
                    violation = $"{header.Type} frame for unknown stream {id}";
                    return null;
                }

                return null;
            }

            if (!remoteParity)
            {
                violation = $"peer opened stream {id}, an id of our parity";
                return null;
            }

            if (id <= _lastRemoteId)
            {
                violation = $"peer reused stream id {id}";
                return null;
            }

            _lastRemoteId = id;
            if (!_terminating && !_goAwaySent && _inbound < _options.MaxInboundStreams)
            {
                opened = new YamuxStream(this, id, outbound: false, _options);
                _streams.Add(id, opened);
                _inbound++;
                _accepted.Writer.TryWrite(opened);
            }
        }

        if (opened is null)
        {
            _log?.Invoke($"yamux: refusing inbound stream {id} (limit of {_options.MaxInboundStreams} or going away)");
            EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, id, 0));
        }

        return opened;
    }

    private void ApplyStreamFlags(YamuxStream stream, YamuxFlags flags)
    {
        if (flags.HasFlag(YamuxFlags.Rst))
        {
            stream.OnRemoteReset();
            Release(stream);
            return;
        }

        if (flags.HasFlag(YamuxFlags.Fin))
        {
            stream.OnRemoteFin();
        }
    }

    private void FreeBacklogSlotLocked()
    {
        _unacknowledged--;
        var freed = _backlogFreed;
        _backlogFreed = null;
        freed?.TrySetResult();
    }

    private void ThrowIfUnusableLocked()
    {
        if (_terminating)
        {
            throw new YamuxException($"yamux session closed: {_closeReason}");
        }

        if (_goAwaySent)
        {
            throw new YamuxException("cannot open a stream: this session sent go-away");
        }

        if (_remoteGoAway is { } code)
        {
            throw new YamuxException($"cannot open a stream: the peer sent go-away ({code})");
        }
    }

    private async Task PumpControlAsync()
    {
        InLoop.Value = this;
        var token = _lifetime.Token;
        try
        {
            while (true)
            {
                await _controlPending.WaitAsync(token).ConfigureAwait(false);
                await _writeLock.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    while (!_control.IsEmpty && !_terminating)
                    {
                        var used = DrainControl(_writeBufferSize);
                        await WriteChannelAsync(used).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _writeLock.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Session ended.
        }
        catch (IOException)
        {
            // WriteChannelAsync already ended the session.
        }
        catch (ObjectDisposedException)
        {
            // Session disposed.
        }
    }

    private int DrainControl(int space)
    {
        var used = 0;
        while (used + YamuxHeader.Size <= space && _control.TryDequeue(out var header))
        {
            header.WriteTo(WriteBuffer.AsSpan(used));
            used += YamuxHeader.Size;
        }

        return used;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteChannelAsync(int count)
    {
        try
        {
            await _channel.WriteAsync(WriteBuffer.AsMemory(0, count), _lifetime.Token).ConfigureAwait(false);
            await _channel.FlushAsync(_lifetime.Token).ConfigureAwait(false);
            Interlocked.Exchange(ref _lastActivityTicks, DateTimeOffset.UtcNow.UtcTicks);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or NotSupportedException)
        {
            _ = TerminateAsync($"connection failed while writing: {e.Message}", null);
            throw new YamuxException($"yamux session closed: {CloseReason}", e);
        }
        finally
        {
            if (_writeBuffer is { } used)
            {
                _writeBuffer = null;
                ArrayPool<byte>.Shared.Return(used);
            }
        }
    }

    private async Task TerminateAsync(string reason, YamuxGoAwayCode? goAway)
    {
        YamuxStream[] streams;
        (TaskCompletionSource<TimeSpan> Reply, long StartedAt)[] pings;
        lock (_gate)
        {
            if (_terminating)
            {
                return;
            }

            _terminating = true;
            if (goAway is not null && !_goAwaySent)
            {
                _goAwaySent = true;
            }
            else
            {
                goAway = null;
            }

            _closeReason = reason;
            streams = [.. _streams.Values];
            pings = [.. _pings.Values];
            _streams.Clear();
            _pings.Clear();
            _backlogFreed?.TrySetResult();
            _backlogFreed = null;
        }

        _log?.Invoke($"yamux: session ended: {reason}");
        if (goAway is { } code)
        {
            await TrySendGoAwayAsync(code).ConfigureAwait(false);
        }

        _accepted.Writer.TryComplete();
        foreach (var stream in streams)
        {
            stream.OnSessionClosed(reason);
        }

        foreach (var ping in pings)
        {
            ping.Reply.TrySetException(new YamuxException($"yamux session closed: {reason}"));
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Closing a broken channel may throw anything; the session is over either way.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log?.Invoke($"yamux: closing the channel failed: {e.Message}");
        }

        _completion.TrySetResult();
    }

    private async Task TrySendGoAwayAsync(YamuxGoAwayCode code)
    {
        using var timeout = new CancellationTokenSource(_options.GoAwayFlushTimeout);
        try
        {
            await _writeLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                var frame = new byte[YamuxHeader.Size];
                new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)code).WriteTo(frame);
                await _channel.WriteAsync(frame, timeout.Token).ConfigureAwait(false);
                await _channel.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
#pragma warning disable CA1031 // Best effort: the connection is closed right after regardless.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log?.Invoke($"yamux: could not send go-away: {e.Message}");
        }
    }

    async Task<MuxedStream> IMuxedSession.OpenStreamAsync(ReadOnlyMemory<byte> initialData, CancellationToken ct) =>
        await OpenStreamAsync(initialData, ct).ConfigureAwait(false);

    async Task<MuxedStream> IMuxedSession.AcceptStreamAsync(CancellationToken ct) => await AcceptStreamAsync(ct).ConfigureAwait(false);

    Task IMuxedSession.CloseAsync() => GoAwayAsync();
}
