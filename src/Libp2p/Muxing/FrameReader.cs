using System.Buffers;
using System.Runtime.CompilerServices;

namespace Rapport.Libp2p.Muxing;

/// <summary>
/// Buffered reads from the session's channel: many small frames per read syscall, while large payloads
/// go straight into their destination once the buffered part is used up.
/// </summary>
internal sealed class FrameReader : IDisposable
{
    private const int BufferSize = 64 * 1024;
    private const int IdleBufferSize = 512;
    private readonly Stream _channel;

    // While nothing is buffered the reader waits on a small buffer of its own and only rents the large one
    // once a read needs it, so an idle connection holds 512 bytes here instead of 64 KiB.
    private readonly byte[] _idle = new byte[IdleBufferSize];
    private byte[] _buffer;
    private int _start;
    private int _end;

    public FrameReader(Stream channel)
    {
        _channel = channel;
        _buffer = _idle;
    }

    /// <summary>Reads a header's bytes; false at a clean end of stream (no partial header).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadHeaderAsync(Memory<byte> header, CancellationToken ct)
    {
        while (_end - _start < header.Length)
        {
            if (!await FillAsync(ct).ConfigureAwait(false))
            {
                if (_end == _start)
                {
                    return false;
                }

                throw new EndOfStreamException($"connection ended inside a frame header ({_end - _start} of {header.Length} bytes)");
            }
        }

        _buffer.AsMemory(_start, header.Length).CopyTo(header);
        _start += header.Length;
        return true;
    }

    /// <summary>Fills <paramref name="destination"/> completely with the next bytes of the channel.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadExactlyAsync(Memory<byte> destination, CancellationToken ct)
    {
        var buffered = Math.Min(_end - _start, destination.Length);
        _buffer.AsMemory(_start, buffered).CopyTo(destination);
        _start += buffered;
        destination = destination[buffered..];
        while (destination.Length > 0)
        {
            if (destination.Length >= BufferSize / 2)
            {
                var n = await _channel.ReadAsync(destination, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new EndOfStreamException("connection ended inside a frame payload");
                }

                destination = destination[n..];
            }
            else
            {
                if (!await FillAsync(ct).ConfigureAwait(false))
                {
                    throw new EndOfStreamException("connection ended inside a frame payload");
                }

                var take = Math.Min(_end - _start, destination.Length);
                _buffer.AsMemory(_start, take).CopyTo(destination);
                _start += take;
                destination = destination[take..];
            }
        }
    }

    /// <summary>Skips payload bytes we do not keep (data for a stream that is already gone).</summary>
    public async ValueTask SkipAsync(long count, CancellationToken ct)
    {
        while (count > 0)
        {
            if (_end == _start && !await FillAsync(ct).ConfigureAwait(false))
            {
                throw new EndOfStreamException("connection ended inside a frame payload");
            }

            var take = (int)Math.Min(_end - _start, count);
            _start += take;
            count -= take;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_start == _end)
        {
            _start = _end = 0;
            var current = _buffer;
            // Compare-exchange so a concurrent Dispose and this swap never both return the same array.
            if (current is not null && !ReferenceEquals(current, _idle) && ReferenceEquals(Interlocked.CompareExchange(ref _buffer!, _idle, current), current))
            {
                ArrayPool<byte>.Shared.Return(current);
            }
        }
        else if (ReferenceEquals(_buffer, _idle))
        {
            var large = ArrayPool<byte>.Shared.Rent(BufferSize);
            Buffer.BlockCopy(_idle, _start, large, 0, _end - _start);
            _end -= _start;
            _start = 0;
            if (!ReferenceEquals(Interlocked.CompareExchange(ref _buffer!, large, _idle), _idle))
            {
                ArrayPool<byte>.Shared.Return(large);
                throw new ObjectDisposedException(nameof(FrameReader));
            }
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var n = await _channel.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
        _end += n;
        return n > 0;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer!, null);
        if (buffer is not null && !ReferenceEquals(buffer, _idle))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
