using FsCheck;
using FsCheck.Fluent;
using Rapport.Libp2p.Security.Crypto;

namespace Rapport.Libp2p.Tests.Security.Crypto;

/// <summary>Both X25519 implementations against RFC 7748 and against each other.</summary>
public class X25519ImplementationTests
{
    public static TheoryData<string> Implementations => X25519Under.Names;

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static byte[] ScalarMult(IX25519 x, byte[] scalar, byte[] u)
    {
        using var key = x.Import(scalar);
        var shared = new byte[X25519PrivateKey.SharedSecretSize];
        Assert.True(key.TryAgree(u, shared));
        return shared;
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Rfc7748_section_5_2_scalar_multiplication_vectors(string implementation)
    {
        var x = X25519Under.Get(implementation);
        Assert.Equal(
            "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
            Convert.ToHexStringLower(ScalarMult(x, Hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"), Hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))));
        // This u-coordinate has its top bit set, which must be ignored (§5).
        Assert.Equal(
            "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
            Convert.ToHexStringLower(ScalarMult(x, Hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"), Hex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"))));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Rfc7748_section_5_2_iterated_vector_after_1_and_1000_iterations(string implementation)
    {
        var x = X25519Under.Get(implementation);
        var k = Hex("0900000000000000000000000000000000000000000000000000000000000000");
        var u = k.ToArray();
        for (var i = 1; i <= 1000; i++)
        {
            var next = ScalarMult(x, k, u);
            u = k;
            k = next;
            if (i == 1)
            {
                Assert.Equal("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", Convert.ToHexStringLower(k));
            }
        }

        Assert.Equal("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", Convert.ToHexStringLower(k));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Rfc7748_section_6_1_diffie_hellman(string implementation)
    {
        var x = X25519Under.Get(implementation);
        Assert.True(X25519Implementations.PassesKnownAnswer(x));
        using var alice = x.Import(Hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        using var bob = x.Import(Hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Convert.ToHexStringLower(alice.PublicKey));
        Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", Convert.ToHexStringLower(bob.PublicKey));
        var ab = new byte[32];
        var ba = new byte[32];
        Assert.True(alice.TryAgree(bob.PublicKey, ab));
        Assert.True(bob.TryAgree(alice.PublicKey, ba));
        Assert.Equal("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", Convert.ToHexStringLower(ab));
        Assert.Equal(ab, ba);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Low_order_points_are_rejected_and_leave_no_secret_behind(string implementation)
    {
        var x = X25519Under.Get(implementation);
        using var key = x.Generate();
        foreach (var point in X25519Under.LowOrderPoints)
        {
            var shared = new byte[32];
            Array.Fill(shared, (byte)0xAA);
            Assert.False(key.TryAgree(Hex(point), shared), point);
            Assert.All(shared, b => Assert.Equal(0, b));
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Wrong_lengths_are_rejected_not_thrown(string implementation)
    {
        var x = X25519Under.Get(implementation);
        using var key = x.Generate();
        Assert.False(key.TryAgree(new byte[31], new byte[32]));
        Assert.False(key.TryAgree(new byte[33], new byte[32]));
        Assert.False(key.TryAgree(key.PublicKey, new byte[16]));
        Assert.Throws<ArgumentException>(() => x.Import(new byte[31]));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Generated_keys_are_distinct_and_agree_with_each_other(string implementation)
    {
        var x = X25519Under.Get(implementation);
        using var a = x.Generate();
        using var b = x.Generate();
        Assert.False(a.PublicKey.SequenceEqual(b.PublicKey));
        var ab = new byte[32];
        var ba = new byte[32];
        Assert.True(a.TryAgree(b.PublicKey, ab));
        Assert.True(b.TryAgree(a.PublicKey, ba));
        Assert.Equal(ab, ba);
    }

    [Theory]
    [InlineData(X25519Under.NSec)]
    [InlineData(X25519Under.OpenSsl)]
    public void An_implementation_agrees_with_BouncyCastle_on_public_keys_and_shared_secrets_for_random_inputs(string name)
    {
        var openSsl = X25519Under.Get(name);
        var bouncy = X25519Under.Get(X25519Under.BouncyCastle);
        var bytes32 = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32);
        Prop.ForAll(Arb.From(Gen.Zip(bytes32, bytes32)), pair =>
        {
            var (scalar, u) = pair;
            using var o = openSsl.Import(scalar);
            using var b = bouncy.Import(scalar);
            var fromOpenSsl = new byte[32];
            var fromBouncy = new byte[32];
            var okOpenSsl = o.TryAgree(u, fromOpenSsl);
            var okBouncy = b.TryAgree(u, fromBouncy);
            return o.PublicKey.SequenceEqual(b.PublicKey) && okOpenSsl == okBouncy && fromOpenSsl.AsSpan().SequenceEqual(fromBouncy);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_default_on_linux_is_OpenSsl_with_NSec_as_the_fallback()
    {
        // OpenSSL's agreement costs half of NSec's in a whole handshake (docs/benchmarks.md, issue 10).
        Assert.Same(LibCryptoLoader.IsAvailable ? OpenSslX25519.Instance : NSecX25519.Instance, X25519Implementations.Default);
        if (OperatingSystem.IsLinux())
        {
            Assert.True(LibCryptoLoader.IsAvailable);
        }
    }

    [Fact]
    public void A_static_key_serves_concurrent_agreements()
    {
        var x = X25519Under.Get(X25519Under.OpenSsl);
        using var shared = x.Generate();
        using var peer = x.Generate();
        var expected = new byte[32];
        Assert.True(peer.TryAgree(shared.PublicKey, expected));
        Parallel.For(0, 2000, _ =>
        {
            var secret = new byte[32];
            Assert.True(shared.TryAgree(peer.PublicKey, secret));
            Assert.Equal(expected, secret);
        });
    }
}
