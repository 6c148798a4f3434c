using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>A label on a contact: lower case, letters, digits, '-', '_', ':' and '/'; whitespace becomes '-'.</summary>
public sealed record Tag : IComparable<Tag>
{
    public const int MaxLength = 50;

    private Tag(string value) => Value = value;

    public string Value { get; }

    public static Result<Tag> Create(string? text, string field = "tags")
    {
        var words = (text ?? string.Empty).Trim().ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var value = string.Join('-', words);
        if (value.Length == 0)
        {
            return new Error(ContactErrors.TagEmpty, "a tag must not be blank", field);
        }

        if (value.Length > MaxLength)
        {
            return new Error(ContactErrors.TagTooLong, $"tag '{value}' is longer than {MaxLength} characters", field);
        }

        if (!value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ':' or '/'))
        {
            return new Error(ContactErrors.TagInvalid, $"tag '{value}' may only contain letters, digits, '-', '_', ':' and '/'", field);
        }

        return new Tag(value);
    }

    public int CompareTo(Tag? other) => string.CompareOrdinal(Value, other?.Value);

    public override string ToString() => Value;
}
