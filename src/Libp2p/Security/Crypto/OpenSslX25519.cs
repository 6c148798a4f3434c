using System.Security.Cryptography;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>
/// X25519 from the system OpenSSL libcrypto through its EVP API (<c>EVP_PKEY_new_raw_private_key</c>,
/// <c>EVP_PKEY_derive</c>): the audited implementation .NET itself relies on, several times faster than
/// BouncyCastle. Only constructed when <see cref="LibCryptoLoader.IsAvailable"/>.
/// </summary>
internal sealed class OpenSslX25519 : IX25519
{
    public static readonly OpenSslX25519 Instance = new();

    private OpenSslX25519()
    {
    }

    public string Name => $"OpenSSL ({LibCryptoLoader.LoadedName})";

    public X25519PrivateKey Generate()
    {
        Span<byte> privateKey = stackalloc byte[X25519PrivateKey.KeySize];
        RandomNumberGenerator.Fill(privateKey);
        try
        {
            return Import(privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    public X25519PrivateKey Import(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != X25519PrivateKey.KeySize)
        {
            throw new ArgumentException($"an X25519 private key is {X25519PrivateKey.KeySize} bytes, not {privateKey.Length}", nameof(privateKey));
        }

        // OpenSSL derives the public key while importing the private one, so the key object keeps both.
        var key = LibCrypto.EVP_PKEY_new_raw_private_key(LibCrypto.EvpPKeyX25519, IntPtr.Zero, privateKey, (nuint)privateKey.Length);
        if (key.IsInvalid)
        {
            key.Dispose();
            throw Failure("EVP_PKEY_new_raw_private_key");
        }

        var publicKey = new byte[X25519PrivateKey.KeySize];
        var length = (nuint)publicKey.Length;
        if (LibCrypto.EVP_PKEY_get_raw_public_key(key, publicKey, ref length) != 1 || length != (nuint)publicKey.Length)
        {
            key.Dispose();
            throw Failure("EVP_PKEY_get_raw_public_key");
        }

        return new Key(key, publicKey);
    }

    private static CryptographicException Failure(string function)
    {
        LibCrypto.ERR_clear_error();
        return new CryptographicException($"OpenSSL {function} failed for an X25519 key");
    }

    private sealed class Key(EvpPKeyHandle key, byte[] publicKey) : X25519PrivateKey(publicKey)
    {
        protected override bool TryAgreeCore(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
        {
            using var peer = LibCrypto.EVP_PKEY_new_raw_public_key(LibCrypto.EvpPKeyX25519, IntPtr.Zero, peerPublicKey, (nuint)peerPublicKey.Length);
            if (peer.IsInvalid)
            {
                LibCrypto.ERR_clear_error();
                return false;
            }

            using var context = LibCrypto.EVP_PKEY_CTX_new(key, IntPtr.Zero);
            if (context.IsInvalid)
            {
                throw Failure("EVP_PKEY_CTX_new");
            }

            if (LibCrypto.EVP_PKEY_derive_init(context) != 1)
            {
                throw Failure("EVP_PKEY_derive_init");
            }

            // A low-order peer point makes set_peer or derive fail (OpenSSL rejects an all-zero result); that is an
            // expected, remote-caused failure, not a bug.
            var length = (nuint)sharedSecret.Length;
            if (LibCrypto.EVP_PKEY_derive_set_peer(context, peer) != 1
                || LibCrypto.EVP_PKEY_derive(context, sharedSecret, ref length) != 1
                || length != (nuint)SharedSecretSize)
            {
                LibCrypto.ERR_clear_error();
                return false;
            }

            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                key.Dispose();
            }
        }
    }
}
