using System.Collections.Immutable;

namespace Rapport.Domain.Sharing;

/// <summary>
/// What the business node knows when a signed grant arrives: who it is, which customer it is talking to (the
/// authenticated remote peer and that peer's public key) and the last grant version it accepted from that customer.
/// </summary>
public sealed record GrantAcceptance(
    string LocalBusinessPeerId,
    string CustomerPeerId,
    ImmutableArray<byte> CustomerPublicKey,
    long? LastAcceptedVersion);
