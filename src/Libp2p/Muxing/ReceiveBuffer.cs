using System.Buffers;

namespace Rapport.Libp2p.Muxing;

/// <summary>
/// Received payloads of one stream waiting to be read, kept in the pooled arrays they were read into
/// (no copy between the socket and the reader's buffer besides the final one). Not thread-safe: the owning
/// stream guards it. Its size is bounded by the stream's receive window.
/// </summary>
internal sealed class ReceiveBuffer
{
    private readonly Queue<Segment> _segments = new();
    private int _headConsumed;

    public int Length { get; private set; }

    public void Append(byte[] pooledArray, int count)
    {
        _segments.Enqueue(new Segment(pooledArray, count));
        Length += count;
    }

    public int CopyTo(Span<byte> destination)
    {
        var copied = 0;
        while (copied < destination.Length && _segments.TryPeek(out var head))
        {
            var skip = _headConsumed;
            var available = head.Count - skip;
            var take = Math.Min(available, destination.Length - copied);
            head.Array.AsSpan(skip, take).CopyTo(destination[copied..]);
            copied += take;
            if (take == available)
            {
                _segments.Dequeue();
                _headConsumed = 0;
                ArrayPool<byte>.Shared.Return(head.Array);
            }
            else
            {
                _headConsumed += take;
            }
        }

        Length -= copied;
        return copied;
    }

    public void Clear()
    {
        while (_segments.TryDequeue(out var segment))
        {
            ArrayPool<byte>.Shared.Return(segment.Array);
        }

        _headConsumed = 0;
        Length = 0;
    }

    private readonly record struct Segment(byte[] Array, int Count);
}
