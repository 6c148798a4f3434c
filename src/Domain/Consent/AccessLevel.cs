using Rapport.Domain.Common;

namespace Rapport.Domain.Consent;

/// <summary>
/// How much of a field the business may see or change; ordered, so a higher level includes the lower ones. The one
/// access level of consent recorded by the business and of grants signed by the customer (whose wire values these are;
/// a grant or request names only <see cref="View"/> or <see cref="Edit"/>).
/// </summary>
public enum AccessLevel
{
    None = 0,
    View = 1,
    Edit = 2,
}

public static class AccessLevelText
{
    public static string ToKey(this AccessLevel level) => level switch
    {
        AccessLevel.None => "none",
        AccessLevel.View => "view",
        AccessLevel.Edit => "edit",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static Result<AccessLevel> Parse(string? text) => text switch
    {
        "none" => AccessLevel.None,
        "view" => AccessLevel.View,
        "edit" => AccessLevel.Edit,
        _ => new Error(ConsentErrors.LevelInvalid, $"'{text}' is not an access level; use none, view or edit", "field"),
    };
}
