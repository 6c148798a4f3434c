using System.Security.Cryptography;

namespace Rapport.Libp2p.Security;

/// <summary>Noise SymmetricState (Noise spec §5.2) for SHA-256 and ChaChaPoly.</summary>
internal sealed class SymmetricState : IDisposable
{
    private const int HashLen = 32;
    private readonly byte[] _ck = new byte[HashLen];
    private readonly byte[] _h = new byte[HashLen];
    private CipherState? _cipher;

    public SymmetricState(string protocolName)
    {
        var name = System.Text.Encoding.ASCII.GetBytes(protocolName);
        if (name.Length <= HashLen)
        {
            name.CopyTo(_h, 0);
        }
        else
        {
            SHA256.HashData(name, _h);
        }

        _h.CopyTo(_ck, 0);
    }

    public ReadOnlySpan<byte> HandshakeHash => _h;

    public void MixHash(ReadOnlySpan<byte> data)
    {
        // Handshake data is small (keys, payloads under 64 KiB); hash h ‖ data in one call.
        var length = HashLen + data.Length;
        var rented = length <= 1024 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        Span<byte> input = rented ?? stackalloc byte[1024];
        _h.CopyTo(input);
        data.CopyTo(input[HashLen..]);
        SHA256.HashData(input[..length], _h);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void MixKey(ReadOnlySpan<byte> inputKeyMaterial)
    {
        Span<byte> tempK = stackalloc byte[HashLen];
        Hkdf(_ck, inputKeyMaterial, _ck, tempK);
        _cipher?.Dispose();
        _cipher = new CipherState(tempK);
        CryptographicOperations.ZeroMemory(tempK);
    }

    public byte[] EncryptAndHash(ReadOnlySpan<byte> plaintext)
    {
        byte[] ciphertext;
        if (_cipher is null)
        {
            ciphertext = plaintext.ToArray();
        }
        else
        {
            ciphertext = new byte[plaintext.Length + CipherState.TagSize];
            _cipher.Encrypt(_h, plaintext, ciphertext);
        }

        MixHash(ciphertext);
        return ciphertext;
    }

    public byte[]? DecryptAndHash(ReadOnlySpan<byte> ciphertext)
    {
        byte[] plaintext;
        if (_cipher is null)
        {
            plaintext = ciphertext.ToArray();
        }
        else
        {
            if (ciphertext.Length < CipherState.TagSize)
            {
                return null;
            }

            plaintext = new byte[ciphertext.Length - CipherState.TagSize];
            if (!_cipher.TryDecrypt(_h, ciphertext, plaintext))
            {
                return null;
            }
        }

        MixHash(ciphertext);
        return plaintext;
    }

    /// <summary>Returns the (initiator→responder, responder→initiator) transport ciphers.</summary>
    public (CipherState First, CipherState Second) Split()
    {
        Span<byte> k1 = stackalloc byte[HashLen];
        Span<byte> k2 = stackalloc byte[HashLen];
        Hkdf(_ck, ReadOnlySpan<byte>.Empty, k1, k2);
        var result = (new CipherState(k1), new CipherState(k2));
        CryptographicOperations.ZeroMemory(k1);
        CryptographicOperations.ZeroMemory(k2);
        return result;
    }

    /// <summary>The two-output HKDF of Noise spec §4.3 built on HMAC-SHA256.</summary>
    private static void Hkdf(ReadOnlySpan<byte> chainingKey, ReadOnlySpan<byte> ikm, Span<byte> out1, Span<byte> out2)
    {
        Span<byte> temp = stackalloc byte[HashLen];
        HMACSHA256.HashData(chainingKey, ikm, temp);
        Span<byte> one = [0x01];
        HMACSHA256.HashData(temp, one, out1);
        Span<byte> input = stackalloc byte[HashLen + 1];
        out1.CopyTo(input);
        input[HashLen] = 0x02;
        HMACSHA256.HashData(temp, input, out2);
        CryptographicOperations.ZeroMemory(temp);
    }

    public void Dispose()
    {
        _cipher?.Dispose();
        CryptographicOperations.ZeroMemory(_ck);
    }
}
