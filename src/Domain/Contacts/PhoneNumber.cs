using System.Text;
using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>A phone number in E.164 form: '+' and 8 to 15 digits. Spaces, dots, dashes and parentheses are accepted and dropped.</summary>
public sealed record PhoneNumber
{
    private PhoneNumber(string value) => Value = value;

    public string Value { get; }

    public static Result<PhoneNumber> Create(string? text, string field = "phone")
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return new Error(ContactErrors.PhoneEmpty, "a phone number is required", field);
        }

        if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            trimmed = "+" + trimmed[2..];
        }

        if (trimmed[0] != '+')
        {
            return new Error(ContactErrors.PhoneInvalid, $"'{trimmed}' must be in international form starting with + and the country code", field);
        }

        var digits = new StringBuilder("+", 16);
        foreach (var c in trimmed.AsSpan(1))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return new Error(ContactErrors.PhoneInvalid, $"'{trimmed}' contains '{c}', which is not a digit or separator", field);
            }
        }

        var count = digits.Length - 1;
        if (count is < 8 or > 15 || digits[1] == '0')
        {
            return new Error(ContactErrors.PhoneInvalid, $"'{trimmed}' must have 8 to 15 digits after + and not start with 0", field);
        }

        return new PhoneNumber(digits.ToString());
    }

    public override string ToString() => Value;
}
