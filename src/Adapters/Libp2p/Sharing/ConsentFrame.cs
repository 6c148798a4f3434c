using System.Buffers;
using Google.Protobuf;
using Rapport.Adapters.Libp2p.Encoding;
using Rapport.Domain.Common;
using Rapport.Protocol.Sharing.V1;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>
/// Framing of <c>/rapport/consent/1.0.0</c> (protocol/sharing.md §3): a minimal unsigned varint N in 1..1 MiB, then
/// N bytes of one <see cref="ConsentMessage"/> with its <c>body</c> set. Anything else is <c>PROTO_MALFORMED</c>.
/// </summary>
public static class ConsentFrame
{
    public const int MaxMessageLength = 1024 * 1024;
    public const string Malformed = "PROTO_MALFORMED";
    public const string TooLarge = "SYNC_FRAME_TOO_LARGE";

    /// <summary>Decodes one message body (the bytes after the length prefix).</summary>
    public static Result<ConsentMessage> DecodeMessage(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload.Length > MaxMessageLength)
        {
            return new Error(Malformed, $"a consent message is 1..{MaxMessageLength} bytes, not {payload.Length}");
        }

        ConsentMessage message;
        try
        {
            message = ConsentMessage.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            return new Error(Malformed, $"the consent message does not parse: {e.Message}");
        }

        return message.BodyCase == ConsentMessage.BodyOneofCase.None
            ? new Error(Malformed, "the consent message carries no body")
            : message;
    }

    /// <summary>Decodes exactly one whole frame (length prefix and message, nothing after).</summary>
    public static Result<ConsentMessage> DecodeFrame(ReadOnlySpan<byte> frame)
    {
        var status = UnsignedVarint.TryDecode(frame, out var length, out var prefix);
        if (status != VarintStatus.Ok)
        {
            return new Error(Malformed, $"bad frame length: {(status == VarintStatus.NeedMoreData ? "truncated" : UnsignedVarint.Describe(status).Message)}");
        }

        if (length is 0 or > MaxMessageLength)
        {
            return new Error(length == 0 ? Malformed : TooLarge, $"a frame carries 1..{MaxMessageLength} bytes, not {length}");
        }

        return (ulong)(frame.Length - prefix) != length
            ? new Error(Malformed, $"the frame announces {length} bytes but holds {frame.Length - prefix}")
            : DecodeMessage(frame[prefix..]);
    }

    /// <summary>Reads one frame; the buffer is pooled and nothing past the frame is consumed.</summary>
    public static async Task<Result<ConsentMessage>> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = await UnsignedVarint.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        if (length.IsFailure)
        {
            return new Error(Malformed, $"bad frame length: {length.Error.Message}");
        }

        if (length.Value is 0 or > MaxMessageLength)
        {
            return new Error(length.Value == 0 ? Malformed : TooLarge, $"a frame carries 1..{MaxMessageLength} bytes, not {length.Value}");
        }

        var size = (int)length.Value;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, size), size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return read < size
                ? new Error(Malformed, $"the stream ended after {read} of {size} frame bytes")
                : DecodeMessage(buffer.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static byte[] Encode(ConsentMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size is 0 or > MaxMessageLength)
        {
            throw new InvalidOperationException($"a consent message must encode to 1..{MaxMessageLength} bytes, not {size}");
        }

        var frame = new byte[UnsignedVarint.SizeOf((ulong)size) + size];
        var prefix = UnsignedVarint.Encode((ulong)size, frame);
        message.WriteTo(frame.AsSpan(prefix));
        return frame;
    }

    public static async Task WriteAsync(Stream stream, ConsentMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Encode(message), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
