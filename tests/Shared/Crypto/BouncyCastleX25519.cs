using System.Security.Cryptography;
using Org.BouncyCastle.Security;
using Rfc7748 = Org.BouncyCastle.Math.EC.Rfc7748;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>X25519 from BouncyCastle.Cryptography: the managed reference the other implementations are checked against.</summary>
internal sealed class BouncyCastleX25519 : IX25519
{
    public static readonly BouncyCastleX25519 Instance = new();
    private static readonly SecureRandom Random = new();

    private BouncyCastleX25519()
    {
    }

    public string Name => "BouncyCastle.Cryptography 2.7.0";

    public X25519PrivateKey Generate()
    {
        var privateKey = new byte[KeySize];
        lock (Random)
        {
            Rfc7748.X25519.GeneratePrivateKey(Random, privateKey);
        }

        return new Key(privateKey);
    }

    public X25519PrivateKey Import(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != KeySize)
        {
            throw new ArgumentException($"an X25519 private key is {KeySize} bytes, not {privateKey.Length}", nameof(privateKey));
        }

        return new Key(privateKey.ToArray());
    }

    private const int KeySize = X25519PrivateKey.KeySize;

    private sealed class Key : X25519PrivateKey
    {
        private readonly byte[] _privateKey;

        public Key(byte[] privateKey)
            : base(PublicFrom(privateKey))
        {
            _privateKey = privateKey;
        }

        private static byte[] PublicFrom(byte[] privateKey)
        {
            var publicKey = new byte[KeySize];
            Rfc7748.X25519.GeneratePublicKey(privateKey, 0, publicKey, 0);
            return publicKey;
        }

        protected override bool TryAgreeCore(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
        {
            var peer = peerPublicKey.ToArray();
            var shared = new byte[SharedSecretSize];
            var ok = Rfc7748.X25519.CalculateAgreement(_privateKey, 0, peer, 0, shared, 0);
            shared.CopyTo(sharedSecret);
            CryptographicOperations.ZeroMemory(shared);
            return ok;
        }

        protected override void Dispose(bool disposing) => CryptographicOperations.ZeroMemory(_privateKey);
    }
}
