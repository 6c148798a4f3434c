using Org.BouncyCastle.Math.EC.Rfc8032;
using Org.BouncyCastle.Security;

namespace Rapport.Adapters.Libp2p.Identity;

/// <summary>An Ed25519 signing key (RFC 8032) with its public key.</summary>
public sealed class Ed25519KeyPair
{
    public const int PrivateKeySize = 32;
    public const int PublicKeySize = 32;
    public const int SignatureSize = 64;

    private static readonly SecureRandom Random = new();
    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey;

    private Ed25519KeyPair(byte[] privateKey)
    {
        _privateKey = privateKey;
        _publicKey = new byte[PublicKeySize];
        Ed25519.GeneratePublicKey(_privateKey, 0, _publicKey, 0);
    }

    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The 32-byte seed; treat as secret.</summary>
    public ReadOnlySpan<byte> PrivateKey => _privateKey;

    public static Ed25519KeyPair Generate()
    {
        var sk = new byte[PrivateKeySize];
        lock (Random)
        {
            Ed25519.GeneratePrivateKey(Random, sk);
        }

        return new Ed25519KeyPair(sk);
    }

    public static Ed25519KeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize)
        {
            throw new ArgumentException($"an Ed25519 private key is {PrivateKeySize} bytes, not {privateKey.Length}", nameof(privateKey));
        }

        return new Ed25519KeyPair(privateKey.ToArray());
    }

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var m = message.ToArray();
        var signature = new byte[SignatureSize];
        // Passing the public key avoids recomputing it on every signature.
        Ed25519.Sign(_privateKey, 0, _publicKey, 0, m, 0, m.Length, signature, 0);
        return signature;
    }

    /// <summary>Verifies with OpenSSL when the system libcrypto is usable, BouncyCastle otherwise.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Security.Crypto.Ed25519Verifiers.Default.Verify(publicKey, message, signature);
}
