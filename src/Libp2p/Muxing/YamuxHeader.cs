using System.Buffers.Binary;

namespace Rapport.Libp2p.Muxing;

/// <summary>
/// The 12-byte big-endian frame header: version(8) type(8) flags(16) stream id(32) length(32).
/// The length is a payload size for data frames, a window delta for window updates, an opaque value for
/// pings and an error code for go-away.
/// </summary>
public readonly record struct YamuxHeader(YamuxFrameType Type, YamuxFlags Flags, uint StreamId, uint Length)
{
    public const int Size = 12;
    public const byte ProtocolVersion = 0;

    private const YamuxFlags KnownFlags = YamuxFlags.Syn | YamuxFlags.Ack | YamuxFlags.Fin | YamuxFlags.Rst;

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("a yamux header needs 12 bytes", nameof(destination));
        }

        destination[0] = ProtocolVersion;
        destination[1] = (byte)Type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Flags);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], StreamId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Length);
    }

    /// <summary>
    /// Decodes and validates one header. Returns null on success, otherwise the reason the bytes are not a
    /// valid frame header (the caller ends the session with it). <paramref name="maxDataLength"/> bounds data payloads.
    /// </summary>
    public static string? TryRead(ReadOnlySpan<byte> source, uint maxDataLength, out YamuxHeader header)
    {
        header = default;
        if (source.Length < Size)
        {
            return $"truncated header ({source.Length} of {Size} bytes)";
        }

        if (source[0] != ProtocolVersion)
        {
            return $"unsupported yamux version {source[0]}";
        }

        var type = source[1];
        if (type > (byte)YamuxFrameType.GoAway)
        {
            return $"unknown frame type {type}";
        }

        var flags = (YamuxFlags)BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        var streamId = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        var length = BinaryPrimitives.ReadUInt32BigEndian(source[8..]);
        var frameType = (YamuxFrameType)type;

        if ((flags & ~KnownFlags) != 0)
        {
            return $"unknown flags 0x{(ushort)flags:x4}";
        }

        switch (frameType)
        {
            case YamuxFrameType.Data when length > maxDataLength:
                return $"oversized data frame ({length} bytes, at most {maxDataLength})";
            case YamuxFrameType.Data or YamuxFrameType.WindowUpdate when streamId == 0:
                return $"{frameType} frame on the session id 0";
            case YamuxFrameType.Ping or YamuxFrameType.GoAway when streamId != 0:
                return $"{frameType} frame on stream {streamId} (must be 0)";
            case YamuxFrameType.Ping when (flags & (YamuxFlags.Syn | YamuxFlags.Ack)) is 0 or (YamuxFlags.Syn | YamuxFlags.Ack):
                return "ping frame must carry exactly one of SYN or ACK";
            case YamuxFrameType.GoAway when length > (uint)YamuxGoAwayCode.InternalError:
                return $"unknown go-away code {length}";
            default:
                break;
        }

        header = new YamuxHeader(frameType, flags, streamId, length);
        return null;
    }
}
