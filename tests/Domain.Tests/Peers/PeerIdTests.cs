using Rapport.Domain.Peers;
using Rapport.Domain.Peers.Encoding;

namespace Rapport.Domain.Tests.Peers;

/// <summary>The node's one peer-id parser follows the libp2p rules: base58btc or CIDv1 text of a key's multihash.</summary>
public sealed class PeerIdTests
{
    private const string Ed25519 = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

    [Fact]
    public void An_ed25519_id_parses_and_its_cid_form_is_the_same_id()
    {
        var id = PeerId.Parse(Ed25519).Value;

        Assert.Equal(Ed25519, id.Value);
        Assert.StartsWith("bafz", id.ToCidString(), StringComparison.Ordinal);
        Assert.Equal(id, PeerId.Parse(id.ToCidString()).Value);
    }

    [Fact]
    public void A_sha256_id_parses()
    {
        var hashed = Base58Btc.Encode(Multihash.Sha2_256("a long RSA key"u8).Bytes);

        Assert.StartsWith("Qm", hashed, StringComparison.Ordinal);
        Assert.True(PeerId.Parse(hashed).IsSuccess);
    }

    [Theory]
    [InlineData("", "PEER_ID_EMPTY")]
    [InlineData("12D3KooW0000000000000000000000000000000000000000000", "PEER_ID_INVALID")]
    [InlineData("12D3KooWBusiness1111111111111111111111111111111", "PEER_ID_INVALID")]
    [InlineData("hello", "PEER_ID_INVALID")]
    [InlineData("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "PEER_ID_INVALID")]
    public void Anything_else_is_refused_with_why(string text, string code)
    {
        var parsed = PeerId.Parse(text, "customer");

        Assert.Equal(code, parsed.Error.Code.Value);
        Assert.Equal("customer", parsed.Error.Field);
    }

    [Fact]
    public void An_inline_key_longer_than_42_bytes_is_refused()
    {
        var tooLong = Base58Btc.Encode(Multihash.Identity(new byte[43]).Bytes);

        Assert.Contains("1..42 key bytes, not 43", PeerId.Parse(tooLong).Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_longer_than_any_peer_id_is_refused_before_decoding()
    {
        Assert.Equal(PeerErrors.PeerIdInvalid, PeerId.Parse("1" + new string('z', PeerId.MaxTextLength)).Error.Code);
    }
}
