using Rapport.Domain.Common;
using Rapport.Protocol.Sharing.V1;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>
/// Framing of <c>/rapport/consent/1.0.0</c> (protocol/sharing.md §3): a minimal unsigned varint N in 1..1 MiB, then
/// N bytes of one <see cref="ConsentMessage"/> with its <c>body</c> set. Anything else is <c>PROTO_MALFORMED</c>.
/// </summary>
public static class ConsentFrame
{
    public const int MaxMessageLength = ProtoFrameCodec<ConsentMessage>.MaxMessageLength;

    private static readonly ProtoFrameCodec<ConsentMessage> Codec =
        new(ConsentMessage.Parser, "consent message", m => m.BodyCase != ConsentMessage.BodyOneofCase.None);

    /// <summary>Decodes one message body (the bytes after the length prefix).</summary>
    public static Result<ConsentMessage> DecodeMessage(ReadOnlySpan<byte> payload) => Codec.DecodeMessage(payload);

    /// <summary>Decodes exactly one whole frame (length prefix and message, nothing after).</summary>
    public static Result<ConsentMessage> DecodeFrame(ReadOnlySpan<byte> frame) => Codec.DecodeFrame(frame);

    /// <summary>Reads one frame; the buffer is pooled and nothing past the frame is consumed.</summary>
    public static async Task<Result<ConsentMessage>> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var read = await Codec.ReadAsync(stream, cancellationToken).ConfigureAwait(false);

        // One exchange per stream: a stream that ends before its frame is as broken as a truncated one.
        return read.IsFailure && read.Error.Code == WireErrors.StreamEnded
            ? new Error(WireErrors.Malformed, $"bad frame length: {read.Error.Message}")
            : read;
    }

    public static byte[] Encode(ConsentMessage message) => Codec.Encode(message);

    public static Task WriteAsync(Stream stream, ConsentMessage message, CancellationToken cancellationToken) =>
        Codec.WriteAsync(stream, message, cancellationToken);
}
