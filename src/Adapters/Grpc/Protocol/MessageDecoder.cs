using System.Buffers;
using Google.Protobuf;

namespace Rapport.Adapters.Grpc.Protocol;

/// <summary>
/// Turns the bytes of a request stream into messages: framing, decompression, size limits and protobuf parsing.
/// Every failure is a status (never an exception), so corrupt input cannot escape as a crash.
/// </summary>
internal sealed class MessageDecoder
{
    private readonly MessageEncoding _encoding;
    private readonly bool _encodingDeclared;
    private readonly int _maxMessageLength;

    public MessageDecoder(MessageEncoding encoding, bool encodingDeclared, int maxMessageLength)
    {
        _encoding = encoding;
        _encodingDeclared = encodingDeclared;
        _maxMessageLength = maxMessageLength;
    }

    /// <summary>Decodes the next message at the front of <paramref name="buffer"/>, consuming it on success.</summary>
    public DecodeResult TryDecode(ref ReadOnlySequence<byte> buffer, MessageParser parser, out bool wasCompressed)
    {
        wasCompressed = false;
        switch (LengthPrefixedMessage.TryRead(ref buffer, _maxMessageLength, out var compressed, out var payload))
        {
            case FrameReadOutcome.Incomplete:
                return DecodeResult.Incomplete;
            case FrameReadOutcome.TooLarge:
                return DecodeResult.Fail(StatusCode.ResourceExhausted,
                    $"Received message larger than max ({LengthPrefixedMessage.DeclaredLength(buffer)} vs. {_maxMessageLength})");
            case FrameReadOutcome.InvalidCompressedFlag:
                return DecodeResult.Fail(StatusCode.Internal, "Invalid compressed flag in message prefix (must be 0 or 1)");
        }

        wasCompressed = compressed;
        if (!compressed)
        {
            return Parse(parser, payload);
        }

        if (!_encodingDeclared || _encoding == MessageEncoding.Identity)
        {
            return DecodeResult.Fail(StatusCode.Internal, "Compressed message received without a grpc-encoding");
        }

        var inflated = MessageCompression.TryDecompress(_encoding, payload, _maxMessageLength, out var length, out var tooLarge);
        if (tooLarge)
        {
            return DecodeResult.Fail(StatusCode.ResourceExhausted, $"Decompressed message larger than max ({_maxMessageLength})");
        }

        return inflated is null
            ? DecodeResult.Fail(StatusCode.Internal, $"Could not decompress message with {_encoding.ToHeaderValue()}")
            : Parse(parser, new ReadOnlySequence<byte>(inflated, 0, length));
    }

    private static DecodeResult Parse(MessageParser parser, ReadOnlySequence<byte> payload)
    {
        try
        {
            return DecodeResult.Decoded(parser.ParseFrom(payload));
        }
        catch (InvalidProtocolBufferException)
        {
            return DecodeResult.Fail(StatusCode.Internal, "Invalid protobuf byte sequence");
        }
    }
}

internal readonly struct DecodeResult
{
    public static readonly DecodeResult Incomplete = default;

    private DecodeResult(IMessage? message, GrpcStatus? error)
    {
        Message = message;
        Error = error;
    }

    public IMessage? Message { get; }
    public GrpcStatus? Error { get; }
    public bool IsIncomplete => Message is null && Error is null;

    public static DecodeResult Decoded(IMessage message) => new(message, null);
    public static DecodeResult Fail(StatusCode code, string message) => new(null, new GrpcStatus(code, message));
}
