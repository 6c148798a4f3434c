using System.Globalization;
using System.Text.RegularExpressions;
using Rapport.Domain.Common;

namespace Rapport.Domain.Interactions;

/// <summary>Reads a duration written as "15m", "1h30m", "2h", "45s" or a TimeSpan ("00:15:00").</summary>
public static partial class InteractionDuration
{
    public static Result<TimeSpan> Parse(string? text, string field = "duration")
    {
        var t = text?.Trim().ToLowerInvariant() ?? string.Empty;
        var match = Units().Match(t);
        if (t.Length > 0 && match.Success)
        {
            var total = TimeSpan.Zero;
            foreach (var (group, unit) in new[] { ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)) })
            {
                if (match.Groups[group].Success)
                {
                    total += unit * int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
                }
            }

            return total;
        }

        if (TimeSpan.TryParseExact(t, ["c", @"hh\:mm", @"h\:mm"], CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        return new Error(InteractionErrors.DurationInvalid, $"'{text}' is not a duration (e.g. 15m, 1h30m, 00:45:00)", field);
    }

    [GeneratedRegex(@"^(?:(?<h>\d{1,3})h)?(?:(?<m>\d{1,4})m)?(?:(?<s>\d{1,5})s)?$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Units();
}
