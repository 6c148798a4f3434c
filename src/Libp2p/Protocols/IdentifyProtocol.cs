using Rapport.Libp2p.Muxing;

namespace Rapport.Libp2p.Protocols;

/// <summary>
/// libp2p identify (/ipfs/id/1.0.0): the peer being identified writes one length-prefixed Identify message on
/// the stream and closes it.
/// </summary>
public static class IdentifyProtocol
{
    public const string Id = "/ipfs/id/1.0.0";
    public const int MaxMessageSize = 64 * 1024;

    /// <summary>Responder side: sends our message and closes our side of the stream.</summary>
    public static async Task HandleAsync(Stream stream, IdentifyMessage ours, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var body = IdentifyCodec.Encode(ours);
        if (body.Length > MaxMessageSize)
        {
            throw new InvalidOperationException($"our identify message is {body.Length} bytes, more than the {MaxMessageSize} peers accept");
        }

        var frame = new byte[10 + body.Length];
        var prefix = LengthPrefix.Write(frame, (ulong)body.Length);
        body.CopyTo(frame.AsSpan(prefix));
        await stream.WriteAsync(frame.AsMemory(0, prefix + body.Length), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
        if (stream is IHalfClosableStream halfClosable)
        {
            await halfClosable.CloseWriteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A registry handler that answers with the message <paramref name="ours"/> builds for each peer (observedAddr differs).</summary>
    public static ProtocolHandler Handler(Func<ProtocolContext, IdentifyMessage> ours)
    {
        ArgumentNullException.ThrowIfNull(ours);
        return (stream, context, ct) => HandleAsync(stream, ours(context), ct);
    }

    /// <summary>Requester side: reads the peer's message (at most 64 KiB). Malformed input throws InvalidDataException.</summary>
    public static async Task<IdentifyMessage> RequestAsync(Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ulong length;
        try
        {
            length = await LengthPrefix.ReadAsync(stream, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"identify: {e.Message}", e);
        }

        if (length > MaxMessageSize)
        {
            throw new InvalidDataException($"identify message of {length} bytes exceeds the {MaxMessageSize}-byte limit");
        }

        var body = new byte[(int)length];
        var read = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (read < body.Length)
        {
            throw new InvalidDataException($"identify message truncated: {read} of {length} bytes");
        }

        var decoded = IdentifyCodec.Decode(body);
        return decoded.IsSuccess ? decoded.Value : throw new InvalidDataException(decoded.Error.Message);
    }
}
