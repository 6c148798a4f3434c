using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Rapport.Libp2p.Security;

/// <summary>Noise CipherState for ChaChaPoly: a key and a 64-bit nonce counter (Noise spec §5.1).</summary>
internal sealed class CipherState : IDisposable
{
    public const int TagSize = 16;
    private readonly ChaCha20Poly1305 _aead;
    private ulong _nonce;

    public CipherState(ReadOnlySpan<byte> key)
    {
        _aead = new ChaCha20Poly1305(key);
    }

    public ulong Nonce => _nonce;

    /// <summary>Encrypts into <paramref name="destination"/> (plaintext length + 16-byte tag).</summary>
    public void Encrypt(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        _aead.Encrypt(nonce, plaintext, destination[..plaintext.Length], destination.Slice(plaintext.Length, TagSize), ad);
    }

    /// <summary>Decrypts <paramref name="ciphertext"/> (with trailing tag); plaintext may overlap it exactly.</summary>
    public bool TryDecrypt(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        if (ciphertext.Length < TagSize)
        {
            return false;
        }

        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        var body = ciphertext.Length - TagSize;
        try
        {
            _aead.Decrypt(nonce, ciphertext[..body], ciphertext[body..], plaintext[..body], ad);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private void NextNonce(Span<byte> nonce)
    {
        // 2^64-1 is reserved by the Noise spec; a connection that gets here must be re-established.
        if (_nonce == ulong.MaxValue)
        {
            throw new IOException("noise: nonce space exhausted; the connection must be re-established");
        }

        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], _nonce++);
    }

    /// <summary>Test hook to exercise nonce exhaustion without 2^64 messages.</summary>
    internal void SetNonceForTesting(ulong nonce) => _nonce = nonce;

    public void Dispose() => _aead.Dispose();
}
