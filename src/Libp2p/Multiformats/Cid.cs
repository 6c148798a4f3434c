
namespace Rapport.Libp2p.Multiformats;

/// <summary>A CIDv1 (version, content multicodec, multihash). Text forms: multibase 'b' (base32) or 'z' (base58btc).</summary>
public sealed class Cid : IEquatable<Cid>
{
    public const ulong Libp2pKeyCodec = 0x72;

    public Cid(ulong codec, Multihash hash)
    {
        Codec = codec;
        Hash = hash ?? throw new ArgumentNullException(nameof(hash));
    }

    public ulong Version => 1;
    public ulong Codec { get; }
    public Multihash Hash { get; }

    public byte[] ToBytes()
    {
        var bytes = new byte[1 + UnsignedVarint.SizeOf(Codec) + Hash.Bytes.Length];
        var o = UnsignedVarint.Encode(1, bytes);
        o += UnsignedVarint.Encode(Codec, bytes.AsSpan(o));
        Hash.Bytes.CopyTo(bytes.AsSpan(o));
        return bytes;
    }

    public static Result<Cid> Decode(ReadOnlySpan<byte> bytes)
    {
        var version = UnsignedVarint.Decode(bytes);
        if (version.IsFailure)
        {
            return new Error(EncodingErrors.CidVersion, $"CID version: {version.Error.Message}");
        }

        if (version.Value.Value != 1)
        {
            return new Error(EncodingErrors.CidVersion, $"CID version {version.Value.Value} is not supported (only CIDv1)");
        }

        var rest = bytes[version.Value.Length..];
        var codec = UnsignedVarint.Decode(rest);
        if (codec.IsFailure)
        {
            return new Error(EncodingErrors.CidCodec, $"CID codec: {codec.Error.Message}");
        }

        var hash = Multihash.Decode(rest[codec.Value.Length..]);
        return hash.IsFailure ? hash.Error : new Cid(codec.Value.Value, hash.Value);
    }

    public static Result<Cid> Parse(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new Error(EncodingErrors.CidEmpty, "CID text is empty");
        }

        var body = text.AsSpan(1);
        var decoded = text[0] switch
        {
            'b' => Base32.Decode(body),
            'z' => Base58Btc.Decode(body),
            _ => new Error(EncodingErrors.CidMultibase, $"multibase prefix '{text[0]}' is not supported (expected 'b' base32 or 'z' base58btc)"),
        };
        return decoded.Bind(b => Decode(b));
    }

    /// <summary>Canonical text: multibase base32 lower case.</summary>
    public override string ToString() => "b" + Base32.Encode(ToBytes());

    public bool Equals(Cid? other) => other is not null && Codec == other.Codec && Hash.Equals(other.Hash);
    public override bool Equals(object? obj) => Equals(obj as Cid);
    public override int GetHashCode() => HashCode.Combine(Codec, Hash);
}
