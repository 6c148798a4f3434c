namespace Rapport.Domain.Contacts;

/// <summary>The custom fields of a contact, at most one value per key, ordered by key.</summary>
public sealed class CustomFields : IEquatable<CustomFields>
{
    private readonly SortedDictionary<string, FieldValue> _fields;

    private CustomFields(SortedDictionary<string, FieldValue> fields) => _fields = fields;

    public static CustomFields Empty { get; } = new(new SortedDictionary<string, FieldValue>(StringComparer.Ordinal));

    public int Count => _fields.Count;

    public IEnumerable<CustomField> All => _fields.Select(kv => new CustomField(kv.Key, kv.Value));

    /// <summary>Later fields with the same key replace earlier ones.</summary>
    public static CustomFields Of(IEnumerable<CustomField> fields)
    {
        var map = new SortedDictionary<string, FieldValue>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            map[field.Key] = field.Value;
        }

        return new CustomFields(map);
    }

    public FieldValue? this[string key] => _fields.GetValueOrDefault(key);

    public CustomFields With(IEnumerable<CustomField> fields) => Of(All.Concat(fields));

    public bool Equals(CustomFields? other) =>
        other is not null && _fields.Count == other._fields.Count && _fields.All(kv => other._fields.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override bool Equals(object? obj) => Equals(obj as CustomFields);

    public override int GetHashCode() => _fields.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value));

    public override string ToString() => string.Join(';', All);
}
