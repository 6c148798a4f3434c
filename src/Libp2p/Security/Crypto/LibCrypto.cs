using System.Runtime.InteropServices;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>
/// The few OpenSSL libcrypto (1.1.1 / 3.x) EVP functions used for X25519 and Ed25519. The library name is a logical
/// one that <see cref="LibCryptoLoader"/> maps to whichever libcrypto it found; call nothing here unless
/// <see cref="LibCryptoLoader.IsAvailable"/> is true.
/// </summary>
internal static partial class LibCrypto
{
    public const string LibraryName = "rapport-libcrypto";
    public const int EvpPKeyX25519 = 1034; // NID_X25519
    public const int EvpPKeyEd25519 = 1087; // NID_ED25519

    /// <summary>Every export used below; the loader checks they all exist before declaring libcrypto usable.</summary>
    public static readonly string[] Exports =
    [
        "EVP_PKEY_new_raw_private_key", "EVP_PKEY_new_raw_public_key", "EVP_PKEY_get_raw_public_key", "EVP_PKEY_free",
        "EVP_PKEY_CTX_new", "EVP_PKEY_CTX_free", "EVP_PKEY_derive_init", "EVP_PKEY_derive_set_peer", "EVP_PKEY_derive",
        "EVP_MD_CTX_new", "EVP_MD_CTX_free", "EVP_DigestVerifyInit", "EVP_DigestVerify", "ERR_clear_error",
    ];

    [LibraryImport(LibraryName)]
    public static partial EvpPKeyHandle EVP_PKEY_new_raw_private_key(int type, IntPtr engine, ReadOnlySpan<byte> key, nuint keyLength);

    [LibraryImport(LibraryName)]
    public static partial EvpPKeyHandle EVP_PKEY_new_raw_public_key(int type, IntPtr engine, ReadOnlySpan<byte> key, nuint keyLength);

    [LibraryImport(LibraryName)]
    public static partial int EVP_PKEY_get_raw_public_key(EvpPKeyHandle key, Span<byte> publicKey, ref nuint length);

    [LibraryImport(LibraryName)]
    public static partial void EVP_PKEY_free(IntPtr key);

    [LibraryImport(LibraryName)]
    public static partial EvpPKeyContextHandle EVP_PKEY_CTX_new(EvpPKeyHandle key, IntPtr engine);

    [LibraryImport(LibraryName)]
    public static partial void EVP_PKEY_CTX_free(IntPtr context);

    [LibraryImport(LibraryName)]
    public static partial int EVP_PKEY_derive_init(EvpPKeyContextHandle context);

    [LibraryImport(LibraryName)]
    public static partial int EVP_PKEY_derive_set_peer(EvpPKeyContextHandle context, EvpPKeyHandle peer);

    [LibraryImport(LibraryName)]
    public static partial int EVP_PKEY_derive(EvpPKeyContextHandle context, Span<byte> secret, ref nuint length);

    [LibraryImport(LibraryName)]
    public static partial EvpMdContextHandle EVP_MD_CTX_new();

    [LibraryImport(LibraryName)]
    public static partial void EVP_MD_CTX_free(IntPtr context);

    [LibraryImport(LibraryName)]
    public static partial int EVP_DigestVerifyInit(EvpMdContextHandle context, IntPtr keyContext, IntPtr digest, IntPtr engine, EvpPKeyHandle key);

    [LibraryImport(LibraryName)]
    public static partial int EVP_DigestVerify(EvpMdContextHandle context, ReadOnlySpan<byte> signature, nuint signatureLength, ReadOnlySpan<byte> message, nuint messageLength);

    /// <summary>
    /// OpenSSL keeps a per-thread error queue; a failed call leaves entries behind that a later, unrelated
    /// OpenSSL user on this thread (including .NET's own crypto) could misreport, so every failure path clears it.
    /// </summary>
    [LibraryImport(LibraryName)]
    public static partial void ERR_clear_error();
}
