using System.Globalization;
using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>The typed value of a custom field; only these four kinds exist, so a field can never hold an untyped blob.</summary>
public abstract record FieldValue
{
    private protected FieldValue()
    {
    }

    public abstract string TypeName { get; }

    /// <summary>Invariant text form, parseable back with <see cref="Parse"/>.</summary>
    public abstract string Text { get; }

    public static Result<FieldValue> Parse(string type, string text, string field)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        switch (type.Trim().ToLowerInvariant())
        {
            case TextFieldValue.Type:
                return text.Length > TextFieldValue.MaxLength
                    ? new Error(ContactErrors.FieldTooLong, $"text is longer than {TextFieldValue.MaxLength} characters", field)
                    : new TextFieldValue(text);
            case NumberFieldValue.Type:
                return decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? new NumberFieldValue(number)
                    : new Error(ContactErrors.FieldInvalid, $"'{text}' is not a number (use . as decimal point)", field);
            case DateFieldValue.Type:
                return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new DateFieldValue(date)
                    : new Error(ContactErrors.FieldInvalid, $"'{text}' is not a date (expected yyyy-MM-dd)", field);
            case BoolFieldValue.Type:
                return text.Trim().ToLowerInvariant() switch
                {
                    "true" or "yes" or "1" => new BoolFieldValue(true),
                    "false" or "no" or "0" => new BoolFieldValue(false),
                    _ => new Error(ContactErrors.FieldInvalid, $"'{text}' is not a bool (true/false)", field),
                };
            default:
                return new Error(ContactErrors.FieldType, $"unknown field type '{type}' (expected text, number, date or bool)", field);
        }
    }
}

public sealed record TextFieldValue(string Value) : FieldValue
{
    public const string Type = "text";
    public const int MaxLength = 2000;

    public override string TypeName => Type;

    public override string Text => Value;
}

public sealed record NumberFieldValue(decimal Value) : FieldValue
{
    public const string Type = "number";

    public override string TypeName => Type;

    public override string Text => Value.ToString(CultureInfo.InvariantCulture);
}

public sealed record DateFieldValue(DateOnly Value) : FieldValue
{
    public const string Type = "date";

    public override string TypeName => Type;

    public override string Text => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record BoolFieldValue(bool Value) : FieldValue
{
    public const string Type = "bool";

    public override string TypeName => Type;

    public override string Text => Value ? "true" : "false";
}
