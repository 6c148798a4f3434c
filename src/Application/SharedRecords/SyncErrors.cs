namespace Rapport.Application.SharedRecords;

/// <summary>Error codes of the shared-record use cases that are not codes of the domain types themselves.</summary>
public static class SyncErrors
{
    public const string NoRelationship = "SYNC_NO_RELATIONSHIP";
    public const string EditNotGranted = "SYNC_EDIT_NOT_GRANTED";
    public const string NotCustomer = "SYNC_NOT_CUSTOMER";
    public const string InvalidProfileField = "PROFILE_INVALID_FIELD";
}
