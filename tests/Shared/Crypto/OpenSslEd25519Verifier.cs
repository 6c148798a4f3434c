namespace Rapport.Libp2p.Security.Crypto;

/// <summary>
/// Ed25519 verification from the system OpenSSL libcrypto (<c>EVP_DigestVerify</c> with an
/// <c>EVP_PKEY_ED25519</c> key). Only constructed when <see cref="LibCryptoLoader.IsAvailable"/>.
/// </summary>
internal sealed class OpenSslEd25519Verifier : IEd25519Verifier
{
    private const int PublicKeySize = 32;
    private const int SignatureSize = 64;

    public static readonly OpenSslEd25519Verifier Instance = new();

    private OpenSslEd25519Verifier()
    {
    }

    public string Name => $"OpenSSL ({LibCryptoLoader.LoadedName})";

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeySize || signature.Length != SignatureSize)
        {
            return false;
        }

        using var key = LibCrypto.EVP_PKEY_new_raw_public_key(LibCrypto.EvpPKeyEd25519, IntPtr.Zero, publicKey, PublicKeySize);
        if (key.IsInvalid)
        {
            LibCrypto.ERR_clear_error();
            return false;
        }

        using var context = LibCrypto.EVP_MD_CTX_new();
        if (context.IsInvalid)
        {
            LibCrypto.ERR_clear_error();
            throw new System.Security.Cryptography.CryptographicException("OpenSSL EVP_MD_CTX_new failed");
        }

        // EVP_DigestVerify returns 1 for a valid signature, 0 for an invalid one and a negative value on other errors
        // (e.g. a public key that is not a curve point): everything but 1 is a rejection.
        var valid = LibCrypto.EVP_DigestVerifyInit(context, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, key) == 1
            && LibCrypto.EVP_DigestVerify(context, signature, SignatureSize, message, (nuint)message.Length) == 1;
        if (!valid)
        {
            LibCrypto.ERR_clear_error();
        }

        return valid;
    }
}
