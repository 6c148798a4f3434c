using Rapport.Libp2p.Security.Crypto;

namespace Rapport.Libp2p.Tests.Security.Crypto;

/// <summary>The X25519 implementations under test, by name, and RFC 7748 inputs shared by several tests.</summary>
internal static class X25519Under
{
    public const string NSec = "nsec";
    public const string OpenSsl = "openssl";
    public const string BouncyCastle = "bouncycastle";

    public static TheoryData<string> Names => [NSec, OpenSsl, BouncyCastle];

    /// <summary>
    /// u-coordinates whose product with any clamped scalar is 0 (order 1, 2, 4, 8 points and their non-canonical
    /// encodings, as listed for the all-zero check of RFC 7748 §6.1).
    /// </summary>
    public static readonly string[] LowOrderPoints =
    [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ];

    /// <summary>
    /// On Linux, where .NET's own crypto needs libcrypto, OpenSSL is asserted loadable, so a broken probe fails these
    /// tests instead of silently testing BouncyCastle twice.
    /// </summary>
    public static IX25519 Get(string name) => name switch
    {
        NSec => NSecX25519.Instance,
        OpenSsl => RequireOpenSsl(OpenSslX25519.Instance),
        BouncyCastle => BouncyCastleX25519.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static T RequireOpenSsl<T>(T implementation)
    {
        if (OperatingSystem.IsLinux())
        {
            Assert.True(LibCryptoLoader.IsAvailable, "libcrypto (OpenSSL) could not be loaded on this Linux machine");
        }

        return implementation;
    }
}
