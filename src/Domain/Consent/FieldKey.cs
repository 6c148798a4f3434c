using Rapport.Domain.Common;

namespace Rapport.Domain.Consent;

/// <summary>
/// A shareable field or field category: `profile.&lt;name&gt;` (name, email, phone, company…), `interactions`
/// (the interaction history), `preferences.&lt;name&gt;` and `custom.&lt;name&gt;`. The wildcard `&lt;category&gt;.*` covers
/// every field of a category that has no level of its own. A profile field's name is any key of the shared record
/// (`profile.address.city` for the shared key `address.city`), so every field a customer can share has a key here.
/// </summary>
public sealed record FieldKey
{
    public const string Interactions = "interactions";

    private static readonly string[] Categories = ["profile", "preferences", "custom"];

    private FieldKey(string key, string? wildcard)
    {
        Key = key;
        Wildcard = wildcard;
        KeyHash = StringComparer.Ordinal.GetHashCode(key);
        WildcardHash = wildcard is null ? 0 : StringComparer.Ordinal.GetHashCode(wildcard);
    }

    internal int KeyHash { get; }

    internal int WildcardHash { get; }

    public string Key { get; }

    /// <summary>The category wildcard that covers this field (`profile.*` for `profile.email`), or null.</summary>
    public string? Wildcard { get; }

    public bool IsWildcard => Key.EndsWith(".*", StringComparison.Ordinal);

    public static Result<FieldKey> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Error(ConsentErrors.FieldInvalid, "a field is required", "field");
        }

        if (text == Interactions)
        {
            return new FieldKey(text, null);
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var category = dot < 0 ? text : text[..dot];
        if (dot < 0 || Array.IndexOf(Categories, category) < 0)
        {
            return new Error(ConsentErrors.FieldInvalid, $"'{text}' is not a field; use profile.<name>, interactions, preferences.<name>, custom.<name> or <category>.*", "field");
        }

        var name = text[(dot + 1)..];
        if (name == "*")
        {
            return new FieldKey(text, null);
        }

        var valid = category == "profile" ? SharedRecords.FieldKey.IsValid(name) : name.Length <= 64 && IsName(name);
        if (!valid)
        {
            return new Error(ConsentErrors.FieldInvalid, category == "profile"
                ? $"'{text}' has an invalid field name; use a lower-case letter, then lower-case letters, digits, '.', '_' or '-'"
                : $"'{text}' has an invalid field name; use lower-case letters, digits and _", "field");
        }

        return new FieldKey(text, category + ".*");
    }

    private static bool IsName(string name)
    {
        if (name.Length == 0 || name[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Key;
}
