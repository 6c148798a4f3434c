namespace Rapport.Domain.Sharing;

/// <summary>Stable error codes of the consent flow; they also travel on the wire (protocol/sharing.md).</summary>
public static class SharingErrors
{
    public const string InvalidRequest = "SHARING_INVALID_REQUEST";
    public const string InvalidGrant = "CONSENT_INVALID_GRANT";
    public const string Malformed = "CONSENT_MALFORMED";
    public const string ExceedsRequest = "CONSENT_EXCEEDS_REQUEST";
    public const string BadSignature = "CONSENT_BAD_SIGNATURE";
    public const string WrongSigner = "CONSENT_WRONG_SIGNER";
    public const string WrongBusiness = "CONSENT_WRONG_BUSINESS";
    public const string WrongCustomer = "CONSENT_WRONG_CUSTOMER";
    public const string Replay = "CONSENT_REPLAY";
    public const string NotYetEffective = "CONSENT_NOT_YET_EFFECTIVE";
    public const string Expired = "CONSENT_EXPIRED";
    public const string Revoked = "CONSENT_REVOKED";
}
