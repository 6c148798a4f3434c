using Rapport.Domain.Common;

namespace Rapport.Domain.Sharing;

/// <summary>Error codes of the consent flow between peers; they also travel on the wire (protocol/sharing.md §7, docs/errors.md).</summary>
public static class SharingErrors
{
    public static readonly ErrorCode InvalidRequest = new("SHARING_INVALID_REQUEST", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidGrant = new("CONSENT_INVALID_GRANT", ErrorKind.Invalid);
    public static readonly ErrorCode Malformed = new("CONSENT_MALFORMED", ErrorKind.Invalid);
    public static readonly ErrorCode ExceedsRequest = new("CONSENT_EXCEEDS_REQUEST", ErrorKind.Invalid);
    public static readonly ErrorCode BadSignature = new("CONSENT_BAD_SIGNATURE", ErrorKind.Unauthenticated);
    public static readonly ErrorCode WrongSigner = new("CONSENT_WRONG_SIGNER", ErrorKind.Unauthenticated);
    public static readonly ErrorCode WrongBusiness = new("CONSENT_WRONG_BUSINESS", ErrorKind.Invalid);
    public static readonly ErrorCode WrongCustomer = new("CONSENT_WRONG_CUSTOMER", ErrorKind.Invalid);

    /// <summary>A grant version not above the last one accepted for the pair.</summary>
    public static readonly ErrorCode Replay = new("CONSENT_REPLAY", ErrorKind.Conflict);

    public static readonly ErrorCode NotYetEffective = new("CONSENT_NOT_YET_EFFECTIVE", ErrorKind.ConsentDenied);
    public static readonly ErrorCode Expired = new("CONSENT_EXPIRED", ErrorKind.ConsentDenied);
    public static readonly ErrorCode Revoked = new("CONSENT_REVOKED", ErrorKind.ConsentDenied);
}
