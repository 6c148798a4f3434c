using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.Peers.Encoding;

namespace Rapport.Domain.Tests.Peers.Encoding;

public class MultibaseTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("61", "2g")]
    [InlineData("626262", "a3gV")]
    [InlineData("00000000", "1111")]
    [InlineData("0001", "12")]
    [InlineData("68656c6c6f20776f726c64", "StV1DL6CwTryKyV")]
    public void Base58btc_matches_known_vectors(string hex, string text)
    {
        Assert.Equal(text, Base58Btc.Encode(Convert.FromHexString(hex)));
        Assert.Equal(hex, Convert.ToHexStringLower(Base58Btc.Decode(text).Value));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("66", "my")]
    [InlineData("666f", "mzxq")]
    [InlineData("666f6f", "mzxw6")]
    [InlineData("666f6f62", "mzxw6yq")]
    [InlineData("666f6f6261", "mzxw6ytb")]
    [InlineData("666f6f626172", "mzxw6ytboi")]
    public void Base32_matches_rfc4648_vectors(string hex, string text)
    {
        Assert.Equal(text, Base32.Encode(Convert.FromHexString(hex)));
        Assert.Equal(hex, Convert.ToHexStringLower(Base32.Decode(text).Value));
    }

    [Theory]
    [InlineData("0OIl")]
    [InlineData("abc+")]
    public void Base58btc_rejects_foreign_characters(string text) =>
        Assert.Equal(EncodingErrors.Base58InvalidChar, Base58Btc.Decode(text).Error.Code);

    [Theory]
    [InlineData("a", "BASE32_LENGTH")]
    [InlineData("MZXW6", "BASE32_INVALID_CHAR")]
    [InlineData("mz", "BASE32_PADDING_BITS")]
    public void Base32_rejects_malformed_text(string text, string code) =>
        Assert.Equal(code, Base32.Decode(text).Error.Code.Value);

    [Fact]
    public void Both_bases_round_trip_arbitrary_bytes() =>
        Prop.ForAll<byte[]>(bytes =>
            Base58Btc.Decode(Base58Btc.Encode(bytes)).Value.AsSpan().SequenceEqual(bytes) &&
            Base32.Decode(Base32.Encode(bytes)).Value.AsSpan().SequenceEqual(bytes)).QuickCheckThrowOnFailure();

    [Fact]
    public void Cid_from_the_peer_ids_spec_decodes_to_the_same_multihash_as_its_base58_form()
    {
        var cid = Cid.Parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe").Value;
        Assert.Equal(Cid.Libp2pKeyCodec, cid.Codec);
        Assert.Equal(Multihash.Sha2_256Code, cid.Hash.Code);
        Assert.Equal("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N", cid.Hash.ToString());
        Assert.Equal("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe", cid.ToString());
    }

    [Fact]
    public void Multihash_sha256_of_empty_input_has_the_known_digest()
    {
        var hash = Multihash.Sha2_256([]);
        Assert.Equal("1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(hash.Bytes));
    }

    [Fact]
    public void Fuzz_multihash_and_cid_decoding_never_throws()
    {
        var random = new Random(42);
        var valid = Cid.Parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe").Value.ToBytes();
        for (var i = 0; i < 100_000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 48)];
                random.NextBytes(input);
            }
            else
            {
                input = (byte[])valid.Clone();
                input[random.Next(input.Length)] = (byte)random.Next(256);
                input = input[..random.Next(input.Length + 1)];
            }

            _ = Multihash.Decode(input);
            _ = Cid.Decode(input);
            if (i % 10 == 0)
            {
                // Text parsing adds only the base decoders (round-tripped above); a tenth keeps this fast.
                _ = Cid.Parse("z" + Base58Btc.Encode(input));
                _ = Cid.Parse("b" + Base32.Encode(input));
            }
        }
    }
}
