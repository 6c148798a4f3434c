using System.Security.Cryptography;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>
/// The node's Ed25519 verifier: NSec (libsodium), checked once per process against the RFC 8032 §7.1 TEST 2 signature
/// (accepted, and rejected altered). The earlier implementations (OpenSSL, BouncyCastle) live with the tests
/// and benchmarks that compare against them.
/// </summary>
internal static class Ed25519Verifiers
{
    private static readonly Lazy<IEd25519Verifier> Selected = new(Select);

    public static IEd25519Verifier Default => Selected.Value;

    private static IEd25519Verifier Select() =>
        PassesKnownAnswer(NSecEd25519Verifier.Instance) ? NSecEd25519Verifier.Instance : throw new CryptographicException("libsodium's Ed25519 fails the RFC 8032 known-answer test");

    internal static bool PassesKnownAnswer(IEd25519Verifier verifier)
    {
        try
        {
            var publicKey = Convert.FromHexString("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
            var signature = Convert.FromHexString(
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
            byte[] message = [0x72];
            var accepts = verifier.Verify(publicKey, message, signature);
            signature[0] ^= 1;
            return accepts && !verifier.Verify(publicKey, message, signature);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
