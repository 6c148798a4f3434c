using Rapport.Libp2p.Identity;

namespace Rapport.Libp2p.Security;

/// <summary>
/// A connection security protocol (go-libp2p's sec.SecureTransport, rust-libp2p's upgrade for noise or tls): turns a
/// raw transport stream into a <see cref="SecuredStream"/> whose peer is authenticated. The host negotiates
/// <see cref="ProtocolId"/> over multistream-select first.
/// </summary>
public interface ISecurityProtocol
{
    string ProtocolId { get; }

    /// <summary>
    /// Secures a connection this host dialed; fails unless the peer proves to be <paramref name="expected"/> (when
    /// given). <paramref name="negotiation"/> is the still unanswered multistream proposal of <see cref="ProtocolId"/>;
    /// <paramref name="streamMuxers"/> are offered to the peer when the protocol can carry them.
    /// </summary>
    Task<Result<SecuredStream>> SecureOutboundAsync(
        Stream raw, NodeIdentity local, PeerId? expected, SecurityNegotiation negotiation, IReadOnlyList<string> streamMuxers, CancellationToken ct);

    /// <summary>Secures a connection this host accepted, once <see cref="ProtocolId"/> was agreed on.</summary>
    Task<Result<SecuredStream>> SecureInboundAsync(Stream raw, NodeIdentity local, IReadOnlyList<string> streamMuxers, CancellationToken ct);
}
