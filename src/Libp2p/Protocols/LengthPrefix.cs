namespace Rapport.Libp2p.Protocols;

/// <summary>
/// The unsigned-varint length prefix (multiformats unsigned-varint: 7 bits per byte, least significant group
/// first, minimal encoding, at most 9 bytes) in front of length-delimited messages such as identify.
/// </summary>
internal static class LengthPrefix
{
    private const int MaxBytes = 9;

    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Reads a prefix byte by byte (never consumes past it); fails on end of stream or a malformed prefix.</summary>
    public static async Task<ulong> ReadAsync(Stream stream, CancellationToken ct)
    {
        var one = new byte[1];
        ulong value = 0;
        for (var i = 0; i < MaxBytes; i++)
        {
            if (await stream.ReadAsync(one, ct).ConfigureAwait(false) == 0)
            {
                throw new EndOfStreamException(i == 0 ? "stream ended before the length prefix" : "stream ended inside the length prefix");
            }

            var b = one[0];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    throw new InvalidDataException("length prefix is not minimally encoded");
                }

                return value;
            }
        }

        throw new InvalidDataException($"length prefix is longer than {MaxBytes} bytes");
    }
}
