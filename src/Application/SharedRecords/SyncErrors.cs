using Rapport.Domain.Common;

namespace Rapport.Application.SharedRecords;

/// <summary>Error codes of the shared-record use cases that are not codes of the domain types themselves (docs/errors.md).</summary>
public static class SyncErrors
{
    /// <summary>No grant was ever exchanged with the peer, so there is no shared record.</summary>
    public static readonly ErrorCode NoRelationship = new("SYNC_NO_RELATIONSHIP", ErrorKind.NotFound);

    /// <summary>The customer's grant gives view access only, not edit.</summary>
    public static readonly ErrorCode EditNotGranted = new("SYNC_EDIT_NOT_GRANTED", ErrorKind.ConsentDenied);

    public static readonly ErrorCode InvalidProfileField = new("PROFILE_INVALID_FIELD", ErrorKind.Invalid);
}
