using Microsoft.Extensions.Logging;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.SharedRecords;

namespace Rapport.Host.Daemon;

/// <summary>
/// The change notifications the node's use cases raise: passed to the live sync sessions, and when no session runs
/// with that peer yet (a grant was just issued or accepted on an open connection) one is opened at once, so a first
/// grant, a widened grant or a revocation does not wait for the next connection.
/// </summary>
public sealed class SyncOnChange(SharedRecordChanges sessions, Libp2pSyncService sync, BackgroundWork work, ILogger<SyncOnChange> logger) : ISharedRecordChanges
{
    public void Changed(string remotePeerId)
    {
        sessions.Changed(remotePeerId);
        if (sync.StatusOf(remotePeerId) is { IsLive: true })
        {
            return;
        }

        SyncSoon(remotePeerId);
    }

    /// <summary>
    /// Starts (or asks for a round of) a sync session with <paramref name="peerId"/> in the background: sessions open
    /// by themselves only when a connection comes up, and a grant delivered on an existing connection is the start of
    /// a relationship.
    /// </summary>
    public void SyncSoon(string peerId) => work.Run($"sync {peerId}", async stopping =>
    {
        var synced = await sync.SyncWithAsync(peerId, stopping).ConfigureAwait(false);
        if (synced.IsFailure && synced.Error.Code != SyncErrors.NoRelationship)
        {
            DaemonLog.SyncRefused(logger, peerId, synced.Error.Code.Value, synced.Error.Message);
        }
    });

    public IDisposable Subscribe(string remotePeerId, Action onChanged) => sessions.Subscribe(remotePeerId, onChanged);
}
