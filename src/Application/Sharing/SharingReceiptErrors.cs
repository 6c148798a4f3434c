namespace Rapport.Application.Sharing;

/// <summary>Error codes of the application side of the consent flow that are not wire codes of the grant itself.</summary>
public static class SharingReceiptErrors
{
    public const string Mismatch = "CONSENT_RECEIPT_MISMATCH";
    public const string RequestNotFound = "SHARING_REQUEST_NOT_FOUND";
    public const string RequestNotPending = "SHARING_REQUEST_NOT_PENDING";
    public const string NoGrant = "SHARING_NO_GRANT";
    public const string WrongPeer = "SHARING_WRONG_PEER";
    public const string DuplicateRequest = "SHARING_DUPLICATE_REQUEST";
}
