namespace Rapport.Libp2p.Identity;

/// <summary>Error codes of peer ids, keys and the node's identity key file (docs/errors.md).</summary>
public static class IdentityErrors
{
    public static readonly ErrorCode PeerIdEmpty = new("PEER_ID_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode PeerIdInvalid = new("PEER_ID_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode KeyType = new("KEY_TYPE", ErrorKind.Invalid);
    public static readonly ErrorCode KeyUnsupported = new("KEY_UNSUPPORTED", ErrorKind.Invalid);
    public static readonly ErrorCode KeyInvalid = new("KEY_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode Missing = new("IDENTITY_MISSING", ErrorKind.NotFound);

    /// <summary>The node's own key file is damaged: the node cannot be itself.</summary>
    public static readonly ErrorCode Corrupt = new("IDENTITY_CORRUPT", ErrorKind.Unavailable);

    public static readonly ErrorCode Unreadable = new("IDENTITY_UNREADABLE", ErrorKind.Unavailable);
}
