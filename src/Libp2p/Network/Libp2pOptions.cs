using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Security;
using Rapport.Libp2p.Transport;

namespace Rapport.Libp2p.Network;

/// <summary>Settings of a libp2p host. The defaults suit a node on a small machine.</summary>
public sealed record Libp2pOptions
{
    /// <summary>Time allowed for TCP connect plus security and muxer negotiation of one dial.</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time an inbound connection has to finish its handshakes before it is dropped.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a new stream has to agree on a protocol.</summary>
    public TimeSpan NegotiationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections beyond this are refused (inbound) or fail (outbound).</summary>
    public int MaxConnections { get; init; } = 2048;

    /// <summary>A connection with no open stream for this long is closed. <see cref="Timeout.InfiniteTimeSpan"/> keeps it.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Sent in identify as agentVersion (an application names itself here).</summary>
    public string AgentVersion { get; init; } = $"rapport-libp2p/{typeof(Libp2pOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    /// <summary>yamux's windows and limits, for the default muxer.</summary>
    public YamuxOptions Yamux { get; init; } = new();

    /// <summary>How connections are made and accepted; null: TCP (<see cref="TcpTransport"/>).</summary>
    public ITransport? Transport { get; init; }

    /// <summary>How connections are secured and their peers authenticated; null: Noise (<see cref="NoiseSecurity"/>).</summary>
    public ISecurityProtocol? Security { get; init; }

    /// <summary>How streams share a secured connection; null: yamux with <see cref="Yamux"/> (<see cref="YamuxMuxer"/>).</summary>
    public IStreamMuxer? Muxer { get; init; }
}
