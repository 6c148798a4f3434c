using System.Buffers;
using Google.Protobuf;
using Rapport.Domain.Common;
using Rapport.Domain.Peers.Encoding;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>
/// The framing shared by <c>/rapport/consent/1.0.0</c> and <c>/rapport/sync/1.0.0</c> (protocol/sharing.md §3): a
/// minimal unsigned varint N in 1..1 MiB, then N bytes of one protobuf message. Anything else is
/// <c>PROTO_MALFORMED</c> (<c>SYNC_FRAME_TOO_LARGE</c> for an announced length above 1 MiB); a stream that ends
/// cleanly before a frame starts is <c>STREAM_ENDED</c>, so a reader can tell a close from a broken frame.
/// </summary>
public sealed class ProtoFrameCodec<T>(MessageParser<T> parser, string name, Func<T, bool> isComplete)
    where T : class, IMessage<T>
{
    public const int MaxMessageLength = 1024 * 1024;

    /// <summary>Decodes one message body (the bytes after the length prefix).</summary>
    public Result<T> DecodeMessage(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload.Length > MaxMessageLength)
        {
            return new Error(WireErrors.Malformed, $"a {name} is 1..{MaxMessageLength} bytes, not {payload.Length}");
        }

        T message;
        try
        {
            message = parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            return new Error(WireErrors.Malformed, $"the {name} does not parse: {e.Message}");
        }

        return isComplete(message) ? message : new Error(WireErrors.Malformed, $"the {name} carries no body");
    }

    /// <summary>Decodes exactly one whole frame (length prefix and message, nothing after).</summary>
    public Result<T> DecodeFrame(ReadOnlySpan<byte> frame)
    {
        var status = UnsignedVarint.TryDecode(frame, out var length, out var prefix);
        if (status != VarintStatus.Ok)
        {
            return new Error(WireErrors.Malformed, $"bad frame length: {(status == VarintStatus.NeedMoreData ? "truncated" : UnsignedVarint.Describe(status).Message)}");
        }

        return CheckLength(length) is { } bad ? bad
            : (ulong)(frame.Length - prefix) != length ? new Error(WireErrors.Malformed, $"the frame announces {length} bytes but holds {frame.Length - prefix}")
            : DecodeMessage(frame[prefix..]);
    }

    /// <summary>
    /// Reads one frame. The length prefix is read byte by byte so nothing past the frame is consumed; the payload
    /// goes to a pooled buffer.
    /// </summary>
    public async Task<Result<T>> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(UnsignedVarint.MaxBytes);
        ulong length;
        try
        {
            var prefix = 0;
            while (true)
            {
                if (await stream.ReadAsync(buffer.AsMemory(prefix, 1), cancellationToken).ConfigureAwait(false) == 0)
                {
                    return prefix == 0
                        ? new Error(WireErrors.StreamEnded, $"the stream ended before a {name}")
                        : new Error(WireErrors.Malformed, "bad frame length: the stream ended inside it");
                }

                var status = UnsignedVarint.TryDecode(buffer.AsSpan(0, ++prefix), out length, out _);
                if (status == VarintStatus.Ok)
                {
                    break;
                }

                if (status != VarintStatus.NeedMoreData || prefix == UnsignedVarint.MaxBytes)
                {
                    return new Error(WireErrors.Malformed, $"bad frame length: {UnsignedVarint.Describe(status == VarintStatus.NeedMoreData ? VarintStatus.Overflow : status).Message}");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (CheckLength(length) is { } bad)
        {
            return bad;
        }

        var size = (int)length;
        var payload = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var read = await stream.ReadAtLeastAsync(payload.AsMemory(0, size), size, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return read < size
                ? new Error(WireErrors.Malformed, $"the stream ended after {read} of {size} frame bytes")
                : DecodeMessage(payload.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    public byte[] Encode(T message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size is 0 or > MaxMessageLength)
        {
            throw new InvalidOperationException($"a {name} must encode to 1..{MaxMessageLength} bytes, not {size}");
        }

        var frame = new byte[UnsignedVarint.SizeOf((ulong)size) + size];
        var prefix = UnsignedVarint.Encode((ulong)size, frame);
        message.WriteTo(frame.AsSpan(prefix));
        return frame;
    }

    public async Task WriteAsync(Stream stream, T message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Encode(message), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Error? CheckLength(ulong length) => length is 0 or > MaxMessageLength
        ? new Error(length == 0 ? WireErrors.Malformed : WireErrors.FrameTooLarge, $"a frame carries 1..{MaxMessageLength} bytes, not {length}")
        : null;
}
