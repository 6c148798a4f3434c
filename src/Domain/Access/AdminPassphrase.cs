using Rapport.Domain.Common;

namespace Rapport.Domain.Access;

/// <summary>
/// The passphrase that opens the node's web console: at least 12 characters (NIST SP 800-63B asks 8 of a memorized
/// secret chosen by its user; a console holding customers' data asks more), at most 1,024. Never stored, never logged,
/// never printed: only its memory-hard hash is kept.
/// </summary>
public sealed class AdminPassphrase
{
    public const int MinLength = 12;
    public const int MaxLength = 1024;

    private AdminPassphrase(string value) => Value = value;

    public string Value { get; }

    public static Result<AdminPassphrase> Parse(string? text)
    {
        // Counted in text elements, so a passphrase of emoji or accents is as long as it looks.
        var length = text is null ? 0 : new System.Globalization.StringInfo(text).LengthInTextElements;
        if (string.IsNullOrWhiteSpace(text) || length < MinLength)
        {
            return new Error(AccessErrors.PassphraseTooShort, $"the passphrase needs at least {MinLength} characters", "passphrase");
        }

        return length > MaxLength
            ? new Error(AccessErrors.PassphraseTooLong, $"the passphrase may have at most {MaxLength} characters", "passphrase")
            : new AdminPassphrase(text);
    }

    public override string ToString() => "(passphrase)";
}
