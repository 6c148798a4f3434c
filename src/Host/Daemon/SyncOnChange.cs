using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.SharedRecords;

namespace Rapport.Host.Daemon;

/// <summary>
/// The change notifications the node's use cases raise: passed to the live sync sessions, and when no session runs
/// with that peer yet (a grant was just issued or accepted on an open connection) one is opened at once, so a first
/// grant, a widened grant or a revocation does not wait for the next connection.
/// </summary>
public sealed class SyncOnChange(SharedRecordChanges sessions, Libp2pSyncService sync, BackgroundWork work, Action<string> log) : ISharedRecordChanges
{
    public void Changed(string remotePeerId)
    {
        sessions.Changed(remotePeerId);
        if (sync.StatusOf(remotePeerId) is { IsLive: true })
        {
            return;
        }

        work.Run($"sync {remotePeerId}", async stopping =>
        {
            var synced = await sync.SyncWithAsync(remotePeerId, stopping).ConfigureAwait(false);
            if (synced.IsFailure && synced.Error.Code != SyncErrors.NoRelationship)
            {
                log($"[sync] with {remotePeerId}: {synced.Error.Code}: {synced.Error.Message}");
            }
        });
    }

    public IDisposable Subscribe(string remotePeerId, Action onChanged) => sessions.Subscribe(remotePeerId, onChanged);
}
