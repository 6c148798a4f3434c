namespace Rapport.Application.Peers;

/// <summary>
/// A peer this node has connected to: where it was reached (multiaddrs, text form), when it last connected, and how
/// many dial attempts have failed in a row since.
/// </summary>
public sealed record KnownPeer(
    string PeerId,
    IReadOnlyList<string> Addresses,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? LastConnectedAt,
    int ConsecutiveFailures,
    DateTimeOffset? LastFailureAt);
