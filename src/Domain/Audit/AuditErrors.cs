using Rapport.Domain.Common;

namespace Rapport.Domain.Audit;

/// <summary>Error codes of the audit log: a query out of range, or a chain found broken (docs/errors.md).</summary>
public static class AuditErrors
{
    public static readonly ErrorCode LimitInvalid = new("LIMIT_INVALID", ErrorKind.Invalid);

    /// <summary>The stored chain skips a sequence number: entries were deleted.</summary>
    public static readonly ErrorCode EntryMissing = new("AUDIT_ENTRY_MISSING", ErrorKind.Unavailable);

    public static readonly ErrorCode Reordered = new("AUDIT_REORDERED", ErrorKind.Unavailable);
    public static readonly ErrorCode ContentEdited = new("AUDIT_CONTENT_EDITED", ErrorKind.Unavailable);
    public static readonly ErrorCode LinkBroken = new("AUDIT_LINK_BROKEN", ErrorKind.Unavailable);

    /// <summary>The log ends before the head the node signed: its newest entries are gone.</summary>
    public static readonly ErrorCode Truncated = new("AUDIT_TRUNCATED", ErrorKind.Unavailable);

    /// <summary>The entry at the signed head's position has another hash: the log was rewritten.</summary>
    public static readonly ErrorCode HeadMismatch = new("AUDIT_HEAD_MISMATCH", ErrorKind.Unavailable);

    /// <summary>The signed head does not verify with this node's key: edited, or another node's.</summary>
    public static readonly ErrorCode HeadInvalid = new("AUDIT_HEAD_INVALID", ErrorKind.Unavailable);
}
