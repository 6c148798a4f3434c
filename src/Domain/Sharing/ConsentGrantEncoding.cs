using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;

namespace Rapport.Domain.Sharing;

/// <summary>
/// The canonical byte encoding of a <see cref="SharingGrant"/>, the exact bytes the customer signs
/// (protocol/sharing.md, "Canonical grant encoding"). One grant has exactly one encoding: integers are fixed-width
/// big-endian, strings are u32 length-prefixed UTF-8, maps are sorted by the bytes of their keys, optional values
/// carry a 0/1 presence byte. The decoder accepts only canonical input (it re-checks order, uniqueness, flags and
/// trailing bytes), so a signature can never cover two different readings of the same grant.
/// </summary>
public static class ConsentGrantEncoding
{
    public const string Tag = "rapport.consent-grant.v1";
    public const int MaxEncodedLength = 64 * 1024;
    private const int MaxStringBytes = 512;

    private static readonly UTF8Encoding Utf8Strict = new(false, true);

    public static byte[] Encode(SharingGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var writer = new ArrayBufferWriter<byte>(256);
        WriteString(writer, Tag);
        WriteInt64(writer, grant.Version);
        WriteString(writer, grant.BusinessPeerId.Value);
        WriteString(writer, grant.CustomerPeerId.Value);
        if (grant.RequestId is { } requestId)
        {
            WriteByte(writer, 1);
            requestId.Value.TryWriteBytes(writer.GetSpan(16), bigEndian: true, out _);
            writer.Advance(16);
        }
        else
        {
            WriteByte(writer, 0);
        }

        WriteUInt32(writer, (uint)grant.Fields.Count);
        foreach (var (key, access) in grant.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            WriteString(writer, key);
            WriteByte(writer, (byte)access);
        }

        WriteUInt32(writer, (uint)grant.Purposes.Count);
        foreach (var (purpose, granted) in grant.Purposes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            WriteString(writer, purpose);
            WriteByte(writer, granted ? (byte)1 : (byte)0);
        }

        WriteInt64(writer, grant.EffectiveFrom.ToUnixTimeMilliseconds());
        WriteInt64(writer, grant.ExpiresAt.ToUnixTimeMilliseconds());
        WriteInt64(writer, grant.IssuedAt.ToUnixTimeMilliseconds());
        if (grant.RevokedAt is { } revokedAt)
        {
            WriteByte(writer, 1);
            WriteInt64(writer, revokedAt.ToUnixTimeMilliseconds());
        }
        else
        {
            WriteByte(writer, 0);
        }

        return writer.WrittenSpan.ToArray();
    }

    public static Result<SharingGrant> Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedLength)
        {
            return Malformed($"encoded grant is larger than {MaxEncodedLength} bytes");
        }

        var reader = new Reader(bytes);
        if (!reader.String(out var tag) || tag != Tag)
        {
            return Malformed($"not a '{Tag}' encoding");
        }

        if (!reader.Int64(out var version) || !reader.String(out var business) || !reader.String(out var customer) ||
            !reader.Flag(out var hasRequest))
        {
            return Malformed("truncated header");
        }

        SharingRequestId? requestId = null;
        if (hasRequest)
        {
            if (!reader.Bytes(16, out var guidBytes))
            {
                return Malformed("truncated request id");
            }

            requestId = new SharingRequestId(new Guid(guidBytes, bigEndian: true));
        }

        if (!reader.UInt32(out var fieldCount) || fieldCount > SharingGrant.MaxFields)
        {
            return Malformed("bad field count");
        }

        var fields = new Dictionary<string, AccessLevel>(StringComparer.Ordinal);
        string? previous = null;
        for (var i = 0; i < fieldCount; i++)
        {
            if (!reader.String(out var key) || !reader.Byte(out var level) || level is not (1 or 2) || !Ascending(previous, key))
            {
                return Malformed("bad field entry (keys must be unique and sorted, levels 1 or 2)");
            }

            fields.Add(key, (AccessLevel)level);
            previous = key;
        }

        if (!reader.UInt32(out var purposeCount) || purposeCount > SharingGrant.MaxPurposes)
        {
            return Malformed("bad purpose count");
        }

        var purposes = new Dictionary<string, bool>(StringComparer.Ordinal);
        previous = null;
        for (var i = 0; i < purposeCount; i++)
        {
            if (!reader.String(out var purpose) || !reader.Flag(out var granted) || !Ascending(previous, purpose))
            {
                return Malformed("bad purpose entry (keys must be unique and sorted, flags 0 or 1)");
            }

            purposes.Add(purpose, granted);
            previous = purpose;
        }

        if (!reader.Int64(out var from) || !reader.Int64(out var until) || !reader.Int64(out var issued) ||
            !reader.Flag(out var isRevoked))
        {
            return Malformed("truncated times");
        }

        long revoked = 0;
        if ((isRevoked && !reader.Int64(out revoked)) || !reader.AtEnd)
        {
            return Malformed("bad revocation time or trailing bytes");
        }

        if (!InRange(from) || !InRange(until) || !InRange(issued) || (isRevoked && !InRange(revoked)))
        {
            return Malformed("time out of range");
        }

        return SharingGrant.Create(
            business,
            customer,
            requestId,
            fields,
            purposes,
            DateTimeOffset.FromUnixTimeMilliseconds(from),
            DateTimeOffset.FromUnixTimeMilliseconds(until),
            DateTimeOffset.FromUnixTimeMilliseconds(issued),
            isRevoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null,
            version);
    }

    private static bool InRange(long unixMs) => unixMs is >= 0 and <= 253_402_300_799_999;

    // Ordinal comparison of UTF-16 strings orders like their UTF-8 bytes only outside surrogates; keys are ASCII.
    private static bool Ascending(string? previous, string key) => previous is null || string.CompareOrdinal(previous, key) < 0;

    private static Error Malformed(string message) => new(SharingErrors.Malformed, message);

    private static void WriteByte(ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> writer, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var length = Utf8Strict.GetByteCount(value);
        WriteUInt32(writer, (uint)length);
        writer.Advance(Utf8Strict.GetBytes(value, writer.GetSpan(length)));
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public bool Byte(out byte value)
        {
            value = 0;
            if (_rest.IsEmpty)
            {
                return false;
            }

            value = _rest[0];
            _rest = _rest[1..];
            return true;
        }

        public bool Flag(out bool value)
        {
            value = false;
            if (!Byte(out var b) || b > 1)
            {
                return false;
            }

            value = b == 1;
            return true;
        }

        public bool UInt32(out uint value)
        {
            value = 0;
            if (_rest.Length < 4)
            {
                return false;
            }

            value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
            _rest = _rest[4..];
            return true;
        }

        public bool Int64(out long value)
        {
            value = 0;
            if (_rest.Length < 8)
            {
                return false;
            }

            value = BinaryPrimitives.ReadInt64BigEndian(_rest);
            _rest = _rest[8..];
            return true;
        }

        public bool Bytes(int count, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (_rest.Length < count)
            {
                return false;
            }

            value = _rest[..count];
            _rest = _rest[count..];
            return true;
        }

        public bool String(out string value)
        {
            value = string.Empty;
            if (!UInt32(out var length) || length > MaxStringBytes || !Bytes((int)length, out var utf8) || !Utf8.IsValid(utf8))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(utf8);
            return true;
        }
    }
}
