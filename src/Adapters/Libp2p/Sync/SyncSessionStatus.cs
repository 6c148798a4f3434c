using Rapport.Application.SharedRecords;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>
/// What the node knows about syncing with one peer, for the CLI: whether a session is live, which side we are,
/// when the last handshake completed, how many deltas (frames) crossed each way over all sessions, and the last
/// problem. A snapshot: immutable.
/// </summary>
public sealed record SyncSessionStatus(
    string PeerId,
    bool IsLive,
    SharingRole? Role,
    DateTimeOffset? LastHandshakeAt,
    long DeltasSent,
    long DeltasReceived,
    long GrantsPushed,
    SyncFault? LastError);
