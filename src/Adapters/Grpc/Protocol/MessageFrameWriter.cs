using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Rapport.Adapters.Grpc.Protocol;

/// <summary>Serializes a message straight into the response pipe as one length-prefixed frame.</summary>
internal static class MessageFrameWriter
{
    public static void Write(PipeWriter writer, IMessage message, MessageEncoding encoding, int maxMessageLength)
    {
        var size = message.CalculateSize();
        if (size > maxMessageLength)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {maxMessageLength})");
        }

        if (encoding == MessageEncoding.Identity)
        {
            var span = writer.GetSpan(LengthPrefixedMessage.HeaderLength + size);
            LengthPrefixedMessage.WriteHeader(span, compressed: false, size);
            message.WriteTo(span.Slice(LengthPrefixedMessage.HeaderLength, size));
            writer.Advance(LengthPrefixedMessage.HeaderLength + size);
            return;
        }

        var plain = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            message.WriteTo(plain.AsSpan(0, size));
            var compressed = MessageCompression.Compress(encoding, plain.AsSpan(0, size));
            var span = writer.GetSpan(LengthPrefixedMessage.HeaderLength + compressed.Length);
            LengthPrefixedMessage.WriteHeader(span, compressed: true, compressed.Length);
            compressed.CopyTo(span[LengthPrefixedMessage.HeaderLength..]);
            writer.Advance(LengthPrefixedMessage.HeaderLength + compressed.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }
    }
}
