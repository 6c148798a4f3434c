namespace Rapport.Domain.Common;

/// <summary>Shared rule for human-entered single-line text: trimmed, inner whitespace collapsed, non-blank, bounded, no control characters.</summary>
public static class BoundedText
{
    public static Result<string> Normalise(string? text, int maxLength, string field, BoundedTextErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var parts = (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var value = string.Join(' ', parts);
        if (value.Length == 0)
        {
            return new Error(errors.Empty, "must not be blank", field);
        }

        if (value.Length > maxLength)
        {
            return new Error(errors.TooLong, $"is {value.Length} characters long; at most {maxLength} allowed", field);
        }

        if (value.Any(char.IsControl))
        {
            return new Error(errors.Invalid, "must not contain control characters", field);
        }

        return value;
    }
}
