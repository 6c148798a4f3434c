using Rapport.Domain.Common;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>Why a consent exchange with a peer did not happen (docs/errors.md).</summary>
public static class ConsentChannelErrors
{
    public static readonly ErrorCode UnknownPeer = new("SHARING_UNKNOWN_PEER", ErrorKind.Invalid);
    public static readonly ErrorCode Timeout = new("SHARING_TIMEOUT", ErrorKind.Unavailable);
    public static readonly ErrorCode Unreachable = new("SHARING_UNREACHABLE", ErrorKind.Unavailable);
}
