using System.Buffers;
using System.Buffers.Binary;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Negotiation;

namespace Rapport.Libp2p.Security;

/// <summary>
/// A Noise transport session over a raw stream: plaintext in, 2-byte length-prefixed ChaChaPoly frames out.
/// One reader and one writer may run concurrently; writes are serialised internally.
/// Any decryption or framing error closes the connection and surfaces as an <see cref="IOException"/>.
/// </summary>
public sealed class SecureChannel : SecuredStream, IBufferedInput
{
    public const int MaxPlaintextPerFrame = NoiseHandshake.MaxFrameLength - CipherState.TagSize;
    private const int FrameOverhead = 2 + CipherState.TagSize;
    private const int MaxWireFrame = 2 + NoiseHandshake.MaxFrameLength;

    // Several frames per socket write/read amortise syscalls. 256 KiB is a power of two so the shared
    // pool serves it from its own bucket (3 full frames per write, up to 4 per read).
    private const int BufferSize = 256 * 1024;
    private const int IdleReadBufferSize = 2048;

    private readonly Stream _raw;
    private readonly CipherState _send;
    private readonly CipherState _receive;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _remotePublicKey;
    // Owned by whoever holds it: a read takes it out of the field for its duration and puts it back after, so
    // Dispose (which also takes it with an exchange) can never return an array a read is still using, and the
    // two can never both return it.
    private byte[]? _readBuffer;
    private readonly byte[] _idleReadBuffer = new byte[IdleReadBufferSize];
    private int _start;
    private int _end;
    private int _plainStart;
    private int _plainEnd;
    private int _reading;
    private volatile bool _disposed;
    private volatile string? _failure;

    internal SecureChannel(Stream raw, CipherState send, CipherState receive, PeerId remotePeer, byte[] remotePublicKey, IReadOnlyList<string> remoteStreamMuxers)
    {
        _raw = raw;
        _send = send;
        _receive = receive;
        RemotePeer = remotePeer;
        _remotePublicKey = remotePublicKey;
        RemoteStreamMuxers = remoteStreamMuxers;
    }

    public override PeerId RemotePeer { get; }

    /// <summary>The remote identity key as a protobuf-encoded libp2p PublicKey.</summary>
    public ReadOnlyMemory<byte> RemotePublicKey => _remotePublicKey;

    /// <summary>Muxers the remote offered in its Noise extensions (inlined muxer negotiation); usually empty.</summary>
    public override IReadOnlyList<string> RemoteStreamMuxers { get; }

    /// <summary>True when plaintext, ciphertext or unread socket bytes are waiting (only meaningful between reads).</summary>
    public bool HasBufferedInput => _plainEnd > _plainStart || _end > _start || Multistream.HasBufferedInput(_raw);

    internal CipherState SendCipher => _send;

    public override bool CanRead => !_disposed && _failure is null;
    public override bool CanWrite => !_disposed && _failure is null;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        // Rented per write and returned after it: an idle connection holds no write buffer. Only this write ever
        // sees it (never a field), so a concurrent Dispose cannot return it while it is being filled or sent.
        byte[]? wire = null;
        try
        {
            ThrowIfUnusable();
            // Sized to the write: small protocol messages (negotiation, yamux control frames) take a small array
            // instead of draining the pool's 256 KiB bucket, which then allocates on the large object heap.
            var frames = (buffer.Length + MaxPlaintextPerFrame - 1) / MaxPlaintextPerFrame;
            wire = ArrayPool<byte>.Shared.Rent((int)Math.Min(BufferSize, buffer.Length + ((long)frames * FrameOverhead)));
            while (!buffer.IsEmpty)
            {
                var used = 0;
                while (!buffer.IsEmpty && used + FrameOverhead + Math.Min(buffer.Length, MaxPlaintextPerFrame) <= wire.Length)
                {
                    var chunk = Math.Min(buffer.Length, MaxPlaintextPerFrame);
                    BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(used), (ushort)(chunk + CipherState.TagSize));
                    _send.Encrypt(ReadOnlySpan<byte>.Empty, buffer.Span[..chunk], wire.AsSpan(used + 2, chunk + CipherState.TagSize));
                    used += chunk + FrameOverhead;
                    buffer = buffer[chunk..];
                }

                await _raw.WriteAsync(wire.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException or IOException))
        {
            throw new IOException($"noise: write failed: {e.Message}", e);
        }
        finally
        {
            if (wire is not null)
            {
                ArrayPool<byte>.Shared.Return(wire);
            }

            _writeLock.Release();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("SecureChannel supports one reader at a time");
        }

        var rb = Interlocked.Exchange(ref _readBuffer, null) ?? _idleReadBuffer;
        try
        {
            // Checked again now that this read holds the buffer: a Dispose in between has taken it away.
            ThrowIfUnusable();
            if (_plainEnd > _plainStart)
            {
                return TakePlaintext(rb, buffer.Span);
            }

            while (true)
            {
                var written = DecryptBufferedFrames(rb, buffer.Span);
                if (written > 0 || _plainEnd > _plainStart)
                {
                    return written > 0 ? written : TakePlaintext(rb, buffer.Span);
                }

                if (_start == _end)
                {
                    // Nothing buffered: wait on the small idle buffer and give the large one back, so an idle
                    // connection holds 2 KiB here instead of 256 KiB.
                    _start = _end = 0;
                    if (!ReferenceEquals(rb, _idleReadBuffer))
                    {
                        ArrayPool<byte>.Shared.Return(rb);
                        rb = _idleReadBuffer;
                    }
                }
                else if (ReferenceEquals(rb, _idleReadBuffer))
                {
                    var large = ArrayPool<byte>.Shared.Rent(BufferSize);
                    Buffer.BlockCopy(rb, _start, large, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                    rb = large;
                }
                else if (_start > 0 && rb.Length - _start < MaxWireFrame)
                {
                    // Need more bytes: make room for a whole frame at the end of the buffer.
                    Buffer.BlockCopy(rb, _start, rb, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                var n = await _raw.ReadAsync(rb.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    if (_end == _start)
                    {
                        return 0;
                    }

                    throw Fail($"noise: connection closed inside a frame ({_end - _start} bytes of a frame received)");
                }

                _end += n;
            }
        }
        finally
        {
            Interlocked.Exchange(ref _readBuffer, rb);
            // Dispose took nothing while this read held the buffer; whoever of the two exchanges it out returns it.
            if (_disposed)
            {
                ReturnReadBuffer();
            }

            Interlocked.Exchange(ref _reading, 0);
        }
    }

    private void ReturnReadBuffer()
    {
        if (Interlocked.Exchange(ref _readBuffer, null) is { } rb && !ReferenceEquals(rb, _idleReadBuffer))
        {
            ArrayPool<byte>.Shared.Return(rb);
        }
    }

    /// <summary>Decrypts every complete buffered frame that fits into <paramref name="destination"/>; the first frame
    /// that does not fit is decrypted in place and kept as pending plaintext.</summary>
    private int DecryptBufferedFrames(byte[] rb, Span<byte> destination)
    {
        var written = 0;
        while (_end - _start >= 2)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(rb.AsSpan(_start));
            if (length < CipherState.TagSize)
            {
                throw Fail($"noise: frame of {length} bytes is shorter than the {CipherState.TagSize}-byte tag");
            }

            if (_end - _start < 2 + length)
            {
                break;
            }

            var plainLength = length - CipherState.TagSize;
            var ciphertext = rb.AsSpan(_start + 2, length);
            if (plainLength <= destination.Length - written)
            {
                if (!_receive.TryDecrypt(ReadOnlySpan<byte>.Empty, ciphertext, destination[written..]))
                {
                    throw Fail("noise: frame failed authentication (tampered, reordered or wrong key); connection closed");
                }

                written += plainLength;
                _start += 2 + length;
                continue;
            }

            if (written > 0)
            {
                break;
            }

            if (!_receive.TryDecrypt(ReadOnlySpan<byte>.Empty, ciphertext, ciphertext))
            {
                throw Fail("noise: frame failed authentication (tampered, reordered or wrong key); connection closed");
            }

            _plainStart = _start + 2;
            _plainEnd = _plainStart + plainLength;
            _start += 2 + length;
            break;
        }

        return written;
    }

    private int TakePlaintext(byte[] rb, Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _plainEnd - _plainStart);
        rb.AsSpan(_plainStart, n).CopyTo(destination);
        _plainStart += n;
        return n;
    }

    private IOException Fail(string message)
    {
        _failure = message;
        _raw.Dispose();
        return new IOException(message);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is { } failure)
        {
            throw new IOException($"noise: connection already closed after an error: {failure}");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush() => _raw.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _raw.FlushAsync(cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _raw.Dispose();
            // A read in progress holds the buffer outside the field and returns it itself when it ends.
            ReturnReadBuffer();

            _send.Dispose();
            _receive.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
