using System.Security.Cryptography;
using NSec.Cryptography;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>X25519 from NSec (libsodium): the node's implementation.</summary>
internal sealed class NSecX25519 : IX25519
{
    public static readonly NSecX25519 Instance = new();

    private static readonly KeyAgreementAlgorithm Algorithm = KeyAgreementAlgorithm.X25519;

    private NSecX25519()
    {
    }

    public string Name => "NSec 26.4.0 (libsodium)";

    public X25519PrivateKey Generate() => new SodiumKey(Key.Create(Algorithm));

    public X25519PrivateKey Import(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != X25519PrivateKey.KeySize)
        {
            throw new ArgumentException($"an X25519 private key is {X25519PrivateKey.KeySize} bytes, not {privateKey.Length}", nameof(privateKey));
        }

        return new SodiumKey(Key.Import(Algorithm, privateKey, KeyBlobFormat.RawPrivateKey));
    }

    private sealed class SodiumKey(Key key) : X25519PrivateKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey))
    {
        protected override bool TryAgreeCore(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
        {
            if (!NSec.Cryptography.PublicKey.TryImport(Algorithm, peerPublicKey, KeyBlobFormat.RawPublicKey, out var peer) || peer is null)
            {
                return false;
            }

            // libsodium refuses an all-zero result itself (a low-order peer key): no secret then.
            using var secret = Algorithm.Agree(key, peer, new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            if (secret is null)
            {
                return false;
            }

            var raw = secret.Export(SharedSecretBlobFormat.RawSharedSecret);
            raw.CopyTo(sharedSecret);
            CryptographicOperations.ZeroMemory(raw);
            return true;
        }

        protected override void Dispose(bool disposing) => key.Dispose();
    }
}
