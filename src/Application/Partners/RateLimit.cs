using System.Globalization;
using Rapport.Domain.Common;

namespace Rapport.Application.Partners;

/// <summary>A token bucket: <see cref="PerSecond"/> tokens refill each second, up to <see cref="Burst"/> at once.</summary>
public sealed record RateLimit
{
    public const double MaxPerSecond = 1_000_000;

    private RateLimit(double perSecond, int burst)
    {
        PerSecond = perSecond;
        Burst = burst;
    }

    public static RateLimit Default { get; } = new(50, 50);

    public double PerSecond { get; }

    public int Burst { get; }

    public static Result<RateLimit> Create(double perSecond, int? burst = null)
    {
        if (!double.IsFinite(perSecond) || perSecond <= 0 || perSecond > MaxPerSecond)
        {
            return new Error(PartnerErrors.RateInvalid, $"the rate must be above 0 and at most {MaxPerSecond} calls per second", "rate");
        }

        var b = burst ?? (int)Math.Max(1, Math.Ceiling(perSecond));
        return b < 1 ? new Error(PartnerErrors.RateInvalid, "the burst must be at least 1", "rate") : new RateLimit(perSecond, b);
    }

    /// <summary>"50/s", "600/m", "10000/h" (calls per second, minute or hour).</summary>
    public static Result<RateLimit> Parse(string? text)
    {
        var invalid = new Error(PartnerErrors.RateInvalid, $"'{text}' is not a rate; use e.g. 50/s, 600/m or 10000/h", "rate");
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0 ||
            !double.TryParse(text.AsSpan(0, slash), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count))
        {
            return invalid;
        }

        var seconds = text[(slash + 1)..] switch
        {
            "s" => 1d,
            "m" => 60d,
            "h" => 3600d,
            _ => 0d,
        };
        return seconds == 0 ? invalid : Create(count / seconds, (int)Math.Max(1, Math.Ceiling(count / seconds)));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PerSecond:0.###}/s");
}
