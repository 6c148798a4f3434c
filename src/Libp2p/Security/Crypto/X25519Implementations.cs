namespace Rapport.Libp2p.Security.Crypto;

/// <summary>
/// The node's X25519, checked once per process against the RFC 7748 §6.1 Diffie-Hellman example: OpenSSL when libcrypto
/// loads, else NSec (libsodium). NSec's agreement puts every shared secret and ephemeral key in libsodium's guarded
/// memory (mmap, mprotect, mlock, munmap per key), which doubled the CPU of a whole Noise handshake in the same-run
/// benchmark (docs/benchmarks.md, issue 10), so it is the fallback, not the default, until that is solved.
/// </summary>
internal static class X25519Implementations
{
    private static readonly Lazy<IX25519> Selected = new(Select);

    public static IX25519 Default => Selected.Value;

    private static IX25519 Select() =>
        LibCryptoLoader.IsAvailable && PassesKnownAnswer(OpenSslX25519.Instance) ? OpenSslX25519.Instance
        : PassesKnownAnswer(NSecX25519.Instance) ? NSecX25519.Instance
        : throw new System.Security.Cryptography.CryptographicException("no X25519 implementation passes the RFC 7748 known-answer test");

    /// <summary>RFC 7748 §6.1: Alice's and Bob's key pairs and their shared secret.</summary>
    internal static bool PassesKnownAnswer(IX25519 implementation)
    {
        try
        {
            using var alice = implementation.Import(Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
            using var bob = implementation.Import(Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
            Span<byte> shared = stackalloc byte[X25519PrivateKey.SharedSecretSize];
            return alice.PublicKey.SequenceEqual(Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
                && bob.PublicKey.SequenceEqual(Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))
                && alice.TryAgree(bob.PublicKey, shared)
                && shared.SequenceEqual(Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
