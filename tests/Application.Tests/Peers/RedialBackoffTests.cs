using FsCheck;
using FsCheck.Fluent;
using Rapport.Application.Peers;

namespace Rapport.Application.Tests.Peers;

public sealed class RedialBackoffTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(8, 256)]
    [InlineData(9, 300)]
    [InlineData(1000, 300)]
    [InlineData(int.MaxValue, 300)]
    public void Doubles_from_one_second_up_to_five_minutes(int failures, double nominalSeconds)
    {
        Assert.Equal(nominalSeconds / 2, RedialBackoff.Delay(failures, 0).TotalSeconds, 6);
        Assert.Equal(nominalSeconds, RedialBackoff.Delay(failures, 0.999999999).TotalSeconds, 3);
    }

    [Fact]
    public void Jitter_keeps_every_delay_between_half_a_second_and_five_minutes_and_never_shrinks_the_nominal_delay_order()
    {
        Prop.ForAll(
            Gen.Choose(0, 200).ToArbitrary(),
            Gen.Choose(0, 999_999).Select(i => i / 1_000_000.0).ToArbitrary(),
            (failures, jitter) =>
            {
                var delay = RedialBackoff.Delay(failures, jitter);
                var next = RedialBackoff.Delay(failures + 1, jitter);
                return delay >= TimeSpan.FromSeconds(0.5) && delay <= RedialBackoff.Max && next >= delay;
            }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(-1, 0.5)]
    [InlineData(0, -0.1)]
    [InlineData(0, 1.0)]
    [InlineData(0, double.NaN)]
    public void Rejects_arguments_outside_their_range(int failures, double jitter) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => RedialBackoff.Delay(failures, jitter));
}
