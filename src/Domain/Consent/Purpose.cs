using Rapport.Domain.Common;

namespace Rapport.Domain.Consent;

/// <summary>
/// What a consent is for: a dotted, hierarchical key of lower-case segments (`marketing`, `marketing.email`).
/// A purpose's ancestors are computed once here so that policy evaluation can walk the hierarchy without allocating.
/// </summary>
public sealed class Purpose : IEquatable<Purpose>
{
    public const int MaxLength = 128;

    public static readonly Purpose Analytics = new("analytics");
    public static readonly Purpose Marketing = new("marketing");
    public static readonly Purpose DataShare = new("data_share");
    public static readonly Purpose AiTraining = new("ai_training");

    /// <summary>
    /// The business keeping its own record of the relationship (contact details, interactions, the account). It rests
    /// on the business's legitimate interest rather than on consent, so it holds until the customer objects; it is
    /// the purpose a read is decided for when the caller names none.
    /// </summary>
    public static readonly Purpose Crm = new("crm");

    private Purpose(string key)
    {
        Key = key;
        var ancestors = new List<string>();
        for (var dot = key.LastIndexOf('.'); dot > 0; dot = key.LastIndexOf('.', dot - 1))
        {
            ancestors.Add(key[..dot]);
        }

        AncestorKeys = [.. ancestors];
        KeyHash = StringComparer.Ordinal.GetHashCode(key);
        AncestorHashes = [.. ancestors.Select(a => StringComparer.Ordinal.GetHashCode(a))];
    }

    internal int KeyHash { get; }

    internal int[] AncestorHashes { get; }

    internal string[] AncestorKeys { get; }

    public string Key { get; }

    /// <summary>The parent keys, nearest first (`a.b.c` → `a.b`, `a`).</summary>
    public IReadOnlyList<string> Ancestors => AncestorKeys;

    public bool IsChildOf(Purpose other) => other is not null && Ancestors.Contains(other.Key);

    /// <summary>Validates a key: segments of `a-z`, `0-9` and `_`, starting with a letter, joined by single dots.</summary>
    public static Result<Purpose> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Error(ConsentErrors.PurposeInvalid, "a purpose is required", "purpose");
        }

        if (text.Length > MaxLength)
        {
            return new Error(ConsentErrors.PurposeInvalid, $"a purpose is at most {MaxLength} characters", "purpose");
        }

        var segmentStart = true;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (segmentStart)
                {
                    return new Error(ConsentErrors.PurposeInvalid, $"'{text}' has an empty segment; use lower-case segments joined by dots, e.g. marketing.email", "purpose");
                }

                segmentStart = true;
                continue;
            }

            var valid = segmentStart ? c is >= 'a' and <= 'z' : c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_';
            if (!valid)
            {
                return new Error(ConsentErrors.PurposeInvalid, $"'{text}' is not a purpose; use lower-case segments (a-z, 0-9, _) joined by dots, e.g. marketing.email", "purpose");
            }

            segmentStart = false;
        }

        if (segmentStart)
        {
            return new Error(ConsentErrors.PurposeInvalid, $"'{text}' ends with a dot", "purpose");
        }

        return text switch
        {
            "analytics" => Analytics,
            "marketing" => Marketing,
            "data_share" => DataShare,
            "ai_training" => AiTraining,
            _ => new Purpose(text),
        };
    }

    public bool Equals(Purpose? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Purpose);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;

    public static bool operator ==(Purpose? left, Purpose? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Purpose? left, Purpose? right) => !(left == right);
}
