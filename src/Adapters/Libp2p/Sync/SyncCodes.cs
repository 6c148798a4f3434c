namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>Codes a sync session sends or records (protocol/sharing.md §7), beyond those the node itself returns.</summary>
public static class SyncCodes
{
    public const string Malformed = "PROTO_MALFORMED";
    public const string Unsupported = "PROTO_UNSUPPORTED";
    public const string InvalidDelta = "SYNC_INVALID_DELTA";
    public const string EditNotGranted = "SYNC_EDIT_NOT_GRANTED";
    public const string HlcDrift = "HLC_DRIFT";

    /// <summary>The stream or connection broke (not a protocol code; recorded in the session status only).</summary>
    public const string Disconnected = "SYNC_DISCONNECTED";

    /// <summary>The node failed while serving the session (e.g. its database); recorded in the session status only.</summary>
    public const string Failed = "SYNC_FAILED";

    /// <summary>A sync stream could not be opened to the peer (no connection, protocol refused).</summary>
    public const string Unreachable = "SYNC_UNREACHABLE";
}
