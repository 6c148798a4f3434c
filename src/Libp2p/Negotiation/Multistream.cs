using Rapport.Libp2p.Multiformats;

namespace Rapport.Libp2p.Negotiation;

/// <summary>
/// multistream-select 1.0: varint-length-prefixed, newline-terminated UTF-8 messages.
/// Reads never consume bytes past the negotiation, so the stream can be handed to the chosen protocol.
/// </summary>
public static class Multistream
{
    public const string ProtocolId = "/multistream/1.0.0";
    public const string NotAvailable = "na";

    /// <summary>Longest message accepted (protocol ids are short; this bounds hostile input).</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>Most proposals a responder answers before giving up on the peer.</summary>
    public const int MaxAttempts = 32;

    /// <summary>Initiator: proposes each protocol in turn and returns the first the peer accepts.</summary>
    public static Task<Result<string>> SelectAsync(Stream stream, IReadOnlyList<string> protocols, CancellationToken ct) =>
        SelectAsync(stream, protocols, firstProposalSent: false, ct);

    /// <summary>
    /// Initiator, when the caller already sent <see cref="FirstProposal"/> of <c>protocols[0]</c> itself (e.g. with a
    /// yamux SYN): reads the answers and proposes the remaining protocols in turn.
    /// </summary>
    public static Task<Result<string>> SelectAfterFirstProposalAsync(Stream stream, IReadOnlyList<string> protocols, CancellationToken ct) =>
        SelectAsync(stream, protocols, firstProposalSent: true, ct);

    /// <summary>The initiator's opening bytes: the multistream header and its first proposal.</summary>
    public static byte[] FirstProposal(string protocol) => Encode([ProtocolId, protocol]);

    /// <summary>Whether the next read of <paramref name="stream"/> completes without waiting for the peer.</summary>
    internal static bool HasBufferedInput(Stream stream) => stream switch
    {
        IBufferedInput buffered => buffered.HasBufferedInput,
        System.Net.Sockets.NetworkStream network => network.DataAvailable,
        _ => false,
    };

    private static async Task<Result<string>> SelectAsync(Stream stream, IReadOnlyList<string> protocols, bool firstProposalSent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(protocols);
        if (protocols.Count == 0)
        {
            throw new ArgumentException("at least one protocol must be proposed", nameof(protocols));
        }

        return await GuardAsync(async () =>
        {
            if (!firstProposalSent)
            {
                // Header and first proposal go out in one write to save a round trip.
                await WriteAsync(stream, FirstProposal(protocols[0]), ct).ConfigureAwait(false);
            }

            var header = await ReadMessageAsync(stream, ct).ConfigureAwait(false);
            if (header.IsFailure)
            {
                return header.Error;
            }

            if (header.Value != ProtocolId)
            {
                return new Error(MultistreamErrors.Header, $"peer does not speak {ProtocolId} (sent '{Printable(header.Value)}')");
            }

            for (var i = 0; i < protocols.Count; i++)
            {
                if (i > 0)
                {
                    await WriteAsync(stream, Encode([protocols[i]]), ct).ConfigureAwait(false);
                }

                var answer = await ReadMessageAsync(stream, ct).ConfigureAwait(false);
                if (answer.IsFailure)
                {
                    return answer.Error;
                }

                if (answer.Value == protocols[i])
                {
                    return answer.Value;
                }

                if (answer.Value != NotAvailable)
                {
                    return new Error(MultistreamErrors.Unexpected, $"peer answered '{Printable(answer.Value)}' to proposal '{protocols[i]}'");
                }
            }

            return new Error(MultistreamErrors.Unsupported, $"peer supports none of {string.Join(", ", protocols)}");
        }).ConfigureAwait(false);
    }

    /// <summary>Responder: answers <c>na</c> to unsupported proposals and returns the first supported one, echoed back.</summary>
    public static async Task<Result<string>> AcceptAsync(Stream stream, Func<string, bool> isSupported, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(isSupported);
        return await GuardAsync(async () =>
        {
            // The initiator always sends its header first, unprompted, so reading it before sending ours cannot
            // deadlock. When its proposal came along with it (as ours and js-libp2p's do), our header waits to go
            // out with the answer: one write instead of two. Otherwise it goes now, for initiators that wait for it.
            var header = await ReadMessageAsync(stream, ct).ConfigureAwait(false);
            if (header.IsFailure)
            {
                return header.Error;
            }

            if (header.Value != ProtocolId)
            {
                return new Error(MultistreamErrors.Header, $"peer does not speak {ProtocolId} (sent '{Printable(header.Value)}')");
            }

            var headerSent = false;
            if (!HasBufferedInput(stream))
            {
                await WriteAsync(stream, Encode([ProtocolId]), ct).ConfigureAwait(false);
                headerSent = true;
            }

            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var proposal = await ReadMessageAsync(stream, ct).ConfigureAwait(false);
                if (proposal.IsFailure)
                {
                    return proposal.Error;
                }

                var accepted = proposal.Value != NotAvailable && proposal.Value != "ls" && isSupported(proposal.Value);
                var answer = accepted ? proposal.Value : NotAvailable;
                await WriteAsync(stream, headerSent ? Encode([answer]) : Encode([ProtocolId, answer]), ct).ConfigureAwait(false);
                headerSent = true;
                if (accepted)
                {
                    return proposal.Value;
                }
            }

            return new Error(MultistreamErrors.Attempts, $"peer made more than {MaxAttempts} proposals without agreement");
        }).ConfigureAwait(false);
    }

    /// <summary>Encodes messages back to back: varint(length incl. '\n') ‖ UTF-8 ‖ '\n'.</summary>
    public static byte[] Encode(IReadOnlyList<string> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var buffer = new MemoryStream();
        Span<byte> varint = stackalloc byte[UnsignedVarint.MaxBytes];
        foreach (var message in messages)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(message);
            if (bytes.Length + 1 > MaxMessageLength)
            {
                throw new ArgumentException($"multistream message exceeds {MaxMessageLength} bytes", nameof(messages));
            }

            buffer.Write(varint[..UnsignedVarint.Encode((ulong)bytes.Length + 1, varint)]);
            buffer.Write(bytes);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes one complete message body (after the varint length): must end in '\n' and be valid UTF-8.</summary>
    public static Result<string> DecodeBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body[^1] != (byte)'\n')
        {
            return new Error(MultistreamErrors.Framing, "multistream message does not end with a newline");
        }

        var text = body[..^1];
        if (text.Contains((byte)'\n'))
        {
            return new Error(MultistreamErrors.Framing, "multistream message contains an embedded newline");
        }

        try
        {
            return Utf8Strict.GetString(text);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return new Error(MultistreamErrors.Utf8, "multistream message is not valid UTF-8");
        }
    }

    private static readonly System.Text.UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static async Task<Result<string>> ReadMessageAsync(Stream stream, CancellationToken ct)
    {
        var length = await ReadVarintAsync(stream, ct).ConfigureAwait(false);
        if (length.IsFailure)
        {
            return new Error(MultistreamErrors.Framing, $"multistream message length: {length.Error.Message}");
        }

        if (length.Value is 0 or > MaxMessageLength)
        {
            return new Error(MultistreamErrors.Framing, $"multistream message length {length.Value} is outside 1..{MaxMessageLength}");
        }

        var body = new byte[(int)length.Value];
        await stream.ReadExactlyAsync(body, ct).ConfigureAwait(false);
        return DecodeBody(body);
    }

    private static async Task WriteAsync(Stream stream, byte[] encoded, CancellationToken ct)
    {
        await stream.WriteAsync(encoded, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private static async Task<Result<string>> GuardAsync(Func<Task<Result<string>>> negotiate)
    {
        try
        {
            return await negotiate().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new Error(MultistreamErrors.Cancelled, "protocol negotiation was cancelled or timed out");
        }
        catch (EndOfStreamException)
        {
            return new Error(MultistreamErrors.Eof, "connection closed during protocol negotiation");
        }
        catch (IOException e)
        {
            return new Error(MultistreamErrors.Io, $"protocol negotiation failed: {e.Message}");
        }
        catch (ObjectDisposedException)
        {
            return new Error(MultistreamErrors.Io, "connection closed during protocol negotiation");
        }
    }

    private static string Printable(string text)
    {
        var shortened = text.Length > 64 ? text[..64] + "…" : text;
        return new string(shortened.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    /// <summary>
    /// Reads one varint from a stream byte by byte so that nothing past it is consumed
    /// (the stream is handed to the next protocol afterwards).
    /// </summary>
    private static async Task<Result<ulong>> ReadVarintAsync(Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[UnsignedVarint.MaxBytes];
        for (var i = 0; i < UnsignedVarint.MaxBytes; i++)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(i, 1), ct).ConfigureAwait(false);
            if (n == 0)
            {
                return new Error(EncodingErrors.VarintEof, i == 0 ? "stream ended before a varint" : "stream ended inside a varint");
            }

            var status = UnsignedVarint.TryDecode(buffer.AsSpan(0, i + 1), out var value, out _);
            if (status == VarintStatus.Ok)
            {
                return value;
            }

            if (status != VarintStatus.NeedMoreData)
            {
                return UnsignedVarint.Describe(status);
            }
        }

        return UnsignedVarint.Describe(VarintStatus.Overflow);
    }
}
