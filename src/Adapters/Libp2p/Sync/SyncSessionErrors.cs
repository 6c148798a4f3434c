using Rapport.Domain.Common;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>Codes a sync session records beyond the protocol's own (docs/errors.md); none of them is sent to the peer.</summary>
public static class SyncSessionErrors
{
    /// <summary>The stream or connection broke.</summary>
    public static readonly ErrorCode Disconnected = new("SYNC_DISCONNECTED", ErrorKind.Unavailable);

    /// <summary>The node failed while serving the session (e.g. its database).</summary>
    public static readonly ErrorCode Failed = new("SYNC_FAILED", ErrorKind.Unavailable);

    /// <summary>A sync stream could not be opened to the peer (no connection, protocol refused).</summary>
    public static readonly ErrorCode Unreachable = new("SYNC_UNREACHABLE", ErrorKind.Unavailable);
}
