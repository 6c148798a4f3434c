using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.Peers;
using Rapport.Application.Sharing.Refusals;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Daemon;

/// <summary>
/// What `rapport run` adds to a bare libp2p host: the consent protocol served with the real use cases, an outgoing
/// consent channel that reaches known peers, <c>/rapport/sync/1.0.0</c> for the shared records, the address book
/// kept up to date from connection events, and the re-dial/re-delivery loops.
/// </summary>
public sealed class NodeDaemon(
    Libp2pHost host,
    PeerDirectory directory,
    PeerRedialer redialer,
    Libp2pSyncService sync,
    ExpirySweeper expiry,
    ConsentProtocol consent,
    RecordProtocolRefusal refusals,
    BackgroundWork work,
    IOptions<HostOptions> stopping,
    ILogger<NodeDaemon> logger) : IAsyncDisposable
{
    private int _attached;
    private int _disposed;

    /// <summary>
    /// Serves the consent and sync protocols on the host and follows its connections. Called once, before the host
    /// listens, so that no peer reaches a node that does not answer them yet.
    /// </summary>
    public void Attach()
    {
        if (Interlocked.Exchange(ref _attached, 1) == 1)
        {
            return;
        }

        // Whichever side learns of a new grant last (the customer signing it, the business accepting it) opens the
        // session; if both do, the sync service keeps one by its dial rule.
        consent.Register(host);
        sync.Start();
        host.Connected += OnConnected;
        host.Disconnected += OnDisconnected;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        expiry.Start();
        return redialer.StartAsync(cancellationToken);
    }

    private void OnConnected(PeerConnection connection) => work.Run($"connect {connection.RemotePeer}", async stopping =>
    {
        var peer = connection.RemotePeer.ToString();
        await directory.ConnectedAsync(peer).ConfigureAwait(false);
        if (connection.Direction == ConnectionDirection.Inbound)
        {
            await LearnAddressesAsync(connection).ConfigureAwait(false);
        }

        // Grants signed while the business was away go out as soon as it is back.
        redialer.Kick(peer);
    });

    private void OnDisconnected(PeerConnection connection) => work.Run($"disconnect {connection.RemotePeer}", async stopping =>
    {
        var peer = connection.RemotePeer.ToString();
        if (host.TryGetConnection(connection.RemotePeer, out _))
        {
            return;
        }

        if (await directory.FindAsync(peer).ConfigureAwait(false) is { Addresses.Count: > 0 })
        {
            redialer.Kick(peer);
        }
    });

    // A peer that dialed us comes from an ephemeral port; what it listens on is learnt from identify, with a wildcard
    // listen address replaced by the address it connected from.
    private async Task LearnAddressesAsync(PeerConnection connection)
    {
        var identified = await host.IdentifyAsync(connection.RemoteAddress.With(connection.RemotePeer)).ConfigureAwait(false);
        if (identified.IsFailure)
        {
            DaemonLog.IdentifyFailed(logger, connection.RemotePeer.ToString(), identified.Error.Message);
            return;
        }

        var remoteHost = connection.RemoteAddress.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries) is [var family, var ip, ..] ? $"/{family}/{ip}" : null;
        var addresses = new List<string>();
        foreach (var bytes in identified.Value.ListenAddrs)
        {
            var decoded = Multiaddr.TryDecode(bytes);
            if (decoded.IsFailure)
            {
                continue;
            }

            var text = decoded.Value.WithoutPeerId().ToString();
            foreach (var wildcard in (string[])["/ip4/0.0.0.0", "/ip6/::"])
            {
                if (text.StartsWith(wildcard + "/", StringComparison.Ordinal) && remoteHost is not null)
                {
                    text = remoteHost + text[wildcard.Length..];
                }
            }

            if (Multiaddr.Parse(text).TryGetValue(out var dialable) && dialable.ToEndPoint().IsSuccess)
            {
                addresses.Add(dialable.With(connection.RemotePeer).ToString());
            }
        }

        if (addresses.Count > 0)
        {
            await directory.RememberAsync(connection.RemotePeer.ToString(), addresses).ConfigureAwait(false);
            DaemonLog.PeerListens(logger, connection.RemotePeer.ToString(), string.Join(", ", addresses));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        host.Connected -= OnConnected;
        host.Disconnected -= OnDisconnected;

        // Sync rounds and connection work under way finish (or are cancelled at the deadline) before their parts go.
        await work.StopAsync(stopping.Value.ShutdownTimeout).ConfigureAwait(false);
        await work.DisposeAsync().ConfigureAwait(false);
        await redialer.DisposeAsync().ConfigureAwait(false);
        await expiry.DisposeAsync().ConfigureAwait(false);
        await sync.DisposeAsync().ConfigureAwait(false);

        // Refusal counts held back by the audit cap would otherwise be lost with the process.
        try
        {
            await refusals.FlushAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // best effort: a failed write must not keep the node from stopping
        catch (Exception e)
#pragma warning restore CA1031
        {
            DaemonLog.RefusalCountsLost(logger, e);
        }
    }
}
