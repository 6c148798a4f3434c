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
}
