using Rapport.Domain.Common;

namespace Rapport.Domain.Contacts;

/// <summary>
/// An e-mail address in the dot-atom subset of RFC 5322 that real mail systems accept: local part of atext characters
/// and single dots, a domain of LDH labels with at least one dot. The domain is normalised to lower case; the local part is kept.
/// </summary>
public sealed record EmailAddress
{
    public const int MaxLength = 254;
    private const string AtextSymbols = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static Result<EmailAddress> Create(string? text, string field = "email")
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return new Error(ContactErrors.EmailEmpty, "an e-mail address is required", field);
        }

        if (trimmed.Length > MaxLength)
        {
            return new Error(ContactErrors.EmailTooLong, $"'{trimmed}' is longer than {MaxLength} characters", field);
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return new Error(ContactErrors.EmailInvalid, $"'{trimmed}' is not an e-mail address (expected local@domain)", field);
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..].ToLowerInvariant();
        if (local.Length > 64 || !IsDotAtom(local))
        {
            return new Error(ContactErrors.EmailInvalid, $"'{trimmed}' has an invalid local part", field);
        }

        if (!IsDomain(domain))
        {
            return new Error(ContactErrors.EmailInvalid, $"'{trimmed}' has an invalid domain", field);
        }

        return new EmailAddress($"{local}@{domain}");
    }

    private static bool IsDotAtom(string local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || AtextSymbols.Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        return !labels[^1].All(char.IsAsciiDigit);
    }

    public override string ToString() => Value;
}
