namespace Rapport.Application.Partners;

/// <summary>
/// A thread-safe token bucket for one partner. <see cref="TryTake"/> either spends a token or says how long until
/// one is available (what RetryInfo tells the client).
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly RateLimit _rate;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public TokenBucket(RateLimit rate, DateTimeOffset now)
    {
        _rate = rate ?? throw new ArgumentNullException(nameof(rate));
        _tokens = rate.Burst;
        _refilledAt = now;
    }

    public RateLimit Rate => _rate;

    /// <summary>True when a token was taken; otherwise <paramref name="retryAfter"/> is the wait until the next one.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var elapsed = (now - _refilledAt).TotalSeconds;
            if (elapsed > 0)
            {
                _tokens = Math.Min(_rate.Burst, _tokens + (elapsed * _rate.PerSecond));
                _refilledAt = now;
            }

            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            // Rounded up, and never below a millisecond: a bucket a rounding error short of a token must not tell the
            // client to retry after zero (it would spin).
            var ticks = (long)Math.Ceiling((1 - _tokens) / _rate.PerSecond * TimeSpan.TicksPerSecond);
            retryAfter = TimeSpan.FromTicks(Math.Max(ticks, TimeSpan.TicksPerMillisecond));
            return false;
        }
    }
}
