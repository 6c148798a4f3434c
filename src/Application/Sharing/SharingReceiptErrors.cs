using Rapport.Domain.Common;

namespace Rapport.Application.Sharing;

/// <summary>Error codes of the application side of the consent flow that are not wire codes of the grant itself (docs/errors.md).</summary>
public static class SharingReceiptErrors
{
    public static readonly ErrorCode Mismatch = new("CONSENT_RECEIPT_MISMATCH", ErrorKind.Invalid);
    public static readonly ErrorCode RequestNotFound = new("SHARING_REQUEST_NOT_FOUND", ErrorKind.NotFound);

    /// <summary>The request was accepted or declined already.</summary>
    public static readonly ErrorCode RequestNotPending = new("SHARING_REQUEST_NOT_PENDING", ErrorKind.Conflict);

    public static readonly ErrorCode NoGrant = new("SHARING_NO_GRANT", ErrorKind.NotFound);
    public static readonly ErrorCode WrongPeer = new("SHARING_WRONG_PEER", ErrorKind.Invalid);

    /// <summary>A request id already known with other content.</summary>
    public static readonly ErrorCode DuplicateRequest = new("SHARING_DUPLICATE_REQUEST", ErrorKind.AlreadyExists);
}
