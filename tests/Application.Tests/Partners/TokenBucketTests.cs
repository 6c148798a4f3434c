using FsCheck;
using FsCheck.Fluent;
using Rapport.Application.Partners;

namespace Rapport.Application.Tests.Partners;

public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Burst_is_spent_then_refused_with_the_wait_until_the_next_token()
    {
        var bucket = new TokenBucket(RateLimit.Parse("2/s").Value, T0);

        Assert.True(bucket.TryTake(T0, out _));
        Assert.True(bucket.TryTake(T0, out _));
        Assert.False(bucket.TryTake(T0, out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(500), wait);
        Assert.True(bucket.TryTake(T0.AddMilliseconds(500), out _));
    }

    [Fact]
    public void Never_grants_more_than_burst_plus_rate_times_elapsed()
    {
        Prop.ForAll(Gen.Choose(1, 100).ToArbitrary(), Gen.ListOf(Gen.Choose(0, 200)).ToArbitrary(), (perSecond, stepsMs) =>
        {
            var rate = RateLimit.Create(perSecond).Value;
            var bucket = new TokenBucket(rate, T0);
            var now = T0;
            var granted = 0;
            foreach (var step in stepsMs)
            {
                now = now.AddMilliseconds(step);
                if (bucket.TryTake(now, out var wait))
                {
                    granted++;
                }
                else if (wait <= TimeSpan.Zero)
                {
                    return false;
                }
            }

            return granted <= rate.Burst + ((now - T0).TotalSeconds * rate.PerSecond) + 1e-9;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_bucket_a_rounding_error_short_of_a_token_asks_for_a_real_wait()
    {
        var rate = RateLimit.Create(3).Value;
        var bucket = new TokenBucket(rate, T0);
        var now = T0;
        for (var i = 0; i < 10_000; i++)
        {
            now = now.AddMilliseconds(i % 7 * 37);
            if (!bucket.TryTake(now, out var wait))
            {
                Assert.True(wait >= TimeSpan.FromMilliseconds(1), $"wait {wait.Ticks} ticks at step {i}");
            }
        }
    }

    [Theory]
    [InlineData("50/s", 50)]
    [InlineData("600/m", 10)]
    [InlineData("3600/h", 1)]
    public void Rates_parse_per_second(string text, double perSecond) => Assert.Equal(perSecond, RateLimit.Parse(text).Value.PerSecond);

    [Theory]
    [InlineData("")]
    [InlineData("50")]
    [InlineData("50/d")]
    [InlineData("-1/s")]
    [InlineData("/s")]
    [InlineData("1e9/s")]
    public void Bad_rates_are_refused(string text) => Assert.Equal(PartnerErrors.RateInvalid, RateLimit.Parse(text).Error.Code);
}
