using Rapport.Libp2p.Encoding;

namespace Rapport.Libp2p.Identity;

/// <summary>A libp2p public key: <c>PublicKey { KeyType Type = 1; bytes Data = 2; }</c>.</summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    // RSA keys in DER run to a few hundred bytes at 4096 bits; this caps hostile input.
    public const int MaxDataLength = 2048;

    private readonly byte[] _data;

    private PublicKey(KeyType type, byte[] data)
    {
        Type = type;
        _data = data;
    }

    public KeyType Type { get; }
    public ReadOnlySpan<byte> Data => _data;

    public static PublicKey Ed25519(ReadOnlySpan<byte> key)
    {
        if (key.Length != Ed25519KeyPair.PublicKeySize)
        {
            throw new ArgumentException($"an Ed25519 public key is {Ed25519KeyPair.PublicKeySize} bytes, not {key.Length}", nameof(key));
        }

        return new PublicKey(KeyType.Ed25519, key.ToArray());
    }

    /// <summary>Canonical protobuf encoding: Type then Data, nothing else.</summary>
    public byte[] ToProtobuf() => new ProtoWriter()
        .WriteVarintField(1, (ulong)Type)
        .WriteBytesField(2, _data)
        .ToArray();

    public static Result<PublicKey> Decode(ReadOnlySpan<byte> protobuf)
    {
        var fields = KeyFields.Decode(protobuf, "public key", MaxDataLength);
        if (fields.IsFailure)
        {
            return fields.Error;
        }

        var (type, data) = fields.Value;
        if (type == KeyType.Ed25519 && data.Length != Ed25519KeyPair.PublicKeySize)
        {
            return new Error(IdentityErrors.KeyInvalid, $"Ed25519 public key data must be {Ed25519KeyPair.PublicKeySize} bytes, not {data.Length}");
        }

        return new PublicKey(type, data);
    }

    /// <summary>Verifies a signature made by this key; only Ed25519 is supported.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Type == KeyType.Ed25519 && Ed25519KeyPair.Verify(_data, message, signature);

    public bool Equals(PublicKey? other) => other is not null && Type == other.Type && _data.AsSpan().SequenceEqual(other._data);
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Type);
        hash.AddBytes(_data);
        return hash.ToHashCode();
    }
}
