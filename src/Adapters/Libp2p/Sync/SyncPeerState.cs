using Rapport.Application.SharedRecords;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>The mutable, thread-safe record behind <see cref="SyncSessionStatus"/> for one peer; it outlives sessions.</summary>
internal sealed class SyncPeerState(string peerId, Action<SyncSessionStatus> changed)
{
    private readonly Lock _gate = new();
    private SyncSessionStatus _status = new(peerId, false, null, null, 0, 0, 0, null);
    private int _sessions;

    public SyncSessionStatus Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>A session started (true) or ended (false); a replaced session may end after its successor started.</summary>
    public void Live(bool started) => Update(s => s with { IsLive = (_sessions += started ? 1 : -1) > 0 });

    /// <summary>A session is up: a disconnect recorded before it is over (the peer's other session replaced the broken one, or it resumed).</summary>
    public void Handshake(SharingRole role, DateTimeOffset at) => Update(s => s with
    {
        Role = role,
        LastHandshakeAt = at,
        LastError = s.LastError is { Code: var code } && code == SyncSessionErrors.Disconnected.Value ? null : s.LastError,
    });

    public void DeltaSent() => Update(s => s with { DeltasSent = s.DeltasSent + 1 });

    public void DeltaReceived() => Update(s => s with { DeltasReceived = s.DeltasReceived + 1 });

    public void GrantPushed() => Update(s => s with { GrantsPushed = s.GrantsPushed + 1 });

    public void Fault(SyncFault fault) => Update(s => s with { LastError = fault });

    private void Update(Func<SyncSessionStatus, SyncSessionStatus> change)
    {
        SyncSessionStatus status;
        lock (_gate)
        {
            _status = status = change(_status);
        }

        changed(status);
    }
}
