namespace Rapport.Interop.Tests.Libp2p;

/// <summary>Command-line settings of one js-libp2p peer process.</summary>
/// <param name="Listen">Listen multiaddrs; empty means /ip4/127.0.0.1/tcp/0.</param>
/// <param name="Agent">Identify agentVersion; null keeps js-libp2p's own.</param>
/// <param name="SeedHex">32-byte Ed25519 seed as 64 hex characters for a fixed peer id; null means a random key.</param>
public sealed record JsLibp2pPeerOptions(IReadOnlyList<string>? Listen = null, string? Agent = null, string? SeedHex = null)
{
    public static JsLibp2pPeerOptions Default { get; } = new();

    public IEnumerable<string> ToArguments()
    {
        foreach (var addr in Listen ?? [])
        {
            yield return "--listen";
            yield return addr;
        }

        if (Agent is not null)
        {
            yield return "--agent";
            yield return Agent;
        }

        if (SeedHex is not null)
        {
            yield return "--seed";
            yield return SeedHex;
        }
    }
}
