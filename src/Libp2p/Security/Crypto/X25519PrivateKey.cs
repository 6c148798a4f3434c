using System.Security.Cryptography;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>
/// An X25519 private key with its public key computed once. Agreement may be called from several threads at once
/// (a node's static Noise key serves every handshake).
/// </summary>
internal abstract class X25519PrivateKey : IDisposable
{
    public const int KeySize = 32;
    public const int SharedSecretSize = 32;

    private readonly byte[] _publicKey;

    protected X25519PrivateKey(byte[] publicKey)
    {
        _publicKey = publicKey;
    }

    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>
    /// Computes the shared secret with <paramref name="peerPublicKey"/>. Returns false (and leaves
    /// <paramref name="sharedSecret"/> zeroed) when the peer key has the wrong length or is a low-order point, i.e. the
    /// result would be all zeros (RFC 7748 §6.1): Noise must then abort instead of continuing with a known key.
    /// </summary>
    public bool TryAgree(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        if (peerPublicKey.Length != KeySize || sharedSecret.Length != SharedSecretSize)
        {
            return false;
        }

        // Checked here as well as inside each implementation so both behave the same whatever they do themselves.
        if (!TryAgreeCore(peerPublicKey, sharedSecret) || IsAllZero(sharedSecret))
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
            return false;
        }

        return true;
    }

    protected abstract bool TryAgreeCore(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret);

    private static bool IsAllZero(ReadOnlySpan<byte> secret)
    {
        Span<byte> zeros = stackalloc byte[SharedSecretSize];
        zeros.Clear();
        return CryptographicOperations.FixedTimeEquals(secret, zeros);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
