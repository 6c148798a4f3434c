using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>A business-defined attribute of a contact: a key (lower-case identifier) and a typed value.</summary>
public sealed record CustomField(string Key, FieldValue Value)
{
    public const int MaxKeyLength = 50;

    public static Result<string> ValidateKey(string? key, string field = "fields")
    {
        var k = key?.Trim().ToLowerInvariant() ?? string.Empty;
        if (k.Length is 0 or > MaxKeyLength || !char.IsAsciiLetter(k[0]) || !k.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            return new Error(ContactErrors.FieldKey, $"'{key}' is not a field key (letter first, then letters, digits, '_', '-', '.'; at most {MaxKeyLength})", field);
        }

        return k;
    }

    public static Result<CustomField> Create(string? key, string type, string value, string field = "fields") =>
        ValidateKey(key, field).Bind(k => FieldValue.Parse(type, value, $"{field}.{k}").Map(v => new CustomField(k, v)));

    /// <summary>Parses the "key=type:value" form used on the command line and in CSV files.</summary>
    public static Result<CustomField> Parse(string? text, string field = "fields")
    {
        var t = text ?? string.Empty;
        var eq = t.IndexOf('=', StringComparison.Ordinal);
        var colon = eq < 0 ? -1 : t.IndexOf(':', eq + 1);
        if (eq <= 0 || colon < 0)
        {
            return new Error(ContactErrors.FieldSyntax, $"'{t}' is not key=type:value (e.g. plan=text:gold, seats=number:12, renewal=date:2027-01-31, vip=bool:true)", field);
        }

        return Create(t[..eq], t[(eq + 1)..colon], t[(colon + 1)..], field);
    }

    public override string ToString() => $"{Key}={Value.TypeName}:{Value.Text}";
}
