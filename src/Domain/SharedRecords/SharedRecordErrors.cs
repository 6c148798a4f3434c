using Rapport.Domain.Common;

namespace Rapport.Domain.SharedRecords;

/// <summary>Error codes of the shared-record domain; they also travel on the wire (protocol/sharing.md §7, docs/errors.md).</summary>
public static class SharedRecordErrors
{
    /// <summary>A remote clock reading further ahead of ours than the drift bound.</summary>
    public static readonly ErrorCode HlcDrift = new("HLC_DRIFT", ErrorKind.Invalid);

    public static readonly ErrorCode ForeignStamp = new("FOREIGN_STAMP", ErrorKind.Invalid);
    public static readonly ErrorCode StaleStamp = new("STALE_STAMP", ErrorKind.Conflict);
    public static readonly ErrorCode InvalidFieldKey = new("INVALID_FIELD_KEY", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidFieldValue = new("INVALID_FIELD_VALUE", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidTag = new("INVALID_TAG", ErrorKind.Invalid);
    public static readonly ErrorCode TagNotPresent = new("TAG_NOT_PRESENT", ErrorKind.NotFound);

    /// <summary>The field was purged when consent ended; only a write stamped after the purge is taken.</summary>
    public static readonly ErrorCode FieldPurged = new("FIELD_PURGED", ErrorKind.Conflict);

    public static readonly ErrorCode InvalidInteraction = new("INVALID_INTERACTION", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidDelta = new("SYNC_INVALID_DELTA", ErrorKind.Invalid);
}
