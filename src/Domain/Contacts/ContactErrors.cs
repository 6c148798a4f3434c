using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>Error codes of contacts and their details (docs/errors.md).</summary>
public static class ContactErrors
{
    public static readonly ErrorCode NotFound = new("CONTACT_NOT_FOUND", ErrorKind.NotFound);
    public static readonly ErrorCode IdInvalid = new("CONTACT_ID_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode EmailDuplicate = new("CONTACT_EMAIL_DUPLICATE", ErrorKind.AlreadyExists);
    public static readonly BoundedTextErrors Name = BoundedTextErrors.For("CONTACT_NAME");
    public static readonly BoundedTextErrors Company = BoundedTextErrors.For("CONTACT_COMPANY");
    public static readonly ErrorCode EmailEmpty = new("CONTACT_EMAIL_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode EmailTooLong = new("CONTACT_EMAIL_TOO_LONG", ErrorKind.Invalid);
    public static readonly ErrorCode EmailInvalid = new("CONTACT_EMAIL_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode PhoneEmpty = new("CONTACT_PHONE_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode PhoneInvalid = new("CONTACT_PHONE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode TagEmpty = new("CONTACT_TAG_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode TagTooLong = new("CONTACT_TAG_TOO_LONG", ErrorKind.Invalid);
    public static readonly ErrorCode TagInvalid = new("CONTACT_TAG_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode FieldKey = new("CONTACT_FIELD_KEY", ErrorKind.Invalid);
    public static readonly ErrorCode FieldSyntax = new("CONTACT_FIELD_SYNTAX", ErrorKind.Invalid);
    public static readonly ErrorCode FieldType = new("CONTACT_FIELD_TYPE", ErrorKind.Invalid);
    public static readonly ErrorCode FieldTooLong = new("CONTACT_FIELD_TOO_LONG", ErrorKind.Invalid);
    public static readonly ErrorCode FieldInvalid = new("CONTACT_FIELD_INVALID", ErrorKind.Invalid);

    /// <summary>The contact has no peer id, so nothing can be shared or synced with it.</summary>
    public static readonly ErrorCode NotPlatformNative = new("CONTACT_NOT_PLATFORM_NATIVE", ErrorKind.Invalid);

    public static readonly ErrorCode UpdateEmpty = new("CONTACT_UPDATE_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode UpdateTagsConflict = new("CONTACT_UPDATE_TAGS_CONFLICT", ErrorKind.Invalid);
    public static readonly ErrorCode PageSizeInvalid = new("CONTACT_PAGE_SIZE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode PageTokenInvalid = new("CONTACT_PAGE_TOKEN_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode SearchTooLong = new("CONTACT_SEARCH_TOO_LONG", ErrorKind.Invalid);
    public static readonly ErrorCode OrderInvalid = new("CONTACT_ORDER_INVALID", ErrorKind.Invalid);

    /// <summary>The one wording of a contact that is not there, whichever use case looks it up.</summary>
    public static Error Unknown(ContactId id, string field = "id") => new(NotFound, $"no contact {id}", field);

    public static Error TakenEmail(EmailAddress email) => new(EmailDuplicate, $"a contact with e-mail {email} already exists", "email");
}
