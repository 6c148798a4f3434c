using Rapport.Domain.Common;

namespace Rapport.Domain.Peers;

/// <summary>Why text or bytes are no libp2p peer id (docs/errors.md).</summary>
public static class PeerErrors
{
    public static readonly ErrorCode PeerIdEmpty = new("PEER_ID_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode PeerIdInvalid = new("PEER_ID_INVALID", ErrorKind.Invalid);
}
