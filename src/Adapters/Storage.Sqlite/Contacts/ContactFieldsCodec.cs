using System.Text.Json;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Storage.Sqlite.Contacts;

/// <summary>Custom fields are stored as a JSON array of {k, t, v} with the value's invariant text; empty string when none.</summary>
internal static class ContactFieldsCodec
{
    public static string Encode(CustomFields fields) =>
        fields.Count == 0 ? string.Empty : JsonSerializer.Serialize(fields.All.Select(f => new Stored(f.Key, f.Value.TypeName, f.Value.Text)));

    public static CustomFields Decode(string text)
    {
        if (text.Length == 0)
        {
            return CustomFields.Empty;
        }

        var stored = JsonSerializer.Deserialize<Stored[]>(text) ?? [];
        return CustomFields.Of(stored.Select(s =>
        {
            var field = CustomField.Create(s.K, s.T, s.V);
            return field.IsSuccess ? field.Value : throw new InvalidDataException($"stored custom field is invalid: {field.Error}");
        }));
    }

    private sealed record Stored(string K, string T, string V);
}
