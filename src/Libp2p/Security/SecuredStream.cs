using Rapport.Libp2p.Identity;

namespace Rapport.Libp2p.Security;

/// <summary>
/// A connection after its security handshake: encrypted and authenticated, with the peer it proved to be, and the
/// stream muxers the peer offered in the handshake (inlined muxer negotiation; empty when it offered none).
/// </summary>
public abstract class SecuredStream : Stream
{
    public abstract PeerId RemotePeer { get; }

    public abstract IReadOnlyList<string> RemoteStreamMuxers { get; }
}
