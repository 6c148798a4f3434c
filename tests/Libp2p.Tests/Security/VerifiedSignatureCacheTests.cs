using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Security;

namespace Rapport.Libp2p.Tests.Security;

public class VerifiedSignatureCacheTests
{
    private static readonly Ed25519KeyPair Pair = Ed25519KeyPair.Generate();
    private static readonly PublicKey Key = PublicKey.Ed25519(Pair.PublicKey);
    private static readonly byte[] Message = [.. NoisePayload.SignaturePrefix, .. new byte[32]];

    [Fact]
    public void A_valid_signature_verifies_both_before_and_after_it_is_cached()
    {
        var cache = new VerifiedSignatureCache(16);
        var signature = Pair.Sign(Message);
        Assert.True(cache.Verify(Key, Message, signature));
        Assert.True(cache.Verify(Key, Message, signature));
    }

    [Fact]
    public void A_cached_success_does_not_vouch_for_any_other_bytes()
    {
        var cache = new VerifiedSignatureCache(16);
        var signature = Pair.Sign(Message);
        Assert.True(cache.Verify(Key, Message, signature));

        var badSignature = signature.ToArray();
        badSignature[10] ^= 1;
        Assert.False(cache.Verify(Key, Message, badSignature));
        Assert.False(cache.Verify(Key, [.. Message, 0], signature));
        Assert.False(cache.Verify(PublicKey.Ed25519(Ed25519KeyPair.Generate().PublicKey), Message, signature));
    }

    [Fact]
    public void Failures_are_never_cached()
    {
        var cache = new VerifiedSignatureCache(16);
        var signature = Pair.Sign(Message);
        signature[0] ^= 1;
        Assert.False(cache.Verify(Key, Message, signature));
        Assert.False(cache.Verify(Key, Message, signature));
    }

    [Fact]
    public void The_cache_stays_bounded_and_still_answers_correctly_after_starting_over()
    {
        var cache = new VerifiedSignatureCache(4);
        var messages = Enumerable.Range(0, 10).Select(i => new[] { (byte)i }).ToArray();
        var signatures = messages.Select(m => Pair.Sign(m)).ToArray();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < messages.Length; i++)
            {
                Assert.True(cache.Verify(Key, messages[i], signatures[i]));
                Assert.InRange(cache.Count, 1, 4);
            }
        }
    }

    [Fact]
    public void Capacity_zero_disables_caching_but_not_verification()
    {
        var cache = new VerifiedSignatureCache(0);
        var signature = Pair.Sign(Message);
        Assert.True(cache.Verify(Key, Message, signature));
        Assert.Equal(0, cache.Count);
        signature[5] ^= 1;
        Assert.False(cache.Verify(Key, Message, signature));
    }
}
