using System.Runtime.InteropServices;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>An OpenSSL <c>EVP_PKEY_CTX*</c>, freed with <c>EVP_PKEY_CTX_free</c>.</summary>
internal sealed class EvpPKeyContextHandle : SafeHandle
{
    public EvpPKeyContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibCrypto.EVP_PKEY_CTX_free(handle);
        return true;
    }
}
