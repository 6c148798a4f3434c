using Microsoft.Extensions.Hosting;
using Rapport.Adapters.Libp2p.Addressing;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Adapters.Libp2p.Network;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Host.Composition;
using Rapport.Host.Daemon;

namespace Rapport.Host.Hosting;

/// <summary>
/// The node's peer side: the libp2p host listening where the options say, with the daemon on it (consent and sync
/// protocols, address book, re-dial and expiry loops). Stopping ends the daemon's loops and sessions, then closes
/// every connection and the listeners.
/// </summary>
public sealed class PeerNetworkService(NodeServices node, NodeIdentity identity, RapportNodeOptions options, Action<string> log) : IHostedService
{
    private NodeDaemon? _daemon;

    /// <summary>The running daemon (after start).</summary>
    public NodeDaemon Daemon => _daemon ?? throw new InvalidOperationException("the peer network has not started");

    /// <summary>Where peers can dial this node, each ending in <c>/p2p/&lt;peer id&gt;</c> (after start).</summary>
    public IReadOnlyList<Multiaddr> Addresses { get; private set; } = [];

    /// <exception cref="NodeStartException">The node cannot listen where it was asked to.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var host = new Libp2pHost(identity, new Libp2pOptions(), message => log($"[p2p] {message}"));
        var daemon = new NodeDaemon(node, host, new Ed25519GrantSigner(identity), log, options.ShutdownTimeout);
        var listening = await host.ListenAsync(options.Listen.Select(a => Multiaddr.Parse(a).Value), cancellationToken).ConfigureAwait(false);
        if (listening.IsFailure)
        {
            await StopAsync(daemon).ConfigureAwait(false);
            throw new NodeStartException(listening.Error with { Field = "listen" });
        }

        Addresses = [.. listening.Value.SelectMany(ListenAddresses.Dialable).Select(a => a.With(host.PeerId))];
        _daemon = daemon;
        await daemon.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _daemon, null) is { } daemon)
        {
            await StopAsync(daemon).ConfigureAwait(false);
        }
    }

    private static async Task StopAsync(NodeDaemon daemon)
    {
        await daemon.DisposeAsync().ConfigureAwait(false);
        await daemon.Host.StopAsync().ConfigureAwait(false);
        await daemon.Host.DisposeAsync().ConfigureAwait(false);
    }
}
