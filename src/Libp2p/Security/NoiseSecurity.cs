using Rapport.Libp2p.Identity;

namespace Rapport.Libp2p.Security;

/// <summary>libp2p Noise (<c>/noise</c>, <see cref="NoiseHandshake"/>) as a host's security protocol.</summary>
public sealed class NoiseSecurity : ISecurityProtocol
{
    public string ProtocolId => NoiseHandshake.ProtocolId;

    public async Task<Result<SecuredStream>> SecureOutboundAsync(
        Stream raw, NodeIdentity local, PeerId? expected, SecurityNegotiation negotiation, IReadOnlyList<string> streamMuxers, CancellationToken ct) =>
        Secured(await NoiseHandshake.InitiateAsync(raw, local, expected, negotiation, streamMuxers, ct).ConfigureAwait(false));

    public async Task<Result<SecuredStream>> SecureInboundAsync(Stream raw, NodeIdentity local, IReadOnlyList<string> streamMuxers, CancellationToken ct) =>
        Secured(await NoiseHandshake.RespondAsync(raw, local, streamMuxers, ct).ConfigureAwait(false));

    private static Result<SecuredStream> Secured(Result<SecureChannel> handshake) =>
        handshake.IsSuccess ? Result<SecuredStream>.Success(handshake.Value) : handshake.Error;
}
