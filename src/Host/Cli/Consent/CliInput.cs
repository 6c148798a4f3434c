using System.Globalization;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Spectre.Console;

namespace Rapport.Host.Cli.Consent;

/// <summary>Parsing of the option values the consent, policy and audit commands share, and their console.</summary>
internal static class CliInput
{
    public static Result<ContactId> Contact(string? text) =>
        ContactId.TryParse(text, out var id)
            ? id
            : new Error(ContactErrors.IdInvalid, $"'{text}' is not a contact id (32 hex digits)", "contact");

    /// <summary>An instant in ISO 8601; without an offset it is taken as UTC.</summary>
    public static Result<DateTimeOffset?> Instant(string? text, string option)
    {
        if (text is null)
        {
            return Result.Ok<DateTimeOffset?>(null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? Result.Ok<DateTimeOffset?>(at)
            : new Error(CliErrors.TimeInvalid, $"'{text}' is not a time; use ISO 8601, e.g. 2026-01-31 or 2026-01-31T09:00:00Z", option);
    }

    public static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? at) => at is { } value ? Format(value) : "-";

    /// <summary>
    /// A console on the current <see cref="System.Console.Out"/>: Spectre's static console keeps the writer it saw first,
    /// which would bypass a redirected output (tests, embedding).
    /// </summary>
    public static IAnsiConsole Out() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(System.Console.Out),
        Interactive = InteractionSupport.No,
    });
}
