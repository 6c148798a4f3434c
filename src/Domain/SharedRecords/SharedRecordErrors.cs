namespace Rapport.Domain.SharedRecords;

/// <summary>Stable error codes of the shared-record domain; they also travel on the wire (protocol/sharing.md).</summary>
public static class SharedRecordErrors
{
    public const string HlcDrift = "HLC_DRIFT";
    public const string ForeignStamp = "FOREIGN_STAMP";
    public const string StaleStamp = "STALE_STAMP";
    public const string InvalidFieldKey = "INVALID_FIELD_KEY";
    public const string InvalidFieldValue = "INVALID_FIELD_VALUE";
    public const string InvalidTag = "INVALID_TAG";
    public const string TagNotPresent = "TAG_NOT_PRESENT";
    public const string FieldPurged = "FIELD_PURGED";
    public const string InvalidInteraction = "INVALID_INTERACTION";
    public const string InvalidDelta = "SYNC_INVALID_DELTA";
}
