namespace Rapport.Adapters.Grpc.Protocol;

/// <summary>
/// The <c>grpc-timeout</c> header: TimeoutValue (1 to 8 ASCII digits) followed by one TimeoutUnit
/// (H, M, S, m, u, n). Anything else is malformed.
/// </summary>
public static class GrpcTimeout
{
    private const int MaxDigits = 8;

    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length < 2 || value.Length > MaxDigits + 1)
        {
            return false;
        }

        long amount = 0;
        var digits = value[..^1];
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        // 99,999,999 hours does not fit a TimeSpan; such a deadline is effectively infinite.
        var ticks = value[^1] switch
        {
            'H' => Math.Min(amount, TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerHour) * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => (amount + 99) / 100,
            _ => -1L,
        };
        if (ticks < 0)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Encodes a timeout the way a client sends it (rounded up, at most 8 digits).</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        ReadOnlySpan<(char Unit, long TicksPerUnit)> units =
        [
            ('n', 0), ('u', TimeSpan.TicksPerMicrosecond), ('m', TimeSpan.TicksPerMillisecond),
            ('S', TimeSpan.TicksPerSecond), ('M', TimeSpan.TicksPerMinute), ('H', TimeSpan.TicksPerHour),
        ];
        if (ticks * 100 < 100_000_000)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ticks * 100}n");
        }

        foreach (var (unit, perUnit) in units[1..])
        {
            var amount = (ticks + perUnit - 1) / perUnit;
            if (amount < 100_000_000)
            {
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{amount}{unit}");
            }
        }

        return "99999999H";
    }
}
