using FsCheck;
using FsCheck.Fluent;
using Rapport.Adapters.Libp2p.Encoding;

namespace Rapport.Adapters.Libp2p.Tests.Encoding;

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

    [Fact]
    public void Round_trips_every_63_bit_value() =>
        Prop.ForAll<ulong>(raw =>
        {
            var value = raw & UnsignedVarint.MaxValue;
            var bytes = UnsignedVarint.Encode(value);
            var decoded = UnsignedVarint.Decode(bytes);
            return bytes.Length == UnsignedVarint.SizeOf(value) && decoded.IsSuccess && decoded.Value == (value, bytes.Length);
        }).QuickCheckThrowOnFailure();

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
