using System.Buffers.Binary;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Security;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Libp2p.Security;

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
    private const int KeySize = 32;
    private static readonly SecureRandom Random = new();

    public static Task<Result<SecureChannel>> InitiateAsync(Stream raw, NodeIdentity local, PeerId? expectedRemote, CancellationToken ct) =>
        RunAsync(raw, local, initiator: true, expectedRemote, ct);

    public static Task<Result<SecureChannel>> RespondAsync(Stream raw, NodeIdentity local, CancellationToken ct) =>
        RunAsync(raw, local, initiator: false, expectedRemote: null, ct);

    private static async Task<Result<SecureChannel>> RunAsync(Stream raw, NodeIdentity local, bool initiator, PeerId? expectedRemote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(local);
        Result<SecureChannel> result;
        try
        {
            result = initiator
                ? await InitiatorAsync(raw, local, expectedRemote, ct).ConfigureAwait(false)
                : await ResponderAsync(raw, local, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result = new Error("noise.cancelled", "noise handshake was cancelled or timed out");
        }
        catch (EndOfStreamException)
        {
            result = new Error("noise.eof", "connection closed during the noise handshake");
        }
        catch (IOException e)
        {
            result = new Error("noise.io", $"noise handshake failed: {e.Message}");
        }
        catch (ObjectDisposedException)
        {
            result = new Error("noise.io", "connection closed during the noise handshake");
        }

        if (result.IsFailure)
        {
            await raw.DisposeAsync().ConfigureAwait(false);
        }

        return result;
    }

    private static async Task<Result<SecureChannel>> InitiatorAsync(Stream raw, NodeIdentity local, PeerId? expectedRemote, CancellationToken ct)
    {
        using var ss = NewState();
        var (e, ePub) = NewEphemeral();
        try
        {
            ss.MixHash(ePub);
            var payload1 = ss.EncryptAndHash(ReadOnlySpan<byte>.Empty);
            await WriteFrameAsync(raw, [.. ePub, .. payload1], ct).ConfigureAwait(false);

            var msg2 = await ReadFrameAsync(raw, ct).ConfigureAwait(false);
            if (msg2.Length < KeySize + KeySize + CipherState.TagSize + CipherState.TagSize)
            {
                return new Error("noise.message", $"noise message 2 is {msg2.Length} bytes, too short");
            }

            var re = msg2.AsSpan(0, KeySize).ToArray();
            ss.MixHash(re);
            var ee = Dh(e, re);
            if (ee is null)
            {
                return new Error("noise.key", "remote ephemeral key is invalid (low order point)");
            }

            ss.MixKey(ee);
            var rs = ss.DecryptAndHash(msg2.AsSpan(KeySize, KeySize + CipherState.TagSize));
            if (rs is null)
            {
                return new Error("noise.decrypt", "could not decrypt the remote static key in message 2");
            }

            var es = Dh(e, rs);
            if (es is null)
            {
                return new Error("noise.key", "remote static key is invalid (low order point)");
            }

            ss.MixKey(es);
            var payload2 = ss.DecryptAndHash(msg2.AsSpan(KeySize + KeySize + CipherState.TagSize));
            if (payload2 is null)
            {
                return new Error("noise.decrypt", "could not decrypt the handshake payload in message 2");
            }

            var remote = VerifyPayload(payload2, rs);
            if (remote.IsFailure)
            {
                return remote.Error;
            }

            var (remotePeer, remoteKey, muxers) = remote.Value;
            if (expectedRemote is { } expected && expected != remotePeer)
            {
                return new Error("noise.peer_id_mismatch", $"dialed peer {expected} but the remote authenticated as {remotePeer}");
            }

            var (sPriv, sPub, sig) = local.NoiseStatic;
            var encryptedStatic = ss.EncryptAndHash(sPub);
            var se = Dh(sPriv, re)!;
            ss.MixKey(se);
            var payload3 = ss.EncryptAndHash(LocalPayload(local, sig));
            await WriteFrameAsync(raw, [.. encryptedStatic, .. payload3], ct).ConfigureAwait(false);

            var (send, receive) = ss.Split();
            return new SecureChannel(raw, send, receive, remotePeer, remoteKey, muxers);
        }
        finally
        {
            Array.Clear(e);
        }
    }

    private static async Task<Result<SecureChannel>> ResponderAsync(Stream raw, NodeIdentity local, CancellationToken ct)
    {
        using var ss = NewState();
        var (e, ePub) = NewEphemeral();
        try
        {
            var msg1 = await ReadFrameAsync(raw, ct).ConfigureAwait(false);
            if (msg1.Length < KeySize)
            {
                return new Error("noise.message", $"noise message 1 is {msg1.Length} bytes, too short");
            }

            var re = msg1.AsSpan(0, KeySize).ToArray();
            ss.MixHash(re);
            _ = ss.DecryptAndHash(msg1.AsSpan(KeySize));

            var (sPriv, sPub, sig) = local.NoiseStatic;
            ss.MixHash(ePub);
            var ee = Dh(e, re);
            if (ee is null)
            {
                return new Error("noise.key", "remote ephemeral key is invalid (low order point)");
            }

            ss.MixKey(ee);
            var encryptedStatic = ss.EncryptAndHash(sPub);
            ss.MixKey(Dh(sPriv, re)!);
            var payload2 = ss.EncryptAndHash(LocalPayload(local, sig));
            await WriteFrameAsync(raw, [.. ePub, .. encryptedStatic, .. payload2], ct).ConfigureAwait(false);

            var msg3 = await ReadFrameAsync(raw, ct).ConfigureAwait(false);
            if (msg3.Length < KeySize + CipherState.TagSize + CipherState.TagSize)
            {
                return new Error("noise.message", $"noise message 3 is {msg3.Length} bytes, too short");
            }

            var rs = ss.DecryptAndHash(msg3.AsSpan(0, KeySize + CipherState.TagSize));
            if (rs is null)
            {
                return new Error("noise.decrypt", "could not decrypt the remote static key in message 3");
            }

            var se = Dh(e, rs);
            if (se is null)
            {
                return new Error("noise.key", "remote static key is invalid (low order point)");
            }

            ss.MixKey(se);
            var payload3 = ss.DecryptAndHash(msg3.AsSpan(KeySize + CipherState.TagSize));
            if (payload3 is null)
            {
                return new Error("noise.decrypt", "could not decrypt the handshake payload in message 3");
            }

            var remote = VerifyPayload(payload3, rs);
            if (remote.IsFailure)
            {
                return remote.Error;
            }

            var (receive, send) = ss.Split();
            return new SecureChannel(raw, send, receive, remote.Value.Peer, remote.Value.Key, remote.Value.Muxers);
        }
        finally
        {
            Array.Clear(e);
        }
    }

    private static SymmetricState NewState()
    {
        var ss = new SymmetricState(ProtocolName);
        ss.MixHash(ReadOnlySpan<byte>.Empty); // empty prologue
        return ss;
    }

    private static (byte[] Private, byte[] Public) NewEphemeral()
    {
        var sk = new byte[X25519.ScalarSize];
        lock (Random)
        {
            X25519.GeneratePrivateKey(Random, sk);
        }

        var pk = new byte[X25519.PointSize];
        X25519.GeneratePublicKey(sk, 0, pk, 0);
        return (sk, pk);
    }

    private static byte[]? Dh(byte[] privateKey, byte[] publicKey)
    {
        var shared = new byte[X25519.PointSize];
        return X25519.CalculateAgreement(privateKey, 0, publicKey, 0, shared, 0) ? shared : null;
    }

    private static byte[] LocalPayload(NodeIdentity local, byte[] signature) =>
        new NoisePayload(local.PublicKey.ToProtobuf(), signature, []).Encode();

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
            return new Error("noise.identity_key", $"remote identity key is invalid: {key.Error.Message}");
        }

        if (key.Value.Type != KeyType.Ed25519)
        {
            return new Error("noise.identity_key", $"remote identity key type {key.Value.Type} is not supported (only Ed25519)");
        }

        if (!key.Value.Verify([.. NoisePayload.SignaturePrefix, .. remoteStatic], payload.Value.IdentitySignature))
        {
            return new Error("noise.bad_signature", "remote identity signature over its noise static key is invalid");
        }

        return (PeerId.FromPublicKey(key.Value), payload.Value.IdentityKey, payload.Value.StreamMuxers);
    }

    internal static async Task WriteFrameAsync(Stream raw, byte[] message, CancellationToken ct)
    {
        if (message.Length > MaxFrameLength)
        {
            throw new InvalidOperationException("noise handshake message exceeds the frame limit");
        }

        var frame = new byte[2 + message.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)message.Length);
        message.CopyTo(frame, 2);
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
