using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Adapters.Libp2p;
using Rapport.Host.Composition;
using Rapport.Host.Daemon;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Hosting;

/// <summary>
/// The node's peer side: the libp2p host listening where the options say, with the daemon on it (consent and sync
/// protocols, address book, re-dial and expiry loops). Stopping ends the daemon's loops and sessions, then closes
/// every connection and the listeners.
/// </summary>
public sealed class PeerNetworkService(Libp2pHost host, NodeDaemon daemon, IOptions<RapportNodeOptions> options, ILogger<PeerNetworkService> logger) : IHostedService
{
    private int _running;

    /// <summary>Where peers can dial this node, each ending in <c>/p2p/&lt;peer id&gt;</c> (after start).</summary>
    public IReadOnlyList<Multiaddr> Addresses { get; private set; } = [];

    /// <exception cref="NodeStartException">The node cannot listen where it was asked to.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        daemon.Attach();
        Volatile.Write(ref _running, 1);
        if (options.Value.Listen.Count == 0)
        {
            // `--listen none`: no peer can reach this node; it still dials out when asked to.
            await daemon.StartAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var listening = await host.ListenAsync(options.Value.Listen.Select(a => Multiaddr.Parse(a).Value), cancellationToken).ConfigureAwait(false);
        if (listening.IsFailure)
        {
            await StopAsync(cancellationToken).ConfigureAwait(false);
            throw new NodeStartException(listening.Error.ToRapport() with { Field = "listen" });
        }

        Addresses = [.. listening.Value.SelectMany(ListenAddresses.Dialable).Select(a => a.With(host.PeerId))];
        await daemon.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 0) == 1)
        {
            HostingLog.Stopping(logger, "the peer network");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await daemon.DisposeAsync().ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
            await host.DisposeAsync().ConfigureAwait(false);
            HostingLog.Stopped(logger, "the peer network", clock.ElapsedMilliseconds);
        }
    }
}
