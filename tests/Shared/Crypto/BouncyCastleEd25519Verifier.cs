using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>Ed25519 verification from BouncyCastle.Cryptography: the managed reference the other verifiers are checked against.</summary>
internal sealed class BouncyCastleEd25519Verifier : IEd25519Verifier
{
    public static readonly BouncyCastleEd25519Verifier Instance = new();

    private BouncyCastleEd25519Verifier()
    {
    }

    public string Name => "BouncyCastle.Cryptography 2.7.0";

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Rfc8032.Ed25519.PublicKeySize || signature.Length != Rfc8032.Ed25519.SignatureSize)
        {
            return false;
        }

        var m = message.ToArray();
        try
        {
            return Rfc8032.Ed25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, m, 0, m.Length);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
