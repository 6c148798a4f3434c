using System.Globalization;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Host.Control;

/// <summary>Parsing of the consent-flow options: `email=view,phone=edit`, `analytics,marketing`, request ids.</summary>
public static class SharingInput
{
    public static string Level(AccessLevel access) => Views.AccessLevelNames.Of(access);

    public static Result<AccessLevel> ParseLevel(string text, string field) => text.Trim().ToLowerInvariant() switch
    {
        "view" => AccessLevel.View,
        "edit" => AccessLevel.Edit,
        _ => new Error(SharingInputErrors.InvalidFieldLevel, $"'{text}' is not an access level (view or edit)", field),
    };

    /// <summary>`KEY=LEVEL` pairs separated by commas (the option may also be repeated); a key without a level means view.</summary>
    public static Result<IReadOnlyDictionary<string, string>> Fields(IEnumerable<string> values, string option)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Split(values))
        {
            var parts = item.Split('=', 2);
            var key = parts[0].Trim();
            var level = ParseLevel(parts.Length == 2 ? parts[1] : "view", option);
            if (key.Length == 0)
            {
                return new Error(SharingInputErrors.InvalidFields, $"'{item}' has no field name (expected FIELD=view|edit)", option);
            }

            if (level.IsFailure)
            {
                return level.Error;
            }

            if (!fields.TryAdd(key, Level(level.Value)))
            {
                return new Error(SharingInputErrors.InvalidFields, $"field '{key}' is given twice", option);
            }
        }

        return Result<IReadOnlyDictionary<string, string>>.Success(fields);
    }

    public static Result<IReadOnlyDictionary<string, AccessLevel>> Access(IReadOnlyDictionary<string, string> fields, string field)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var access = new Dictionary<string, AccessLevel>(StringComparer.Ordinal);
        foreach (var (key, text) in fields)
        {
            var level = ParseLevel(text, field);
            if (level.IsFailure)
            {
                return level.Error;
            }

            access[key] = level.Value;
        }

        return Result<IReadOnlyDictionary<string, AccessLevel>>.Success(access);
    }

    public static IReadOnlyList<string> List(IEnumerable<string> values) => [.. Split(values).Distinct(StringComparer.Ordinal)];

    public static Result<SharingRequestId> RequestId(string text, string field = "ID") =>
        Guid.TryParse(text?.Trim(), out var id) && id != Guid.Empty
            ? new SharingRequestId(id)
            : new Error(SharingInputErrors.InvalidRequestId, $"'{text}' is not a request id (32 hex digits, as `rapport requests list` shows)", field);

    public static string Format(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static IEnumerable<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
