
namespace Rapport.Libp2p.Network;

/// <summary>Why listening, dialing or a connection to a peer failed (docs/errors.md).</summary>
public static class NetworkErrors
{
    public static readonly ErrorCode InvalidListenAddress = new("INVALID_LISTEN_ADDRESS", ErrorKind.Invalid);
    public static readonly ErrorCode ListenFailed = new("LISTEN_FAILED", ErrorKind.Unavailable);
    public static readonly ErrorCode DialSelf = new("DIAL_SELF", ErrorKind.Invalid);
    public static readonly ErrorCode DialTimeout = new("DIAL_TIMEOUT", ErrorKind.Unavailable);
    public static readonly ErrorCode DialFailed = new("DIAL_FAILED", ErrorKind.Unavailable);
    public static readonly ErrorCode TooManyConnections = new("TOO_MANY_CONNECTIONS", ErrorKind.Unavailable);
    public static readonly ErrorCode NotConnected = new("NOT_CONNECTED", ErrorKind.Unavailable);
    public static readonly ErrorCode SecurityNegotiationFailed = new("SECURITY_NEGOTIATION_FAILED", ErrorKind.Unavailable);
    public static readonly ErrorCode HandshakeFailed = new("HANDSHAKE_FAILED", ErrorKind.Unavailable);
    public static readonly ErrorCode MuxerNegotiationFailed = new("MUXER_NEGOTIATION_FAILED", ErrorKind.Unavailable);

    /// <summary>The peer offered only muxers we do not speak in its Noise handshake.</summary>
    public static readonly ErrorCode MuxerInlined = new("MUXER_INLINED", ErrorKind.Unavailable);

    public static readonly ErrorCode NegotiationFailed = new("NEGOTIATION_FAILED", ErrorKind.Unavailable);
    public static readonly ErrorCode StreamOpenFailed = new("STREAM_OPEN_FAILED", ErrorKind.Unavailable);
    public static readonly ErrorCode PingFailed = new("PING_FAILED", ErrorKind.Unavailable);
    public static readonly ErrorCode IdentifyFailed = new("IDENTIFY_FAILED", ErrorKind.Unavailable);
    public static readonly ErrorCode IdentifyMalformed = new("IDENTIFY_MALFORMED", ErrorKind.Unavailable);
    /// <summary>The peer is on this node's block list (<see cref="Libp2pHost.Block"/>).</summary>
    public static readonly ErrorCode PeerBlocked = new("PEER_BLOCKED", ErrorKind.Unavailable);

    public static readonly ErrorCode HostStopped = new("HOST_STOPPED", ErrorKind.Unavailable);
}
