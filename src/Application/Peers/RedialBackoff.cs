namespace Rapport.Application.Peers;

/// <summary>
/// How long to wait before the next attempt to reach a peer (re-dial, or re-delivery of a grant): 1 s doubling up to
/// 5 min, scaled by a jitter factor so peers that lost each other at the same moment do not retry in lockstep.
/// </summary>
public static class RedialBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    /// <param name="failures">Attempts that failed in a row (0 or more).</param>
    /// <param name="jitter">A random number in [0, 1): the delay is scaled into [50 %, 100 %] of the nominal one.</param>
    public static TimeSpan Delay(int failures, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        if (double.IsNaN(jitter) || jitter < 0 || jitter >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "jitter is a number in [0, 1)");
        }

        // 2^9 s already exceeds the 5 min cap, so larger exponents need not be computed (nor overflow).
        var nominal = Math.Min(First.TotalSeconds * Math.Pow(2, Math.Min(failures, 9)), Max.TotalSeconds);
        return TimeSpan.FromSeconds(nominal * (0.5 + (jitter / 2)));
    }
}
