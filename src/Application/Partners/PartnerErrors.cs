using Rapport.Domain.Common;

namespace Rapport.Application.Partners;

/// <summary>Error codes of partners, their keys, scopes and rates (docs/errors.md).</summary>
public static class PartnerErrors
{
    public static readonly ErrorCode NotFound = new("PARTNER_NOT_FOUND", ErrorKind.NotFound);
    public static readonly ErrorCode Exists = new("PARTNER_EXISTS", ErrorKind.AlreadyExists);
    public static readonly ErrorCode NameInvalid = new("PARTNER_NAME_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode ScopeInvalid = new("PARTNER_SCOPE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode RateInvalid = new("PARTNER_RATE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode KeyInvalid = new("PARTNER_KEY_INVALID", ErrorKind.Unauthenticated);
    public static readonly ErrorCode KeyRevoked = new("PARTNER_KEY_REVOKED", ErrorKind.Unauthenticated);

    /// <summary>The partner's key lacks the scope the method needs.</summary>
    public static readonly ErrorCode ScopeMissing = new("SCOPE_MISSING", ErrorKind.PermissionDenied);

    /// <summary>The partner called faster than its rate; the answer says when to retry.</summary>
    public static readonly ErrorCode RateLimited = new("RATE_LIMITED", ErrorKind.RateLimited);

    public static Error Unknown(string name) => new(NotFound, $"no partner named '{name}'", "name");

    public static Error Duplicate(string name) => new(Exists, $"a partner named '{name}' already exists", "name");

    public static Error InvalidName(string? name) =>
        new(NameInvalid, $"'{name}' is not a partner name; use 1-64 letters, digits, '-', '_' or '.'", "name");

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
