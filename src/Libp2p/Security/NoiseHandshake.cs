using System.Buffers.Binary;
using Rapport.Libp2p.Identity;

namespace Rapport.Libp2p.Security;

/// <summary>
/// libp2p Noise (<c>/noise</c>): <c>Noise_XX_25519_ChaChaPoly_SHA256</c> with the signed identity payload in
/// messages 2 and 3. XX: <c>-&gt; e</c>, <c>&lt;- e, ee, s, es</c>, <c>-&gt; s, se</c>.
/// On failure the raw stream is closed and a Result error explains why.
/// </summary>
public static class NoiseHandshake
{
    public const string ProtocolId = "/noise";
    public const string ProtocolName = "Noise_XX_25519_ChaChaPoly_SHA256";
    public const int MaxFrameLength = 65535;

    public static Task<Result<SecureChannel>> InitiateAsync(Stream raw, NodeIdentity local, PeerId? expectedRemote, CancellationToken ct) =>
        RunAsync(raw, local, initiator: true, expectedRemote, null, [], ct);

    /// <summary>
    /// Initiator whose security negotiation travels with message 1 (see <see cref="SecurityNegotiation"/>), offering
    /// <paramref name="streamMuxers"/> for inlined muxer negotiation when the responder offered any of them.
    /// </summary>
    public static Task<Result<SecureChannel>> InitiateAsync(Stream raw, NodeIdentity local, PeerId? expectedRemote, SecurityNegotiation opening, IReadOnlyList<string> streamMuxers, CancellationToken ct) =>
        RunAsync(raw, local, initiator: true, expectedRemote, opening, streamMuxers, ct);

    public static Task<Result<SecureChannel>> RespondAsync(Stream raw, NodeIdentity local, CancellationToken ct) =>
        RunAsync(raw, local, initiator: false, expectedRemote: null, null, [], ct);

    /// <summary>Responder offering <paramref name="streamMuxers"/> in message 2 (inlined muxer negotiation).</summary>
    public static Task<Result<SecureChannel>> RespondAsync(Stream raw, NodeIdentity local, IReadOnlyList<string> streamMuxers, CancellationToken ct) =>
        RunAsync(raw, local, initiator: false, expectedRemote: null, null, streamMuxers, ct);

    private static async Task<Result<SecureChannel>> RunAsync(Stream raw, NodeIdentity local, bool initiator, PeerId? expectedRemote, SecurityNegotiation? opening, IReadOnlyList<string> streamMuxers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(local);
        Result<SecureChannel> result;
        try
        {
            result = initiator
                ? await InitiatorAsync(raw, local, expectedRemote, opening, streamMuxers, ct).ConfigureAwait(false)
                : await ResponderAsync(raw, local, streamMuxers, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result = new Error(NoiseErrors.Cancelled, "noise handshake was cancelled or timed out");
        }
        catch (EndOfStreamException)
        {
            result = new Error(NoiseErrors.Eof, "connection closed during the noise handshake");
        }
        catch (IOException e)
        {
            result = new Error(NoiseErrors.Io, $"noise handshake failed: {e.Message}");
        }
        catch (ObjectDisposedException)
        {
            result = new Error(NoiseErrors.Io, "connection closed during the noise handshake");
        }

        if (result.IsFailure)
        {
            await raw.DisposeAsync().ConfigureAwait(false);
        }

        return result;
    }

    private static async Task<Result<SecureChannel>> InitiatorAsync(Stream raw, NodeIdentity local, PeerId? expectedRemote, SecurityNegotiation? opening, IReadOnlyList<string> streamMuxers, CancellationToken ct)
    {
        var (staticKey, signature) = local.NoiseStatic;
        using var hs = new XxHandshakeState(initiator: true, staticKey, ReadOnlySpan<byte>.Empty);
        await WriteFrameAsync(raw, hs.WriteMessage1(ReadOnlySpan<byte>.Empty), ct, opening?.Proposal).ConfigureAwait(false);
        if (opening is not null)
        {
            var answer = await opening.ReadAnswerAsync(raw, ct).ConfigureAwait(false);
            if (answer.IsFailure)
            {
                return answer.Error;
            }
        }

        var payload2 = hs.ReadMessage2(await ReadFrameAsync(raw, ct).ConfigureAwait(false));
        if (payload2 is null)
        {
            return new Error(NoiseErrors.Decrypt, "noise message 2 is malformed or failed authentication");
        }

        var remote = VerifyPayload(payload2, hs.RemoteStatic!);
        if (remote.IsFailure)
        {
            return remote.Error;
        }

        var (remotePeer, remoteKey, muxers) = remote.Value;
        if (expectedRemote is { } expected && expected != remotePeer)
        {
            return new Error(NoiseErrors.PeerIdMismatch, $"dialed peer {expected} but the remote authenticated as {remotePeer}");
        }

        // Our muxers go in message 3 only when the responder offered one of them: an offer that cannot be met would
        // fail the handshake, whereas sending none falls back to multistream.
        var offered = streamMuxers.Any(muxers.Contains) ? streamMuxers : [];
        var message3 = hs.WriteMessage3(LocalPayload(local, signature, offered));
        if (message3 is null)
        {
            return new Error(NoiseErrors.Key, "remote ephemeral key is invalid (low order point)");
        }

        await WriteFrameAsync(raw, message3, ct).ConfigureAwait(false);
        var (send, receive) = hs.Split();
        return new SecureChannel(raw, send, receive, remotePeer, remoteKey, muxers);
    }

    private static async Task<Result<SecureChannel>> ResponderAsync(Stream raw, NodeIdentity local, IReadOnlyList<string> streamMuxers, CancellationToken ct)
    {
        var (staticKey, signature) = local.NoiseStatic;
        using var hs = new XxHandshakeState(initiator: false, staticKey, ReadOnlySpan<byte>.Empty);
        if (hs.ReadMessage1(await ReadFrameAsync(raw, ct).ConfigureAwait(false)) is null)
        {
            return new Error(NoiseErrors.Message, "noise message 1 is shorter than an ephemeral key");
        }

        var message2 = hs.WriteMessage2(LocalPayload(local, signature, streamMuxers));
        if (message2 is null)
        {
            return new Error(NoiseErrors.Key, "remote ephemeral key is invalid (low order point)");
        }

        await WriteFrameAsync(raw, message2, ct).ConfigureAwait(false);
        var payload3 = hs.ReadMessage3(await ReadFrameAsync(raw, ct).ConfigureAwait(false));
        if (payload3 is null)
        {
            return new Error(NoiseErrors.Decrypt, "noise message 3 is malformed or failed authentication");
        }

        var remote = VerifyPayload(payload3, hs.RemoteStatic!);
        if (remote.IsFailure)
        {
            return remote.Error;
        }

        var (send, receive) = hs.Split();
        return new SecureChannel(raw, send, receive, remote.Value.Peer, remote.Value.Key, remote.Value.Muxers);
    }

    private static byte[] LocalPayload(NodeIdentity local, byte[] signature, IReadOnlyList<string> streamMuxers) =>
        new NoisePayload(local.PublicKey.ToProtobuf(), signature, streamMuxers).Encode();

    private static Result<(PeerId Peer, byte[] Key, IReadOnlyList<string> Muxers)> VerifyPayload(byte[] payloadBytes, byte[] remoteStatic)
    {
        var payload = NoisePayload.Decode(payloadBytes);
        if (payload.IsFailure)
        {
            return payload.Error;
        }

        var key = PublicKey.Decode(payload.Value.IdentityKey);
        if (key.IsFailure)
        {
            return new Error(NoiseErrors.IdentityKey, $"remote identity key is invalid: {key.Error.Message}");
        }

        if (key.Value.Type != KeyType.Ed25519)
        {
            return new Error(NoiseErrors.IdentityKey, $"remote identity key type {key.Value.Type} is not supported (only Ed25519)");
        }

        if (!VerifiedSignatureCache.Shared.Verify(key.Value, [.. NoisePayload.SignaturePrefix, .. remoteStatic], payload.Value.IdentitySignature))
        {
            return new Error(NoiseErrors.BadSignature, "remote identity signature over its noise static key is invalid");
        }

        return (PeerId.FromPublicKey(key.Value), payload.Value.IdentityKey, payload.Value.StreamMuxers);
    }

    internal static async Task WriteFrameAsync(Stream raw, byte[] message, CancellationToken ct, byte[]? prefix = null)
    {
        if (message.Length > MaxFrameLength)
        {
            throw new InvalidOperationException("noise handshake message exceeds the frame limit");
        }

        var offset = prefix?.Length ?? 0;
        var frame = new byte[offset + 2 + message.Length];
        prefix?.CopyTo(frame, 0);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), (ushort)message.Length);
        message.CopyTo(frame, offset + 2);
        await raw.WriteAsync(frame, ct).ConfigureAwait(false);
        await raw.FlushAsync(ct).ConfigureAwait(false);
    }

    internal static async Task<byte[]> ReadFrameAsync(Stream raw, CancellationToken ct)
    {
        var header = new byte[2];
        await raw.ReadExactlyAsync(header, ct).ConfigureAwait(false);
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
        await raw.ReadExactlyAsync(message, ct).ConfigureAwait(false);
        return message;
    }
}
