using FsCheck;
using FsCheck.Fluent;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Multiformats;

namespace Rapport.Libp2p.Tests.Identity;

public class KeyAndPeerIdTests
{
    // Test vectors from libp2p/specs peer-ids/peer-ids.md ("Test vectors").
    private const string SpecEd25519Private =
        "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";

    private const string SpecEd25519Public = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";

    [Fact]
    public void Spec_private_key_decodes_and_reencodes_to_the_spec_public_key()
    {
        var pair = PrivateKey.Decode(Convert.FromHexString(SpecEd25519Private)).Value;
        var publicKey = PublicKey.Ed25519(pair.PublicKey);
        Assert.Equal(SpecEd25519Public, Convert.ToHexStringLower(publicKey.ToProtobuf()));
        Assert.Equal(SpecEd25519Private, Convert.ToHexStringLower(PrivateKey.Encode(pair)));
        Assert.Equal(publicKey, PublicKey.Decode(Convert.FromHexString(SpecEd25519Public)).Value);
    }

    [Fact]
    public void Ed25519_peer_id_is_an_identity_multihash_in_12D3KooW_form()
    {
        var key = PublicKey.Decode(Convert.FromHexString(SpecEd25519Public)).Value;
        var peer = PeerId.FromPublicKey(key);
        var text = peer.ToString();
        Assert.StartsWith("12D3KooW", text, StringComparison.Ordinal);
        Assert.Equal("0024" + SpecEd25519Public, Convert.ToHexStringLower(peer.Bytes));
        Assert.Equal(peer, PeerId.Parse(text).Value);
        Assert.Equal(peer, PeerId.Parse(peer.ToCidString()).Value);
        Assert.True(peer.TryGetPublicKey(out var recovered));
        Assert.Equal(key, recovered);
    }

    [Fact]
    public void Parses_published_peer_ids_in_base58_and_cid_form()
    {
        var ed = PeerId.Parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA").Value;
        Assert.Equal(Multihash.IdentityCode, ed.Multihash.Code);
        Assert.True(ed.TryGetPublicKey(out var key));
        Assert.Equal(KeyType.Ed25519, key.Type);
        Assert.Equal("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA", ed.ToString());

        var rsa = PeerId.Parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N").Value;
        var cid = PeerId.Parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe").Value;
        Assert.Equal(rsa, cid);
        Assert.False(rsa.TryGetPublicKey(out _));
        Assert.Equal("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe", rsa.ToCidString());
    }

    [Theory]
    [InlineData("", "PEER_ID_EMPTY")]
    [InlineData("12D3KooW", "PEER_ID_INVALID")]
    [InlineData("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5", "PEER_ID_INVALID")]
    [InlineData("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", "PEER_ID_INVALID")]
    [InlineData("hello world", "PEER_ID_INVALID")]
    public void Rejects_malformed_peer_ids_with_a_clear_error(string text, string code)
    {
        var result = PeerId.Parse(text);
        Assert.True(result.IsFailure);
        Assert.Equal(code, result.Error.Code.Value);
    }

    [Fact]
    public void Signatures_verify_only_for_the_signed_message_and_key()
    {
        var pair = Ed25519KeyPair.Generate();
        var signature = pair.Sign("hello"u8);
        Assert.True(Ed25519KeyPair.Verify(pair.PublicKey, "hello"u8, signature));
        Assert.False(Ed25519KeyPair.Verify(pair.PublicKey, "hellO"u8, signature));
        Assert.False(Ed25519KeyPair.Verify(Ed25519KeyPair.Generate().PublicKey, "hello"u8, signature));
        Assert.False(Ed25519KeyPair.Verify(pair.PublicKey, "hello"u8, signature.AsSpan(1)));
    }

    [Fact]
    public void Rfc8032_test_1_signature_is_reproduced()
    {
        var pair = Ed25519KeyPair.FromPrivateKey(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(pair.PublicKey));
        Assert.Equal(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            Convert.ToHexStringLower(pair.Sign([])));
    }

    [Fact]
    public void Generated_peer_ids_round_trip_through_text_and_bytes() =>
        Prop.ForAll(Gen.Constant(0).Select(_ => PeerId.FromPublicKey(PublicKey.Ed25519(Ed25519KeyPair.Generate().PublicKey))).ToArbitrary(), peer =>
            PeerId.Parse(peer.ToString()).Value == peer &&
            PeerId.Parse(peer.ToCidString()).Value == peer &&
            PeerId.FromBytes(peer.Bytes).Value == peer).QuickCheckThrowOnFailure();

    [Fact]
    public void Fuzz_key_and_peer_id_decoding_never_throws()
    {
        var random = new Random(7);
        byte[][] valid =
        [
            Convert.FromHexString(SpecEd25519Private),
            Convert.FromHexString(SpecEd25519Public),
            Convert.FromHexString("0024" + SpecEd25519Public),
        ];
        for (var i = 0; i < 100_000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 80)];
                random.NextBytes(input);
            }
            else
            {
                input = (byte[])valid[random.Next(valid.Length)].Clone();
                var mutations = random.Next(1, 4);
                for (var m = 0; m < mutations; m++)
                {
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                }

                input = input[..random.Next(input.Length + 1)];
            }

            _ = PublicKey.Decode(input);
            _ = PeerId.FromBytes(input);
            if (i % 10 == 0)
            {
                // Base58 is quadratic in length; the text path is also fuzzed through multiaddr text.
                _ = PeerId.Parse(Base58Btc.Encode(input));
            }

            if (i % 50 == 0)
            {
                // Private-key decoding derives a public key (slow); one case in fifty is plenty.
                _ = PrivateKey.Decode(input);
            }
        }
    }
}
