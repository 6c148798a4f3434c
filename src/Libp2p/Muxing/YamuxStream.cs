using System.Buffers;
using System.Runtime.CompilerServices;
using Rapport.Libp2p.Negotiation;

namespace Rapport.Libp2p.Muxing;

/// <summary>
/// One logical yamux stream. Reads return 0 after the peer's FIN; after a reset every read and write throws.
/// One reader and one writer may use it concurrently (not two readers or two writers).
/// </summary>
public sealed class YamuxStream : MuxedStream, IBufferedInput
{
    private readonly YamuxSession _session;
    private readonly Lock _gate = new();
    private readonly ReceiveBuffer _received = new();
    private readonly AsyncSignal _readable = new();
    private readonly AsyncSignal _writable = new();
    private readonly uint _maxWindow;
    private readonly int _maxFrameData;
    private uint _receiveCredit;
    private uint _pendingCredit;
    private long _sendWindow = YamuxOptions.SpecInitialWindow;
    private bool _ackPending;
    private bool _localFin;
    private bool _remoteFin;
    private bool _localReset;
    private bool _remoteReset;
    private string? _sessionClosedReason;

    internal YamuxStream(YamuxSession session, uint id, bool outbound, YamuxOptions options)
    {
        _session = session;
        Id = id;
        IsOutbound = outbound;
        _maxWindow = (uint)options.InitialWindow;
        _maxFrameData = options.MaxFrameData;
        if (outbound)
        {
            // The SYN frame grants the extra window right away.
            _receiveCredit = _maxWindow;
        }
        else
        {
            _receiveCredit = YamuxOptions.SpecInitialWindow;
            _pendingCredit = _maxWindow - YamuxOptions.SpecInitialWindow;
            _ackPending = true;
        }
    }

    public uint Id { get; }

    public bool IsOutbound { get; }

    /// <summary>Set by the session (under its lock) while the peer has not acknowledged our SYN.</summary>
    internal bool AwaitingAck { get; set; }

    /// <summary>Unread received bytes; never more than the stream's receive window.</summary>
    public int BufferedBytes
    {
        get
        {
            lock (_gate)
            {
                return _received.Length;
            }
        }
    }

    internal uint ExtraWindow => _maxWindow - YamuxOptions.SpecInitialWindow;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            int read;
            uint credit;
            YamuxFlags flags;
            lock (_gate)
            {
                ThrowIfReset();
                if (_received.Length == 0)
                {
                    if (_remoteFin)
                    {
                        return 0;
                    }

                    if (_sessionClosedReason is not null)
                    {
                        throw new YamuxException($"yamux session closed: {_sessionClosedReason}");
                    }

                    read = 0;
                    credit = 0;
                    flags = YamuxFlags.None;
                }
                else
                {
                    read = _received.CopyTo(buffer.Span);
                    _pendingCredit += (uint)read;
                    (credit, flags) = TakeCreditLocked();
                }
            }

            if (read > 0)
            {
                if (credit > 0)
                {
                    _session.EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, flags, Id, credit));
                }

                return read;
            }

            await _readable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            int chunk;
            YamuxFlags flags;
            lock (_gate)
            {
                ThrowIfReset();
                if (_localFin)
                {
                    throw new IOException("cannot write: the write side of this stream is closed");
                }

                if (_sessionClosedReason is not null)
                {
                    throw new YamuxException($"yamux session closed: {_sessionClosedReason}");
                }

                chunk = (int)Math.Min(Math.Min(buffer.Length, _sendWindow), _maxFrameData);
                _sendWindow -= chunk;
                flags = chunk > 0 ? TakeOpenFlagsLocked() : YamuxFlags.None;
            }

            if (chunk == 0)
            {
                await _writable.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _session.WriteFrameAsync(new YamuxHeader(YamuxFrameType.Data, flags, Id, (uint)chunk), buffer[..chunk], cancellationToken).ConfigureAwait(false);
            buffer = buffer[chunk..];
        }
    }

    /// <summary>Half-closes: sends FIN; the peer reads end-of-stream, we can keep reading.</summary>
    public override async Task CloseWriteAsync()
    {
        YamuxFlags flags;
        lock (_gate)
        {
            if (_localFin || _localReset || _remoteReset || _sessionClosedReason is not null)
            {
                return;
            }

            _localFin = true;
            flags = TakeOpenFlagsLocked() | YamuxFlags.Fin;
        }

        // FIN travels on an empty window update, as go- and js-yamux send it: js-yamux applies a data frame's FIN
        // before its (empty) payload and then fails the stream with "Cannot push data onto a stream that is closed".
        await _session.WriteFrameAsync(new YamuxHeader(YamuxFrameType.WindowUpdate, flags, Id, 0), ReadOnlyMemory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
        ReleaseIfDone();
    }

    /// <summary>Aborts the stream in both directions (RST); unread data is dropped.</summary>
    public override void Reset()
    {
        lock (_gate)
        {
            if (_localReset || _remoteReset || (_localFin && _remoteFin) || _sessionClosedReason is not null)
            {
                return;
            }

            _localReset = true;
            _received.Clear();
        }

        _readable.Set();
        _writable.Set();
        _session.EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, Id, 0));
        _session.Release(this);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Closing a stream whose peer already finished sends our FIN; closing one the peer is still writing to
    /// resets it, since nobody will read what it sends.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        bool reset;
        lock (_gate)
        {
            reset = !_remoteFin;
        }

        if (reset)
        {
            Reset();
        }
        else
        {
            try
            {
                await CloseWriteAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The session is gone; nothing left to close.
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            YamuxFlags flags = YamuxFlags.None;
            bool reset;
            bool fin = false;
            lock (_gate)
            {
                reset = !_remoteFin;
                if (!reset && !_localFin && !_localReset && !_remoteReset && _sessionClosedReason is null)
                {
                    _localFin = true;
                    fin = true;
                    flags = TakeOpenFlagsLocked() | YamuxFlags.Fin;
                }
            }

            if (reset)
            {
                Reset();
            }
            else if (fin)
            {
                _session.EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, flags, Id, 0));
                ReleaseIfDone();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Accounts a data frame before its payload is read; returns a violation or null.</summary>
    internal string? ReserveReceive(uint length)
    {
        lock (_gate)
        {
            if (_remoteFin)
            {
                return $"data on stream {Id} after its FIN";
            }

            if (length > _receiveCredit)
            {
                return $"stream {Id} received {length} bytes beyond its window of {_receiveCredit}";
            }

            _receiveCredit -= length;
            return null;
        }
    }

    internal void Deliver(byte[] pooledPayload, int length)
    {
        lock (_gate)
        {
            if (_localReset || _remoteReset || _sessionClosedReason is not null)
            {
                ArrayPool<byte>.Shared.Return(pooledPayload);
                return;
            }

            _received.Append(pooledPayload, length);
        }

        _readable.Set();
    }

    internal string? AddSendWindow(uint delta)
    {
        lock (_gate)
        {
            if (_sendWindow + delta > uint.MaxValue)
            {
                return $"window update overflows the window of stream {Id}";
            }

            _sendWindow += delta;
        }

        if (delta > 0)
        {
            _writable.Set();
        }

        return null;
    }

    internal void OnRemoteFin()
    {
        lock (_gate)
        {
            _remoteFin = true;
        }

        _readable.Set();
        ReleaseIfDone();
    }

    internal void OnRemoteReset()
    {
        lock (_gate)
        {
            if (_localReset)
            {
                return;
            }

            _remoteReset = true;
            _received.Clear();
        }

        _readable.Set();
        _writable.Set();
    }

    internal void OnSessionClosed(string reason)
    {
        lock (_gate)
        {
            _sessionClosedReason ??= reason;
            if (!_remoteFin)
            {
                _received.Clear();
            }
        }

        _readable.Set();
        _writable.Set();
    }

    /// <summary>Accounts bytes the session sent with this stream's SYN (before anyone else can write to it).</summary>
    internal void ConsumeSendWindow(int count)
    {
        lock (_gate)
        {
            _sendWindow -= count;
        }
    }

    /// <summary>True when a read would return without waiting for the peer.</summary>
    public bool HasBufferedInput
    {
        get
        {
            lock (_gate)
            {
                return _received.Length > 0 || _remoteFin || _remoteReset;
            }
        }
    }

    /// <summary>For an inbound stream whose window is larger than the spec's: grant the extra once accepted.</summary>
    internal void OnAccepted()
    {
        uint credit;
        YamuxFlags flags;
        lock (_gate)
        {
            if (_pendingCredit == 0 || _remoteFin || _localReset || _remoteReset)
            {
                return;
            }

            credit = _pendingCredit;
            _receiveCredit += credit;
            _pendingCredit = 0;
            flags = TakeOpenFlagsLocked();
        }

        _session.EnqueueControl(new YamuxHeader(YamuxFrameType.WindowUpdate, flags, Id, credit));
    }

    private (uint Credit, YamuxFlags Flags) TakeCreditLocked()
    {
        // Batch window updates: one per half window consumed keeps the sender busy without a frame per read.
        if (_remoteFin || _pendingCredit < _maxWindow / 2)
        {
            return (0, YamuxFlags.None);
        }

        var credit = _pendingCredit;
        _pendingCredit = 0;
        _receiveCredit += credit;
        return (credit, TakeOpenFlagsLocked());
    }

    private YamuxFlags TakeOpenFlagsLocked()
    {
        if (!_ackPending)
        {
            return YamuxFlags.None;
        }

        _ackPending = false;
        return YamuxFlags.Ack;
    }

    private void ThrowIfReset()
    {
        if (_remoteReset)
        {
            throw new IOException("stream reset by peer");
        }

        if (_localReset)
        {
            throw new IOException("stream was reset locally");
        }
    }

    private void ReleaseIfDone()
    {
        bool done;
        lock (_gate)
        {
            done = _localFin && _remoteFin;
        }

        if (done)
        {
            _session.Release(this);
        }
    }
}
