using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Rapport.Libp2p.Identity;
using DomainPeerId = Rapport.Domain.Peers.PeerId;
using Libp2pPeerId = Rapport.Libp2p.Identity.PeerId;

namespace Rapport.Host.Tests.Architecture;

/// <summary>
/// The Domain and the libp2p library each parse peer ids (neither may depend on the other). They must not drift:
/// whatever the library accepts the Domain accepts with the same canonical text, and whatever the Domain refuses the
/// library refuses. The library is stricter in one way only: an inline (identity) key must decode as a public key.
/// </summary>
public sealed class PeerIdAgreementTests
{
    [Fact]
    public void Real_peer_ids_in_every_form_read_the_same_in_both()
    {
        for (var i = 0; i < 50; i++)
        {
            var id = NodeIdentity.Generate().PeerId;
            foreach (var text in (string[])[id.ToString(), id.ToCidString(), " " + id + "\n"])
            {
                var domain = DomainPeerId.Parse(text);
                var library = Libp2pPeerId.Parse(text);
                Assert.True(domain.IsSuccess && library.IsSuccess, text);
                Assert.Equal(domain.Value.Value, library.Value.ToString());
                Assert.Equal(domain.Value.ToCidString(), library.Value.ToCidString());
            }
        }
    }

    [Fact]
    public void Mutated_and_random_text_gets_one_answer_from_both()
    {
        var id = NodeIdentity.Generate().PeerId;
        string[] seeds = [id.ToString(), id.ToCidString(), "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N", "bafzaajaiaejcb", ""];
        const string alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl+/= \t";
        var cases = Gen.Zip(Gen.Elements(seeds), Gen.Zip(Gen.Choose(0, 3), Gen.Zip(Gen.Choose(0, 200), Gen.Elements(alphabet.ToCharArray()))));
        Prop.ForAll(Arb.From(cases), c =>
        {
            var (seed, (mutation, (position, character))) = c;
            var text = mutation switch
            {
                0 => seed,
                1 when seed.Length > 0 => seed.Remove(position % seed.Length, 1).Insert(position % seed.Length, character.ToString()),
                2 when seed.Length > 0 => seed[..(position % seed.Length)],
                _ => seed + new string(character, position % 5),
            };
            var domain = DomainPeerId.Parse(text);
            var library = Libp2pPeerId.Parse(text);
            return library.IsSuccess
                ? domain.IsSuccess && domain.Value.Value == library.Value.ToString()
                : domain.IsFailure || !HoldsAPublicKey(domain.Value);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_multihash_bytes_get_one_answer_from_both()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 80).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n))), bytes =>
        {
            byte[] sha = [0x12, 0x20, .. SHA256.HashData(bytes)];
            foreach (var candidate in (byte[][])[bytes, sha, [0x00, (byte)bytes.Length, .. bytes]])
            {
                var domain = DomainPeerId.FromMultihash(candidate);
                var library = Libp2pPeerId.FromBytes(candidate);
                var agree = library.IsSuccess
                    ? domain.IsSuccess && domain.Value.Value == library.Value.ToString()
                    : domain.IsFailure || !HoldsAPublicKey(domain.Value);
                if (!agree)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    // The one rule only the library applies: an identity multihash must hold a decodable public key.
    private static bool HoldsAPublicKey(DomainPeerId id) =>
        id.Bytes[0] != 0x00 || PublicKey.Decode(id.Bytes[2..]).IsSuccess;
}
