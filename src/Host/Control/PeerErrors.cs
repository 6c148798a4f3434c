using Rapport.Domain.Common;

namespace Rapport.Host.Control;

/// <summary>Error codes of naming and reaching a peer from the CLI and the node (docs/errors.md).</summary>
public static class PeerErrors
{
    public static readonly ErrorCode InvalidPeerId = new("INVALID_PEER_ID", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidAddress = new("INVALID_ADDRESS", ErrorKind.Invalid);

    /// <summary>A command names the relationship with neither or both of --contact and --peer.</summary>
    public static readonly ErrorCode InvalidPeer = new("INVALID_PEER", ErrorKind.Invalid);

    /// <summary>Not connected to the peer and no address of it is known.</summary>
    public static readonly ErrorCode NoAddress = new("PEER_NO_ADDRESS", ErrorKind.Unavailable);

    public static readonly ErrorCode Timeout = new("TIMEOUT", ErrorKind.Unavailable);
}
