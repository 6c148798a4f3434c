namespace Rapport.Libp2p.Muxing;

/// <summary>
/// A stream of an <see cref="IMuxedSession"/>: a duplex stream that can also be closed for writing only
/// (<see cref="IHalfClosableStream"/>) or reset, abandoning it at once on both sides.
/// </summary>
public abstract class MuxedStream : Stream, IHalfClosableStream
{
    public abstract Task CloseWriteAsync();

    /// <summary>Abandons the stream: unread data is dropped and the peer's reads and writes fail.</summary>
    public abstract void Reset();
}
