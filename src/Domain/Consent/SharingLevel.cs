using Rapport.Domain.Common;

namespace Rapport.Domain.Consent;

/// <summary>How much of a field the business may see or change; ordered, so a higher level includes the lower ones.</summary>
public enum SharingLevel
{
    None = 0,
    View = 1,
    Edit = 2,
}

public static class SharingLevelText
{
    public static string ToKey(this SharingLevel level) => level switch
    {
        SharingLevel.None => "none",
        SharingLevel.View => "view",
        SharingLevel.Edit => "edit",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static Result<SharingLevel> Parse(string? text) => text switch
    {
        "none" => SharingLevel.None,
        "view" => SharingLevel.View,
        "edit" => SharingLevel.Edit,
        _ => new Error(ConsentErrors.LevelInvalid, $"'{text}' is not a sharing level; use none, view or edit", "field"),
    };
}
