namespace Rapport.Libp2p.Muxing;

/// <summary>
/// A duplex stream whose write side can be closed on its own, so the peer reads end-of-stream while
/// we can still read its answer (request/response protocols such as ping and identify rely on this).
/// </summary>
public interface IHalfClosableStream
{
    Task CloseWriteAsync();
}
