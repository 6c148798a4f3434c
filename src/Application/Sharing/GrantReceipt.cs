using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Application.Sharing;

/// <summary>
/// The business's signed confirmation that it stored a grant version (protocol/sharing.md §4.3), so the customer can
/// prove delivery offline.
/// </summary>
public sealed record GrantReceipt(byte[] GrantSha256, long Version, DateTimeOffset ReceivedAt, byte[] Signature, byte[] SignerPublicKey)
{
    public const string Tag = "rapport.consent-receipt.v1";

    /// <summary>The signed bytes: string(tag) u32(32) sha256 i64 version i64 received_at_ms, big-endian.</summary>
    public static byte[] CanonicalBytes(ReadOnlySpan<byte> grantSha256, long version, DateTimeOffset receivedAt)
    {
        if (grantSha256.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("a grant hash is 32 bytes", nameof(grantSha256));
        }

        var tag = Encoding.ASCII.GetBytes(Tag);
        var bytes = new byte[4 + tag.Length + 4 + grantSha256.Length + 8 + 8];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)tag.Length);
        tag.CopyTo(span[4..]);
        span = span[(4 + tag.Length)..];
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)grantSha256.Length);
        grantSha256.CopyTo(span[4..]);
        span = span[(4 + grantSha256.Length)..];
        BinaryPrimitives.WriteInt64BigEndian(span, version);
        BinaryPrimitives.WriteInt64BigEndian(span[8..], receivedAt.ToUnixTimeMilliseconds());
        return bytes;
    }

    public byte[] CanonicalBytes() => CanonicalBytes(GrantSha256, Version, ReceivedAt);

    // Byte arrays compare by content.
    public bool Equals(GrantReceipt? other) =>
        other is not null && GrantSha256.AsSpan().SequenceEqual(other.GrantSha256) && Version == other.Version &&
        ReceivedAt == other.ReceivedAt && Signature.AsSpan().SequenceEqual(other.Signature) &&
        SignerPublicKey.AsSpan().SequenceEqual(other.SignerPublicKey);

    public override int GetHashCode() => HashCode.Combine(Version, ReceivedAt, Signature.Length);
}
