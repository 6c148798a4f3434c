using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Rapport.Adapters.Grpc.Protocol;

namespace Rapport.Adapters.Grpc.Tests.Protocol;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("naïve", "na%C3%AFve")]
    [InlineData("✓", "%E2%9C%93")]
    [InlineData("", "")]
    public void Encodes_per_the_spec(string message, string encoded) => Assert.Equal(encoded, PercentEncoding.Encode(message));

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz ok", "%zz ok")]
    [InlineData("50%% off", "50%% off")]
    [InlineData("%C3", "\uFFFD")]
    [InlineData("%e2%9c%93", "✓")]
    public void Decoding_broken_escapes_never_fails(string value, string decoded) => Assert.Equal(decoded, PercentEncoding.Decode(value));

    [Fact]
    public void Any_valid_unicode_message_round_trips_and_encodes_to_allowed_bytes()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(s => s is not null && IsWellFormed(s)), message =>
        {
            var encoded = PercentEncoding.Encode(message);
            return encoded.All(c => c is >= ' ' and <= '~') && PercentEncoding.Decode(encoded) == message;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3_000));
    }

    [Fact]
    public void Decoding_random_input_never_throws()
    {
        const string alphabet = "%%%0123456789abcdefABCDEFxyz ✓\uD800\uDC00";
        var random = new Random(1234);
        for (var i = 0; i < 100_000; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = random.Next(8) == 0 ? (char)random.Next(char.MaxValue) : alphabet[random.Next(alphabet.Length)];
            }

            Assert.NotNull(PercentEncoding.Decode(new string(chars)));
        }
    }

    private static bool IsWellFormed(string s)
    {
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(s);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
