namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>A problem a sync session met: its code (sharing.md §7), message, whether the peer reported it, and when.</summary>
public sealed record SyncFault(string Code, string Message, bool FromPeer, bool Fatal, DateTimeOffset At)
{
    public override string ToString() => $"{(FromPeer ? "peer" : "local")} {Code}{(Fatal ? " (fatal)" : string.Empty)}: {Message}";
}
