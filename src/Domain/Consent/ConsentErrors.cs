using Rapport.Domain.Common;

namespace Rapport.Domain.Consent;

/// <summary>Error codes of the consents a business collects itself (docs/errors.md).</summary>
public static class ConsentErrors
{
    public static readonly ErrorCode NotFound = new("CONSENT_NOT_FOUND", ErrorKind.NotFound);
    public static readonly ErrorCode PurposeInvalid = new("PURPOSE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode FieldInvalid = new("FIELD_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode FieldDuplicate = new("FIELD_DUPLICATE", ErrorKind.Invalid);
    public static readonly ErrorCode LevelInvalid = new("LEVEL_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode BasisInvalid = new("BASIS_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode SourceInvalid = new("SOURCE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode PeriodInvalid = new("CONSENT_PERIOD_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode ReferenceTooLong = new("REFERENCE_TOO_LONG", ErrorKind.Invalid);
    public static readonly ErrorCode VersionInvalid = new("CONSENT_VERSION_INVALID", ErrorKind.Invalid);

    /// <summary>A new version names another contact or purpose than the one it supersedes.</summary>
    public static readonly ErrorCode Mismatch = new("CONSENT_MISMATCH", ErrorKind.Invalid);

    /// <summary>A version not above the stored one: someone else wrote in between.</summary>
    public static readonly ErrorCode VersionConflict = new("CONSENT_VERSION_CONFLICT", ErrorKind.Conflict);

    /// <summary>A collected consent or a signed grant that is revoked already.</summary>
    public static readonly ErrorCode AlreadyRevoked = new("CONSENT_ALREADY_REVOKED", ErrorKind.Conflict);
}
