using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;

namespace Rapport.Libp2p.Tests.Addressing;

public class MultiaddrTests
{
    private const string Peer = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

    [Theory]
    [InlineData("/ip4/127.0.0.1/tcp/4001", "047f000001060fa1")]
    [InlineData("/ip4/0.0.0.0/udp/0", "040000000091020000")]
    [InlineData("/ip6/::1/tcp/80", "2900000000000000000000000000000001060050")]
    [InlineData("/dns4/example.com/tcp/443", "360b6578616d706c652e636f6d0601bb")]
    [InlineData("/ip4/1.2.3.4/udp/443/quic-v1", "0401020304910201bbcd03")]
    public void Text_and_binary_forms_match_the_multiaddr_table(string text, string hex)
    {
        var parsed = Multiaddr.Parse(text);
        Assert.True(parsed.IsSuccess, parsed.IsFailure ? parsed.Error.ToString() : null);
        Assert.Equal(hex, Convert.ToHexStringLower(parsed.Value.Bytes));
        var decoded = Multiaddr.TryDecode(Convert.FromHexString(hex)).Value;
        Assert.Equal(text, decoded.ToString());
        Assert.Equal(parsed.Value, decoded);
    }

    [Fact]
    public void P2p_component_holds_a_peer_id_in_base58_or_cid_text()
    {
        var peer = PeerId.Parse(Peer).Value;
        var address = Multiaddr.Parse($"/ip4/10.0.0.1/tcp/4001/p2p/{Peer}").Value;
        Assert.Equal(peer, address.PeerId);
        var viaCid = Multiaddr.Parse($"/ip4/10.0.0.1/tcp/4001/p2p/{peer.ToCidString()}").Value;
        Assert.Equal(address, viaCid);
        Assert.Equal($"/ip4/10.0.0.1/tcp/4001/p2p/{Peer}", viaCid.ToString());
        Assert.Equal(address, Multiaddr.Parse($"/ip4/10.0.0.1/tcp/4001/ipfs/{Peer}").Value);
    }

    [Fact]
    public void With_appends_or_replaces_the_peer_id()
    {
        var bare = Multiaddr.Parse("/ip6/::1/tcp/4001").Value;
        var peer = PeerId.Parse(Peer).Value;
        var other = NodeIdentity.Generate().PeerId;
        var withPeer = bare.With(peer);
        Assert.Equal(peer, withPeer.PeerId);
        Assert.Equal(other, withPeer.With(other).PeerId);
        Assert.Equal(bare, withPeer.WithoutPeerId());
        Assert.Null(bare.PeerId);
    }

    [Fact]
    public void ToEndPoint_maps_ip_and_dns_addresses()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 4001), Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001").Value.ToEndPoint().Value);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 1), Multiaddr.Parse("/ip6/::1/tcp/1").Value.ToEndPoint().Value);
        var dns = Assert.IsType<DnsEndPoint>(Multiaddr.Parse("/dns6/example.com/tcp/443").Value.ToEndPoint().Value);
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, dns.AddressFamily);
        Assert.Equal(MultiaddrErrors.NotTcp, Multiaddr.Parse("/ip4/1.2.3.4/udp/1").Value.ToEndPoint().Error.Code);
    }

    [Theory]
    [InlineData("", "MULTIADDR_EMPTY")]
    [InlineData("ip4/1.2.3.4", "MULTIADDR_SYNTAX")]
    [InlineData("/ip4/1.2.3", "MULTIADDR_VALUE")]
    [InlineData("/ip4/256.0.0.1", "MULTIADDR_VALUE")]
    [InlineData("/ip4/1.2.3.4/tcp", "MULTIADDR_SYNTAX")]
    [InlineData("/ip4/1.2.3.4/tcp/65536", "MULTIADDR_VALUE")]
    [InlineData("/ip4/1.2.3.4/tcp/-1", "MULTIADDR_VALUE")]
    [InlineData("/ip6/1.2.3.4", "MULTIADDR_VALUE")]
    [InlineData("/foo/1", "MULTIADDR_PROTOCOL")]
    [InlineData("/p2p/notapeerid", "MULTIADDR_VALUE")]
    [InlineData("/dns4/bad name/tcp/1", "MULTIADDR_VALUE")]
    public void Malformed_text_is_rejected_with_a_named_error(string text, string code) =>
        Assert.Equal(code, Multiaddr.Parse(text).Error.Code.Value);

    [Theory]
    [InlineData("", "MULTIADDR_EMPTY")]
    [InlineData("047f0000", "MULTIADDR_TRUNCATED")]
    [InlineData("ff", "MULTIADDR_BINARY")]
    [InlineData("7f", "MULTIADDR_PROTOCOL")]
    [InlineData("360a6578", "MULTIADDR_TRUNCATED")]
    [InlineData("a50300", "MULTIADDR_VALUE")]
    public void Malformed_binary_is_rejected_with_a_named_error(string hex, string code) =>
        Assert.Equal(code, Multiaddr.TryDecode(Convert.FromHexString(hex)).Error.Code.Value);

    [Fact]
    public void Generated_addresses_round_trip_through_text_and_binary()
    {
        var peer = PeerId.Parse(Peer).Value;
        var gen =
            from ip in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 4)
            from v6 in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 16)
            from useV6 in Gen.Elements(true, false)
            from port in Gen.Choose(0, 65535)
            from transport in Gen.Elements("tcp", "udp")
            from withPeer in Gen.Elements(true, false)
            select $"/{(useV6 ? "ip6" : "ip4")}/{new IPAddress(useV6 ? v6 : ip)}/{transport}/{port}" + (withPeer ? $"/p2p/{peer}" : string.Empty);
        Prop.ForAll(gen.ToArbitrary(), text =>
        {
            var parsed = Multiaddr.Parse(text).Value;
            var decoded = Multiaddr.TryDecode(parsed.Bytes).Value;
            return decoded == parsed && Multiaddr.Parse(decoded.ToString()).Value == parsed;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Fuzz_binary_decoding_never_throws_and_decoded_values_round_trip()
    {
        var random = new Random(99);
        byte[][] valid =
        [
            Multiaddr.Parse($"/ip4/127.0.0.1/tcp/4001/p2p/{Peer}").Value.Bytes.ToArray(),
            Multiaddr.Parse("/ip6/::1/tcp/80").Value.Bytes.ToArray(),
            Multiaddr.Parse("/dns4/example.com/tcp/443/wss").Value.Bytes.ToArray(),
        ];
        for (var i = 0; i < 100_000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 64)];
                random.NextBytes(input);
                if (input.Length > 0)
                {
                    // Bias towards known protocol codes so the decoder gets past the first byte.
                    input[0] = (byte)(new[] { 4, 6, 41, 54, 0x91 }[random.Next(5)]);
                }
            }
            else
            {
                input = (byte[])valid[random.Next(valid.Length)].Clone();
                input[random.Next(input.Length)] = (byte)random.Next(256);
                input = input[..random.Next(input.Length + 1)];
            }

            var decoded = Multiaddr.TryDecode(input);
            if (decoded.IsSuccess)
            {
                var text = decoded.Value.ToString();
                var reparsed = Multiaddr.Parse(text);
                Assert.True(reparsed.IsSuccess, $"{text}: {(reparsed.IsFailure ? reparsed.Error : null)}");
                Assert.Equal(decoded.Value, reparsed.Value);
            }
        }
    }

    [Fact]
    public void Fuzz_text_parsing_never_throws()
    {
        var random = new Random(5);
        string[] valid = [$"/ip4/127.0.0.1/tcp/4001/p2p/{Peer}", "/ip6/fe80::1/udp/9/quic-v1", "/dns/a.example/tcp/1/ws"];
        const string alphabet = "/0123456789abcdefipntcudqsw.:-_%";
        for (var i = 0; i < 100_000; i++)
        {
            var chars = valid[random.Next(valid.Length)].ToCharArray();
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits; e++)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars, 0, random.Next(chars.Length + 1));
            var parsed = Multiaddr.Parse(text);
            if (parsed.IsSuccess)
            {
                Assert.Equal(parsed.Value, Multiaddr.TryDecode(parsed.Value.Bytes).Value);
            }
        }
    }
}
