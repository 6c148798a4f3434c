using System.Buffers;
using System.Buffers.Binary;

namespace Rapport.Adapters.Grpc.Protocol;

/// <summary>One Length-Prefixed-Message: Compressed-Flag (1 byte, 0 or 1), Message-Length (4 bytes big-endian), Message.</summary>
internal static class LengthPrefixedMessage
{
    public const int HeaderLength = 5;

    /// <summary>Takes one frame off the front of <paramref name="buffer"/> when it is complete.</summary>
    public static FrameReadOutcome TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageLength, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < HeaderLength)
        {
            return FrameReadOutcome.Incomplete;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        if (header[0] > 1)
        {
            return FrameReadOutcome.InvalidCompressedFlag;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageLength)
        {
            return FrameReadOutcome.TooLarge;
        }

        if (buffer.Length - HeaderLength < length)
        {
            return FrameReadOutcome.Incomplete;
        }

        compressed = header[0] == 1;
        payload = buffer.Slice(HeaderLength, length);
        buffer = buffer.Slice(payload.End);
        return FrameReadOutcome.Complete;
    }

    /// <summary>Reads the declared message length of a header already known to be present (for error messages).</summary>
    public static uint DeclaredLength(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
    }

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }
}

internal enum FrameReadOutcome
{
    Incomplete,
    Complete,
    TooLarge,
    InvalidCompressedFlag,
}
