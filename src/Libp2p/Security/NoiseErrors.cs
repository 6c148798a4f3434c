
namespace Rapport.Libp2p.Security;

/// <summary>Why a Noise handshake failed (docs/errors.md).</summary>
public static class NoiseErrors
{
    public static readonly ErrorCode Cancelled = new("NOISE_CANCELLED", ErrorKind.Unavailable);
    public static readonly ErrorCode Eof = new("NOISE_EOF", ErrorKind.Unavailable);
    public static readonly ErrorCode Io = new("NOISE_IO", ErrorKind.Unavailable);
    public static readonly ErrorCode Message = new("NOISE_MESSAGE", ErrorKind.Unavailable);
    public static readonly ErrorCode Payload = new("NOISE_PAYLOAD", ErrorKind.Unavailable);
    public static readonly ErrorCode Key = new("NOISE_KEY", ErrorKind.Unavailable);
    public static readonly ErrorCode Decrypt = new("NOISE_DECRYPT", ErrorKind.Unauthenticated);
    public static readonly ErrorCode IdentityKey = new("NOISE_IDENTITY_KEY", ErrorKind.Unauthenticated);
    public static readonly ErrorCode BadSignature = new("NOISE_BAD_SIGNATURE", ErrorKind.Unauthenticated);

    /// <summary>The remote authenticated as another peer than the one dialed.</summary>
    public static readonly ErrorCode PeerIdMismatch = new("NOISE_PEER_ID_MISMATCH", ErrorKind.Unauthenticated);
}
