using Rapport.Domain.Common;

namespace Rapport.Domain.Consent;

/// <summary>
/// A field of a customer's data, spelled one way everywhere — consent recorded by the business, grants signed by the
/// customer, shared records, policy decisions: a profile field is its name (`email`, `address.city`),
/// `custom.&lt;name&gt;` a custom field, `preferences.&lt;name&gt;` a preference and `interactions` the interaction
/// history; 1..128 of a-z 0-9 . _ -, starting with a letter, no empty part between dots. In consent, the wildcards
/// `profile.*`, `custom.*` and `preferences.*` cover every field of their category that has no level of its own.
/// </summary>
public sealed record FieldKey
{
    public const int MaxLength = 128;

    public const string Interactions = "interactions";

    public const string ProfileWildcard = "profile.*";

    private const string Legacy = "profile.";

    private static readonly string[] Wildcards = [ProfileWildcard, "custom.*", "preferences.*"];

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

    /// <summary>The category wildcard that covers this field (`profile.*` for `email`, `custom.*` for `custom.tier`), or null.</summary>
    public string? Wildcard { get; }

    public bool IsWildcard => Key.EndsWith(".*", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="key"/> has the syntax of a field (no wildcard): what a grant, a request and a shared record may name.</summary>
    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || key[0] is < 'a' or > 'z' || key[^1] == '.')
        {
            return false;
        }

        var previous = ' ';
        foreach (var c in key)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-') || (c == '.' && previous == '.'))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }

    public static Result<FieldKey> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Error(ConsentErrors.FieldInvalid, "a field is required", "field");
        }

        if (Array.IndexOf(Wildcards, text) >= 0)
        {
            return new FieldKey(text, null);
        }

        if (text.StartsWith(Legacy, StringComparison.Ordinal) && text.Length > Legacy.Length)
        {
            return new Error(ConsentErrors.FieldInvalid, $"'{text}' is spelled '{text[Legacy.Length..]}': a profile field is named by itself", "field");
        }

        if (!IsValid(text))
        {
            return new Error(ConsentErrors.FieldInvalid,
                $"'{text}' is not a field: use a profile field's name (email, address.city), custom.<name>, preferences.<name>, interactions, or a wildcard ({string.Join(", ", Wildcards)}); 1..{MaxLength} of a-z 0-9 . _ -, starting with a letter",
                "field");
        }

        return new FieldKey(text, WildcardOf(text));
    }

    /// <summary>
    /// A field as a grant or a shared record names it, which before one spelling could be `profile.email`: that reads
    /// as `email`. For keys that passed <see cref="IsValid"/>; anything else is a bug.
    /// </summary>
    public static FieldKey Named(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = key.StartsWith(Legacy, StringComparison.Ordinal) && key != ProfileWildcard ? key[Legacy.Length..] : key;
        return IsValid(name) ? new FieldKey(name, WildcardOf(name)) : throw new ArgumentException($"'{key}' is not a field", nameof(key));
    }

    private static string? WildcardOf(string key) =>
        key == Interactions ? null
        : key.StartsWith("custom.", StringComparison.Ordinal) ? "custom.*"
        : key.StartsWith("preferences.", StringComparison.Ordinal) ? "preferences.*"
        : ProfileWildcard;

    public override string ToString() => Key;
}
