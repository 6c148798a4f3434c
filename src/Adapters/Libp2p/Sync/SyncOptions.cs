using Rapport.Application.Peers;
using Rapport.Protocol.Sharing.V1;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>Timeouts of <c>/rapport/sync/1.0.0</c> sessions.</summary>
public sealed record SyncOptions
{
    /// <summary>How long to wait for the peer's Hello (and for a stream to open) before giving up.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a closing session waits for the peer to close its side before resetting the stream.</summary>
    public TimeSpan CloseGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the dialing side waits before opening again a session whose stream broke while the connection stayed
    /// up, given the failed attempts so far (default: 1 s doubling to 5 min, with jitter).
    /// </summary>
    public Func<int, TimeSpan> ResumeBackoff { get; init; } = failures => RedialBackoff.Delay(failures, Random.Shared.NextDouble());

    /// <summary>Sees every frame a session sends (<c>sent</c> true) or receives intact, with the peer id (for logs).</summary>
    public Action<string, bool, SyncMessage>? Trace { get; init; }
}
