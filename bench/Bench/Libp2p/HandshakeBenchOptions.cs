using Rapport.Libp2p.Security;
using Rapport.Libp2p.Security.Crypto;

namespace Rapport.Bench.Libp2p;

/// <summary>Options shared by the handshake benchmarks; prints which crypto implementations are in use.</summary>
internal static class HandshakeBenchOptions
{
    public const string NoSignatureCache = "--no-signature-cache";

    /// <summary>Applies the flags and returns the remaining positional arguments.</summary>
    public static string[] Apply(string[] args)
    {
        var cache = !args.Contains(NoSignatureCache);
        if (!cache)
        {
            // Every handshake then pays for its Ed25519 verification, as with a peer seen for the first time.
            VerifiedSignatureCache.Shared.Capacity = 0;
        }

        Console.WriteLine($"X25519: {X25519Implementations.Default.Name}; Ed25519 verify: {Ed25519Verifiers.Default.Name}; " +
            $"verified-signature cache: {(cache ? "on" : "off")}; {Environment.ProcessorCount} cores, both ends in this process");
        return [.. args.Where(a => a != NoSignatureCache)];
    }

    /// <summary>
    /// CPU time of this process (both ends) per handshake, and the rate that CPU cost allows on this machine's cores:
    /// on a shared machine the wall-clock rate mostly measures the other tenants, this much less so.
    /// </summary>
    public static string CpuLine(double cpuSeconds, int handshakes)
    {
        var perHandshake = cpuSeconds / handshakes;
        return FormattableString.Invariant(
            $"process CPU: {cpuSeconds:F2} s = {perHandshake * 1e3:F3} ms per handshake (both ends) -> CPU-bound ceiling on {Environment.ProcessorCount} idle cores: {Environment.ProcessorCount / perHandshake:F0}/s");
    }
}
