using System.Security.Cryptography;
using Rapport.Libp2p.Security.Crypto;

namespace Rapport.Libp2p.Security;

/// <summary>
/// Noise HandshakeState (Noise spec §5.3) for the XX pattern only:
/// <c>-&gt; e</c>, <c>&lt;- e, ee, s, es</c>, <c>-&gt; s, se</c>. Framing and the libp2p payload live in
/// <see cref="NoiseHandshake"/>; this class is the pure state machine, deterministic given its keys.
/// Read methods return null when a message is malformed or fails authentication.
/// </summary>
internal sealed class XxHandshakeState : IDisposable
{
    public const int DhLength = X25519PrivateKey.KeySize;

    private readonly SymmetricState _ss = new(NoiseHandshake.ProtocolName);
    private readonly X25519PrivateKey _s;
    private readonly X25519PrivateKey _e;
    private byte[]? _re;

    /// <summary>
    /// <paramref name="staticKey"/> stays owned by the caller (one per node identity, shared by all handshakes);
    /// <paramref name="ephemeralKey"/>, fresh when not given, is owned and disposed by this state.
    /// </summary>
    public XxHandshakeState(bool initiator, X25519PrivateKey staticKey, ReadOnlySpan<byte> prologue, X25519PrivateKey? ephemeralKey = null)
    {
        Initiator = initiator;
        _s = staticKey;
        _e = ephemeralKey ?? X25519Implementations.Default.Generate();
        _ss.MixHash(prologue);
    }

    public bool Initiator { get; }
    public byte[]? RemoteStatic { get; private set; }
    public ReadOnlySpan<byte> HandshakeHash => _ss.HandshakeHash;

    /// <summary>Initiator, message 1: <c>e</c>.</summary>
    public byte[] WriteMessage1(ReadOnlySpan<byte> payload)
    {
        _ss.MixHash(_e.PublicKey);
        return [.. _e.PublicKey, .. _ss.EncryptAndHash(payload)];
    }

    /// <summary>Responder, message 1.</summary>
    public byte[]? ReadMessage1(ReadOnlySpan<byte> message)
    {
        if (message.Length < DhLength)
        {
            return null;
        }

        _re = message[..DhLength].ToArray();
        _ss.MixHash(_re);
        return _ss.DecryptAndHash(message[DhLength..]);
    }

    /// <summary>Responder, message 2: <c>e, ee, s, es</c>. Null if the remote ephemeral key is a low-order point.</summary>
    public byte[]? WriteMessage2(ReadOnlySpan<byte> payload)
    {
        _ss.MixHash(_e.PublicKey);
        if (!MixDh(_e, _re!))
        {
            return null;
        }

        var encryptedStatic = _ss.EncryptAndHash(_s.PublicKey);
        if (!MixDh(_s, _re!))
        {
            return null;
        }

        return [.. _e.PublicKey, .. encryptedStatic, .. _ss.EncryptAndHash(payload)];
    }

    /// <summary>Initiator, message 2.</summary>
    public byte[]? ReadMessage2(ReadOnlySpan<byte> message)
    {
        const int staticLength = DhLength + CipherState.TagSize;
        if (message.Length < DhLength + staticLength + CipherState.TagSize)
        {
            return null;
        }

        _re = message[..DhLength].ToArray();
        _ss.MixHash(_re);
        if (!MixDh(_e, _re))
        {
            return null;
        }

        RemoteStatic = _ss.DecryptAndHash(message.Slice(DhLength, staticLength));
        if (RemoteStatic is null || !MixDh(_e, RemoteStatic))
        {
            return null;
        }

        return _ss.DecryptAndHash(message[(DhLength + staticLength)..]);
    }

    /// <summary>Initiator, message 3: <c>s, se</c>.</summary>
    public byte[]? WriteMessage3(ReadOnlySpan<byte> payload)
    {
        var encryptedStatic = _ss.EncryptAndHash(_s.PublicKey);
        if (!MixDh(_s, _re!))
        {
            return null;
        }

        return [.. encryptedStatic, .. _ss.EncryptAndHash(payload)];
    }

    /// <summary>Responder, message 3.</summary>
    public byte[]? ReadMessage3(ReadOnlySpan<byte> message)
    {
        const int staticLength = DhLength + CipherState.TagSize;
        if (message.Length < staticLength + CipherState.TagSize)
        {
            return null;
        }

        RemoteStatic = _ss.DecryptAndHash(message[..staticLength]);
        if (RemoteStatic is null || !MixDh(_e, RemoteStatic))
        {
            return null;
        }

        return _ss.DecryptAndHash(message[staticLength..]);
    }

    /// <summary>Transport ciphers for this side: (send, receive).</summary>
    public (CipherState Send, CipherState Receive) Split()
    {
        var (first, second) = _ss.Split();
        return Initiator ? (first, second) : (second, first);
    }

    /// <summary>False when the remote key is a low-order point (all-zero shared secret): the handshake must fail.</summary>
    private bool MixDh(X25519PrivateKey localKey, byte[] remotePublicKey)
    {
        Span<byte> shared = stackalloc byte[X25519PrivateKey.SharedSecretSize];
        if (!localKey.TryAgree(remotePublicKey, shared))
        {
            return false;
        }

        _ss.MixKey(shared);
        CryptographicOperations.ZeroMemory(shared);
        return true;
    }

    public void Dispose()
    {
        _e.Dispose();
        _ss.Dispose();
    }
}
