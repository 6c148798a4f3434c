using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.Peers.Encoding;

namespace Rapport.Domain.Tests.Peers.Encoding;

public class UnsignedVarintTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(255UL, "ff01")]
    [InlineData(300UL, "ac02")]
    [InlineData(16384UL, "808001")]
    [InlineData((1UL << 63) - 1, "ffffffffffffffff7f")]
    public void Encodes_and_decodes_spec_examples(ulong value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(UnsignedVarint.Encode(value)));
        var decoded = UnsignedVarint.Decode(Convert.FromHexString(hex));
        Assert.True(decoded.IsSuccess);
        Assert.Equal((value, hex.Length / 2), decoded.Value);
    }

    [Theory]
    [InlineData("", "VARINT_TRUNCATED")]
    [InlineData("80", "VARINT_TRUNCATED")]
    [InlineData("8000", "VARINT_NOT_MINIMAL")]
    [InlineData("ff00", "VARINT_NOT_MINIMAL")]
    [InlineData("ffffffffffffffff80", "VARINT_OVERFLOW")]
    [InlineData("ffffffffffffffffff01", "VARINT_OVERFLOW")]
    public void Rejects_malformed_varints_with_a_named_error(string hex, string code)
    {
        var decoded = UnsignedVarint.Decode(Convert.FromHexString(hex));
        Assert.True(decoded.IsFailure);
        Assert.Equal(code, decoded.Error.Code.Value);
    }

    [Fact]
    public void Refuses_to_encode_values_above_63_bits() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UnsignedVarint.Encode(1UL << 63));

    /// <summary>
    /// Values of every bit length from 0 to 63, so every encoded size (1 to 9 bytes) is drawn: FsCheck's own ulong
    /// generator is bounded by its size parameter and would only ever produce one-byte varints.
    /// </summary>
    private static readonly Gen<ulong> AnyBitLength =
        from shift in Gen.Choose(0, 63)
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select shift == 63 ? 0UL : ((((ulong)(uint)high << 32) | (uint)low) & UnsignedVarint.MaxValue) >> shift;

    [Fact]
    public void Round_trips_every_63_bit_value()
    {
        var sizes = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2_000), Prop.ForAll(AnyBitLength.ToArbitrary(), value =>
        {
            var bytes = UnsignedVarint.Encode(value);
            sizes[bytes.Length] = true;
            var decoded = UnsignedVarint.Decode(bytes);
            return bytes.Length == UnsignedVarint.SizeOf(value) && decoded.IsSuccess && decoded.Value == (value, bytes.Length);
        }));

        // The property is only as good as what it saw: every encoded size must have been drawn.
        Assert.Equal(Enumerable.Range(1, 9), sizes.Keys.Order());
    }

    [Fact]
    public void Fuzz_random_and_mutated_input_never_throws()
    {
        var random = new Random(1234);
        var buffer = new byte[12];
        for (var i = 0; i < 200_000; i++)
        {
            int length;
            if (i % 2 == 0)
            {
                length = random.Next(0, buffer.Length);
                random.NextBytes(buffer.AsSpan(0, length));
            }
            else
            {
                length = UnsignedVarint.Encode((ulong)random.NextInt64() & UnsignedVarint.MaxValue, buffer);
                buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                length = Math.Clamp(length + random.Next(-2, 3), 0, buffer.Length);
            }

            var status = UnsignedVarint.TryDecode(buffer.AsSpan(0, length), out var value, out var read);
            if (status == VarintStatus.Ok)
            {
                // Whatever decodes must re-encode to exactly the bytes consumed (canonical form).
                Assert.Equal(buffer.AsSpan(0, read).ToArray(), UnsignedVarint.Encode(value));
            }
        }
    }
}
