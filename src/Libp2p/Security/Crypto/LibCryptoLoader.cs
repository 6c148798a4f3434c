using System.Runtime.InteropServices;

namespace Rapport.Libp2p.Security.Crypto;

/// <summary>
/// Finds the system OpenSSL libcrypto (the one .NET itself uses on Linux) and routes <see cref="LibCrypto"/>'s
/// imports to it. If it is missing, lacks an export, or the import resolver cannot be installed, libcrypto is
/// reported unavailable and the node uses libsodium (NSec) instead.
/// </summary>
internal static class LibCryptoLoader
{
    private static readonly string[] Candidates = ["libcrypto.so.3", "libcrypto.so"];
    private static readonly Lazy<IntPtr> Handle = new(Load);

    public static bool IsAvailable => Handle.Value != IntPtr.Zero;

    /// <summary>The file name that was loaded, for diagnostics and the benchmark report; null when unavailable.</summary>
    public static string? LoadedName { get; private set; }

    private static IntPtr Load()
    {
        foreach (var candidate in Candidates)
        {
            if (!NativeLibrary.TryLoad(candidate, out var library))
            {
                continue;
            }

            if (Array.TrueForAll(LibCrypto.Exports, name => NativeLibrary.TryGetExport(library, name, out _)) && TryRoute(library))
            {
                LoadedName = candidate;
                return library;
            }

            NativeLibrary.Free(library);
        }

        return IntPtr.Zero;
    }

    private static bool TryRoute(IntPtr library)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(LibCryptoLoader).Assembly, (name, _, _) =>
                name == LibCrypto.LibraryName ? library : IntPtr.Zero);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Another component of this assembly already owns the resolver; stay on the managed implementations.
            return false;
        }
    }
}
