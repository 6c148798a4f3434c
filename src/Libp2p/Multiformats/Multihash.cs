using System.Security.Cryptography;

namespace Rapport.Libp2p.Multiformats;

/// <summary>A self-describing hash: varint code, varint digest length, digest. Immutable.</summary>
public sealed class Multihash : IEquatable<Multihash>
{
    public const ulong IdentityCode = 0x00;
    public const ulong Sha2_256Code = 0x12;

    // Identity digests carry whole keys; 1 KiB covers every libp2p key type we could meet.
    public const int MaxDigestLength = 1024;

    private readonly byte[] _bytes;

    private Multihash(ulong code, byte[] digest, byte[] bytes)
    {
        Code = code;
        Digest = digest;
        _bytes = bytes;
    }

    public ulong Code { get; }
    public ReadOnlyMemory<byte> Digest { get; }
    public ReadOnlySpan<byte> Bytes => _bytes;

    public static Multihash Identity(ReadOnlySpan<byte> data) => Create(IdentityCode, data);

    public static Multihash Sha2_256(ReadOnlySpan<byte> data) => Create(Sha2_256Code, SHA256.HashData(data));

    private static Multihash Create(ulong code, ReadOnlySpan<byte> digest)
    {
        var bytes = new byte[UnsignedVarint.SizeOf(code) + UnsignedVarint.SizeOf((ulong)digest.Length) + digest.Length];
        var o = UnsignedVarint.Encode(code, bytes);
        o += UnsignedVarint.Encode((ulong)digest.Length, bytes.AsSpan(o));
        digest.CopyTo(bytes.AsSpan(o));
        return new Multihash(code, digest.ToArray(), bytes);
    }

    /// <summary>Decodes a multihash that must span all of <paramref name="bytes"/>.</summary>
    public static Result<Multihash> Decode(ReadOnlySpan<byte> bytes)
    {
        var read = Read(bytes);
        if (read.IsFailure)
        {
            return read.Error;
        }

        var (hash, length) = read.Value;
        return length == bytes.Length
            ? hash
            : new Error(EncodingErrors.MultihashTrailing, $"{bytes.Length - length} unexpected bytes after the multihash");
    }

    /// <summary>Decodes a multihash at the start of <paramref name="bytes"/>, reporting how many bytes it used.</summary>
    public static Result<(Multihash Hash, int Length)> Read(ReadOnlySpan<byte> bytes)
    {
        var code = UnsignedVarint.Decode(bytes);
        if (code.IsFailure)
        {
            return new Error(EncodingErrors.MultihashCode, $"multihash code: {code.Error.Message}");
        }

        var (codeValue, codeLength) = code.Value;
        var size = UnsignedVarint.Decode(bytes[codeLength..]);
        if (size.IsFailure)
        {
            return new Error(EncodingErrors.MultihashLength, $"multihash length: {size.Error.Message}");
        }

        var (digestLength, sizeLength) = size.Value;
        if (digestLength > MaxDigestLength)
        {
            return new Error(EncodingErrors.MultihashLength, $"multihash digest of {digestLength} bytes exceeds {MaxDigestLength}");
        }

        var header = codeLength + sizeLength;
        if (bytes.Length - header < (int)digestLength)
        {
            return new Error(EncodingErrors.MultihashTruncated, $"multihash digest needs {digestLength} bytes, {bytes.Length - header} present");
        }

        if (codeValue == Sha2_256Code && digestLength != 32)
        {
            return new Error(EncodingErrors.MultihashLength, $"sha2-256 multihash must have a 32-byte digest, not {digestLength}");
        }

        if (codeValue is not (IdentityCode or Sha2_256Code))
        {
            return new Error(EncodingErrors.MultihashUnsupported, $"multihash code 0x{codeValue:x} is not supported (identity or sha2-256 only)");
        }

        var total = header + (int)digestLength;
        var digest = bytes.Slice(header, (int)digestLength).ToArray();
        return (new Multihash(codeValue, digest, bytes[..total].ToArray()), total);
    }

    public bool Equals(Multihash? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as Multihash);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    public override string ToString() => Base58Btc.Encode(_bytes);
}
