using Rapport.Libp2p.Encoding;

namespace Rapport.Libp2p.Identity;

/// <summary>
/// The libp2p <c>PrivateKey { KeyType Type = 1; bytes Data = 2; }</c> message, used only for storage.
/// Only Ed25519 is supported: Data is seed ‖ public key (64 bytes; the legacy 96-byte form repeats the public key).
/// </summary>
public static class PrivateKey
{
    public static byte[] Encode(Ed25519KeyPair keyPair)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        var data = new byte[Ed25519KeyPair.PrivateKeySize + Ed25519KeyPair.PublicKeySize];
        keyPair.PrivateKey.CopyTo(data);
        keyPair.PublicKey.CopyTo(data.AsSpan(Ed25519KeyPair.PrivateKeySize));
        var bytes = new ProtoWriter().WriteVarintField(1, (ulong)KeyType.Ed25519).WriteBytesField(2, data).ToArray();
        Array.Clear(data);
        return bytes;
    }

    public static Result<Ed25519KeyPair> Decode(ReadOnlySpan<byte> protobuf)
    {
        var fields = KeyFields.Decode(protobuf, "private key", 4096);
        if (fields.IsFailure)
        {
            return fields.Error;
        }

        var (type, data) = fields.Value;
        try
        {
            if (type != KeyType.Ed25519)
            {
                return new Error(IdentityErrors.KeyUnsupported, $"private key type {type} is not supported (only Ed25519)");
            }

            const int pk = Ed25519KeyPair.PublicKeySize;
            if (data.Length == 96 && !data.AsSpan(32, pk).SequenceEqual(data.AsSpan(64, pk)))
            {
                return new Error(IdentityErrors.KeyInvalid, "legacy 96-byte Ed25519 private key has two different public keys");
            }

            if (data.Length is not (64 or 96))
            {
                return new Error(IdentityErrors.KeyInvalid, $"Ed25519 private key data must be 64 bytes, not {data.Length}");
            }

            var pair = Ed25519KeyPair.FromPrivateKey(data.AsSpan(0, Ed25519KeyPair.PrivateKeySize));
            if (!pair.PublicKey.SequenceEqual(data.AsSpan(32, pk)))
            {
                return new Error(IdentityErrors.KeyInvalid, "Ed25519 private key does not match the public key stored with it");
            }

            return pair;
        }
        finally
        {
            Array.Clear(data);
        }
    }
}
