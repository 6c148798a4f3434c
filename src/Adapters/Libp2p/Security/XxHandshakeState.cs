using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Security;

namespace Rapport.Adapters.Libp2p.Security;

/// <summary>
/// Noise HandshakeState (Noise spec §5.3) for the XX pattern only:
/// <c>-&gt; e</c>, <c>&lt;- e, ee, s, es</c>, <c>-&gt; s, se</c>. Framing and the libp2p payload live in
/// <see cref="NoiseHandshake"/>; this class is the pure state machine, deterministic given its keys.
/// Read methods return null when a message is malformed or fails authentication.
/// </summary>
internal sealed class XxHandshakeState : IDisposable
{
    public const int DhLength = 32;
    private static readonly SecureRandom Random = new();

    private readonly SymmetricState _ss = new(NoiseHandshake.ProtocolName);
    private readonly byte[] _sPriv;
    private readonly byte[] _sPub;
    private readonly byte[] _ePriv;
    private readonly byte[] _ePub;
    private byte[]? _re;

    public XxHandshakeState(bool initiator, byte[] staticPrivate, ReadOnlySpan<byte> prologue, byte[]? ephemeralPrivate = null)
    {
        Initiator = initiator;
        _sPriv = staticPrivate;
        _sPub = PublicFrom(staticPrivate);
        _ePriv = ephemeralPrivate ?? NewPrivateKey();
        _ePub = PublicFrom(_ePriv);
        _ss.MixHash(prologue);
    }

    public bool Initiator { get; }
    public byte[]? RemoteStatic { get; private set; }
    public ReadOnlySpan<byte> HandshakeHash => _ss.HandshakeHash;

    public static byte[] NewPrivateKey()
    {
        var sk = new byte[X25519.ScalarSize];
        lock (Random)
        {
            X25519.GeneratePrivateKey(Random, sk);
        }

        return sk;
    }

    public static byte[] PublicFrom(byte[] privateKey)
    {
        var pk = new byte[X25519.PointSize];
        X25519.GeneratePublicKey(privateKey, 0, pk, 0);
        return pk;
    }

    /// <summary>Initiator, message 1: <c>e</c>.</summary>
    public byte[] WriteMessage1(ReadOnlySpan<byte> payload)
    {
        _ss.MixHash(_ePub);
        return [.. _ePub, .. _ss.EncryptAndHash(payload)];
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
        _ss.MixHash(_ePub);
        if (!MixDh(_ePriv, _re!))
        {
            return null;
        }

        var encryptedStatic = _ss.EncryptAndHash(_sPub);
        if (!MixDh(_sPriv, _re!))
        {
            return null;
        }

        return [.. _ePub, .. encryptedStatic, .. _ss.EncryptAndHash(payload)];
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
        if (!MixDh(_ePriv, _re))
        {
            return null;
        }

        RemoteStatic = _ss.DecryptAndHash(message.Slice(DhLength, staticLength));
        if (RemoteStatic is null || !MixDh(_ePriv, RemoteStatic))
        {
            return null;
        }

        return _ss.DecryptAndHash(message[(DhLength + staticLength)..]);
    }

    /// <summary>Initiator, message 3: <c>s, se</c>.</summary>
    public byte[]? WriteMessage3(ReadOnlySpan<byte> payload)
    {
        var encryptedStatic = _ss.EncryptAndHash(_sPub);
        if (!MixDh(_sPriv, _re!))
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
        if (RemoteStatic is null || !MixDh(_ePriv, RemoteStatic))
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

    private bool MixDh(byte[] privateKey, byte[] publicKey)
    {
        var shared = new byte[X25519.PointSize];
        if (!X25519.CalculateAgreement(privateKey, 0, publicKey, 0, shared, 0))
        {
            return false;
        }

        _ss.MixKey(shared);
        Array.Clear(shared);
        return true;
    }

    public void Dispose()
    {
        Array.Clear(_ePriv);
        _ss.Dispose();
    }
}
