using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Status;
using Rapport.Domain.Consent;

namespace Rapport.Host.Control.Views;

/// <summary>One peer's shared-record sync: the stored replica state and, when a node runs, its session counters.</summary>
public sealed record SyncPeerView(
    string Peer,
    string? Role,
    long GrantVersion,
    string? GrantStatus,
    IReadOnlyDictionary<string, string> Versions,
    DateTimeOffset? LastAppliedAt,
    DateTimeOffset? LastSentAt,
    bool Live,
    DateTimeOffset? LastHandshakeAt,
    long DeltasSent,
    long DeltasReceived,
    long GrantsPushed,
    string? LastError);

/// <summary>`rapport sync status`: every shared record of this node; session data only while the node runs.</summary>
public sealed record SyncStatusView(bool NodeRunning, IReadOnlyList<SyncPeerView> Peers)
{
    public static SyncStatusView Of(IReadOnlyList<SyncStatusEntry> stored, IReadOnlyList<SyncSessionStatus> sessions, bool running)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(sessions);
        var byPeer = sessions.ToDictionary(s => s.PeerId, StringComparer.Ordinal);
        var peers = new List<SyncPeerView>();
        foreach (var entry in stored)
        {
            byPeer.Remove(entry.RemotePeerId, out var session);
            peers.Add(new SyncPeerView(
                entry.RemotePeerId,
                Role(entry.Role),
                entry.GrantVersion,
                entry.GrantStatus is { } status ? status.ToKey() : null,
                entry.Versions.Entries.ToDictionary(e => e.Key, e => $"{e.Value.PhysicalMs}.{e.Value.Counter}", StringComparer.Ordinal),
                entry.LastAppliedAt,
                entry.LastSentAt,
                session?.IsLive ?? false,
                session?.LastHandshakeAt,
                session?.DeltasSent ?? 0,
                session?.DeltasReceived ?? 0,
                session?.GrantsPushed ?? 0,
                session?.LastError?.ToString()));
        }

        // Peers a session ran with that have no shared record here (e.g. refused for lack of a relationship).
        foreach (var session in byPeer.Values)
        {
            peers.Add(new SyncPeerView(
                session.PeerId, session.Role is { } role ? Role(role) : null, 0, null, new Dictionary<string, string>(), null, null,
                session.IsLive, session.LastHandshakeAt, session.DeltasSent, session.DeltasReceived, session.GrantsPushed, session.LastError?.ToString()));
        }

        return new SyncStatusView(running, [.. peers.OrderBy(p => p.Peer, StringComparer.Ordinal)]);
    }

    private static string Role(SharingRole role) => role == SharingRole.Business ? "business" : "customer";

}
