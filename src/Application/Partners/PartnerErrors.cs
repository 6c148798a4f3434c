using Rapport.Domain.Common;

namespace Rapport.Application.Partners;

public static class PartnerErrors
{
    public static Error NotFound(string name) => new("PARTNER_NOT_FOUND", $"no partner named '{name}'", "name");

    public static Error Duplicate(string name) => new("PARTNER_EXISTS", $"a partner named '{name}' already exists", "name");

    public static Error InvalidName(string? name) =>
        new("PARTNER_NAME_INVALID", $"'{name}' is not a partner name; use 1-64 letters, digits, '-', '_' or '.'", "name");

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
