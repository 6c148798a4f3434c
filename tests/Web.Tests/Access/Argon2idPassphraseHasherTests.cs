using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Rapport.Adapters.Web.Access;

namespace Rapport.Adapters.Web.Tests.Access;

/// <summary>Argon2id through libsodium, checked against BouncyCastle's RFC 9106 implementation and against bad stored forms.</summary>
public sealed class Argon2idPassphraseHasherTests
{
    // Small parameters keep the tests quick; the node's default (64 MiB, 3 passes) is checked once.
    private static readonly Argon2idPassphraseHasher Hasher = new(memoryKiB: 8 * 1024, passes: 2);

    [Fact]
    public void The_right_passphrase_verifies_and_any_other_does_not()
    {
        var stored = Hasher.Hash("correct horse battery staple");

        Assert.True(Hasher.Verify("correct horse battery staple", stored));
        Assert.False(Hasher.Verify("correct horse battery stapl", stored));
        Assert.False(Hasher.Verify("Correct horse battery staple", stored));
        Assert.False(Hasher.Verify(string.Empty, stored));
    }

    [Fact]
    public void Each_hash_has_its_own_salt()
    {
        Assert.NotEqual(Hasher.Hash("correct horse battery staple"), Hasher.Hash("correct horse battery staple"));
    }

    [Fact]
    public void The_stored_form_is_a_phc_string_whose_hash_is_rfc_9106_argon2id()
    {
        var stored = Hasher.Hash("pässphrase with ünïcode");
        var parts = stored.Split('$');

        Assert.Equal(["", "argon2id", "v=19", "m=8192,t=2,p=1"], parts[..4]);
        var salt = FromBase64(parts[4]);
        var hash = FromBase64(parts[5]);
        Assert.Equal(16, salt.Length);
        var reference = new Argon2BytesGenerator();
        reference.Init(new Argon2Parameters.Builder(Argon2Parameters.Argon2id)
            .WithVersion(Argon2Parameters.Version13).WithMemoryAsKB(8 * 1024).WithIterations(2).WithParallelism(1).WithSalt(salt).Build());
        var expected = new byte[hash.Length];
        reference.GenerateBytes(Encoding.UTF8.GetBytes("pässphrase with ünïcode"), expected);
        Assert.Equal(expected, hash);
    }

    [Fact]
    public void A_hash_keeps_its_parameters_so_a_hasher_with_other_defaults_still_verifies_it()
    {
        var stored = Hasher.Hash("correct horse battery staple");

        Assert.True(new Argon2idPassphraseHasher().Verify("correct horse battery staple", stored));
        Assert.StartsWith("$argon2id$v=19$m=65536,t=3,p=1$", new Argon2idPassphraseHasher().Hash("x"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("$argon2i$v=19$m=8192,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=8192,t=2,p=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=8192,t=0,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=8192,t=2,p=1$!!notbase64!!$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=8192,t=2,p=1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=8192,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA")]
    [InlineData("$argon2id$v=19$m=8192,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA")]
    public void A_stored_form_it_cannot_read_verifies_nothing(string stored)
    {
        Assert.False(Hasher.Verify("anything at all", stored));
    }

    private static byte[] FromBase64(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
