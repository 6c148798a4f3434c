
namespace Rapport.Libp2p.Multiformats;

/// <summary>
/// multiformats unsigned-varint: LEB128 limited to 9 bytes (63 bits), minimally encoded.
/// </summary>
public static class UnsignedVarint
{
    public const int MaxBytes = 9;
    public const ulong MaxValue = (1UL << 63) - 1;

    public static int SizeOf(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>Writes <paramref name="value"/> and returns the number of bytes written.</summary>
    public static int Encode(ulong value, Span<byte> destination)
    {
        if (value > MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "unsigned-varint values are limited to 63 bits");
        }

        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    public static byte[] Encode(ulong value)
    {
        var bytes = new byte[SizeOf(value)];
        Encode(value, bytes);
        return bytes;
    }

    public static VarintStatus TryDecode(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
    {
        value = 0;
        bytesRead = 0;
        var shift = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            if (i == MaxBytes - 1 && b > 0x7F)
            {
                return VarintStatus.Overflow;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                // A trailing zero group means a shorter encoding existed.
                if (b == 0 && i > 0)
                {
                    value = 0;
                    return VarintStatus.NotMinimal;
                }

                bytesRead = i + 1;
                return VarintStatus.Ok;
            }

            shift += 7;
        }

        value = 0;
        return VarintStatus.NeedMoreData;
    }

    /// <summary>Decodes a complete varint at the start of <paramref name="source"/>.</summary>
    public static Result<(ulong Value, int Length)> Decode(ReadOnlySpan<byte> source)
    {
        var status = TryDecode(source, out var value, out var read);
        return status == VarintStatus.Ok ? (value, read) : Describe(status);
    }

    public static Error Describe(VarintStatus status) => status switch
    {
        VarintStatus.NeedMoreData => new Error(EncodingErrors.VarintTruncated, "unsigned varint is truncated"),
        VarintStatus.Overflow => new Error(EncodingErrors.VarintOverflow, $"unsigned varint is longer than {MaxBytes} bytes (63 bits)"),
        VarintStatus.NotMinimal => new Error(EncodingErrors.VarintNotMinimal, "unsigned varint is not minimally encoded"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an error status"),
    };
}
