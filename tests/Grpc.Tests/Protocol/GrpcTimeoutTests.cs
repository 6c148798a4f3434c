using FsCheck;
using FsCheck.Fluent;
using Rapport.Adapters.Grpc.Protocol;

namespace Rapport.Adapters.Grpc.Tests.Protocol;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("100n", 1L)]
    [InlineData("1n", 1L)]
    [InlineData("0S", 0L)]
    [InlineData("99999999m", 999_999_990_000L)]
    public void Parses_every_unit(string header, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("5")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData(" 1S")]
    [InlineData("1 S")]
    [InlineData("1s")]
    [InlineData("1h")]
    [InlineData("1.5S")]
    [InlineData("1SS")]
    public void Rejects_malformed_values(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Fact]
    public void Largest_hour_value_does_not_overflow()
    {
        Assert.True(GrpcTimeout.TryParse("99999999H", out var timeout));
        Assert.True(timeout > TimeSpan.FromDays(365 * 1000));
    }

    [Fact]
    public void Every_well_formed_value_parses_to_its_exact_duration()
    {
        var units = Gen.Elements(('H', TimeSpan.TicksPerHour), ('M', TimeSpan.TicksPerMinute), ('S', TimeSpan.TicksPerSecond),
            ('m', TimeSpan.TicksPerMillisecond), ('u', TimeSpan.TicksPerMicrosecond));
        Prop.ForAll(Gen.Choose(0, 99_999_999).ToArbitrary(), units.ToArbitrary(), (amount, unit) =>
        {
            var header = $"{amount}{unit.Item1}";
            return GrpcTimeout.TryParse(header, out var timeout) && timeout.Ticks == amount * unit.Item2;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Format_then_parse_never_shortens_the_deadline()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(i => TimeSpan.FromTicks((long)i * 997)).ToArbitrary(), timeout =>
        {
            var header = GrpcTimeout.Format(timeout);
            return header.Length <= 9 && GrpcTimeout.TryParse(header, out var parsed) && parsed >= timeout;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_header_values_never_throw_and_only_well_formed_ones_parse()
    {
        const string alphabet = "0123456789HMSmun -+.xé\0";
        var random = new Random(42);
        for (var i = 0; i < 100_000; i++)
        {
            var chars = new char[random.Next(0, 12)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = random.Next(10) == 0 ? (char)random.Next(char.MaxValue) : alphabet[random.Next(alphabet.Length)];
            }

            var value = new string(chars);
            var wellFormed = value.Length is >= 2 and <= 9 && value[..^1].All(char.IsAsciiDigit) && "HMSmun".Contains(value[^1], StringComparison.Ordinal);
            Assert.Equal(wellFormed, GrpcTimeout.TryParse(value, out _));
        }
    }
}
