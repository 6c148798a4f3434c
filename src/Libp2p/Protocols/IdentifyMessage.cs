namespace Rapport.Libp2p.Protocols;

/// <summary>
/// The identify message (libp2p identify spec). Byte fields hold the wire forms the other libp2p layers define:
/// PublicKey is a serialized libp2p PublicKey, addresses are binary multiaddrs, SignedPeerRecord a signed envelope.
/// </summary>
public sealed record IdentifyMessage
{
    public const string DefaultProtocolVersion = "ipfs/0.1.0";

    /// <summary>Field 1.</summary>
    public byte[]? PublicKey { get; init; }

    /// <summary>Field 2.</summary>
    public IReadOnlyList<byte[]> ListenAddrs { get; init; } = [];

    /// <summary>Field 3: the protocols we accept inbound.</summary>
    public IReadOnlyList<string> Protocols { get; init; } = [];

    /// <summary>Field 4: the remote's address as we see it.</summary>
    public byte[]? ObservedAddr { get; init; }

    /// <summary>Field 5.</summary>
    public string? ProtocolVersion { get; init; } = DefaultProtocolVersion;

    /// <summary>Field 6.</summary>
    public string? AgentVersion { get; init; }

    /// <summary>Field 8 (optional).</summary>
    public byte[]? SignedPeerRecord { get; init; }
}
