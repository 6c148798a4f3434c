using Rapport.Adapters.Libp2p.Addressing;
using Rapport.Adapters.Libp2p.Network;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.Common;
using Rapport.Application.Peers;
using Rapport.Application.Peers.Delivery;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Purge;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Refusals;
using Rapport.Host.Composition;

namespace Rapport.Host.Daemon;

/// <summary>
/// What `rapport run` adds to a bare libp2p host: the consent protocol served with the real use cases, an outgoing
/// consent channel that reaches known peers, <c>/rapport/sync/1.0.0</c> for the shared records, the address book
/// kept up to date from connection events, and the re-dial/re-delivery loops.
/// </summary>
public sealed class NodeDaemon : IAsyncDisposable
{
    private readonly Action<string> _log;
    private readonly SharedRecordChanges _sessions = new();
    private readonly RecordProtocolRefusal _refusals;
    private readonly BackgroundWork _work;
    private readonly TimeSpan _drain;
    private int _disposed;

    /// <param name="drain">How long a stop lets running sync rounds and connection work finish before cancelling them.</param>
    public NodeDaemon(NodeServices services, Libp2pHost host, IGrantSigner signer, Action<string> log, TimeSpan? drain = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(signer);
        Services = services;
        Host = host;
        Signer = signer;
        _log = log;
        _work = new BackgroundWork(log);
        _drain = drain ?? TimeSpan.FromSeconds(5);
        Directory = new PeerDirectory(services.UnitOfWork, services.Clock);
        Connector = new PeerConnector(host, Directory, log);
        Channel = new ConnectingConsentChannel(Connector, new Libp2pConsentChannel(host));
        Redialer = new PeerRedialer(host, Directory, Connector, new DeliverPendingGrants(services.UnitOfWork, signer, Channel), log, SyncSoon);
        NodeClock = new NodeClock(services.UnitOfWork, signer, services.Clock);

        _refusals = new RecordProtocolRefusal(services.UnitOfWork, services.Clock);
        Sync = new Libp2pSyncService(
            host, new SharedRecordSync(services.UnitOfWork, signer, services.Clock, NodeClock, _sessions, services.Gate, _refusals), _sessions, log: line => log($"[sync] {line}"));
        Changes = new SyncOnChange(_sessions, Sync, _work, log);

        // Whichever side learns of a new grant last (the customer signing it, the business accepting it) opens the
        // session; if both do, the sync service keeps one by its dial rule.
        new ConsentProtocol(
            new ReceiveRequest(services.UnitOfWork, signer, services.Clock),
            new ReceiveGrant(services.UnitOfWork, signer, services.Clock, NodeClock, Changes),
            new ReceiveDecline(services.UnitOfWork, services.Clock),
            _refusals).Register(host);
        Expiry = new ExpirySweeper(new PurgeExpiredGrants(services.UnitOfWork, signer, services.Clock, NodeClock), log);
        Sync.Start();
        host.Connected += OnConnected;
        host.Disconnected += OnDisconnected;
    }

    public NodeServices Services { get; }

    public Libp2pHost Host { get; }

    public IGrantSigner Signer { get; }

    public PeerDirectory Directory { get; }

    public PeerConnector Connector { get; }

    public IConsentChannel Channel { get; }

    public PeerRedialer Redialer { get; }

    /// <summary>The node's hybrid logical clock, shared by every use case that stamps shared-record writes.</summary>
    public NodeClock NodeClock { get; }

    /// <summary>Tells sync that a shared record changed locally: live sessions send it, and one is opened if none runs.</summary>
    public ISharedRecordChanges Changes { get; }

    public Libp2pSyncService Sync { get; }

    public ExpirySweeper Expiry { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Expiry.Start();
        return Redialer.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Starts (or asks for a round of) a sync session with <paramref name="peerId"/>: sessions open by themselves only
    /// when a connection comes up, and a grant delivered on an existing connection is the start of a relationship.
    /// </summary>
    public void SyncSoon(string peerId) => _work.Run($"sync {peerId}", async stopping =>
    {
        var synced = await Sync.SyncWithAsync(peerId, stopping).ConfigureAwait(false);
        if (synced.IsFailure && synced.Error.Code != SyncErrors.NoRelationship)
        {
            _log($"[sync] with {peerId}: {synced.Error.Code}: {synced.Error.Message}");
        }
    });

    private void OnConnected(PeerConnection connection) => _work.Run($"connect {connection.RemotePeer}", async stopping =>
    {
        var peer = connection.RemotePeer.ToString();
        await Directory.ConnectedAsync(peer).ConfigureAwait(false);
        if (connection.Direction == ConnectionDirection.Inbound)
        {
            await LearnAddressesAsync(connection).ConfigureAwait(false);
        }

        // Grants signed while the business was away go out as soon as it is back.
        Redialer.Kick(peer);
    });

    private void OnDisconnected(PeerConnection connection) => _work.Run($"disconnect {connection.RemotePeer}", async stopping =>
    {
        var peer = connection.RemotePeer.ToString();
        if (Host.TryGetConnection(connection.RemotePeer, out _))
        {
            return;
        }

        if (await Directory.FindAsync(peer).ConfigureAwait(false) is { Addresses.Count: > 0 })
        {
            Redialer.Kick(peer);
        }
    });

    // A peer that dialed us comes from an ephemeral port; what it listens on is learnt from identify, with a wildcard
    // listen address replaced by the address it connected from.
    private async Task LearnAddressesAsync(PeerConnection connection)
    {
        var identified = await Host.IdentifyAsync(connection.RemoteAddress.With(connection.RemotePeer)).ConfigureAwait(false);
        if (identified.IsFailure)
        {
            _log($"[peers] could not identify {connection.RemotePeer}: {identified.Error.Message}");
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
            await Directory.RememberAsync(connection.RemotePeer.ToString(), addresses).ConfigureAwait(false);
            _log($"[peers] {connection.RemotePeer} listens on {string.Join(", ", addresses)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Host.Connected -= OnConnected;
        Host.Disconnected -= OnDisconnected;

        // Sync rounds and connection work under way finish (or are cancelled at the deadline) before their parts go.
        await _work.StopAsync(_drain).ConfigureAwait(false);
        await _work.DisposeAsync().ConfigureAwait(false);
        await Redialer.DisposeAsync().ConfigureAwait(false);
        await Expiry.DisposeAsync().ConfigureAwait(false);
        await Sync.DisposeAsync().ConfigureAwait(false);

        // Refusal counts held back by the audit cap would otherwise be lost with the process.
        try
        {
            await _refusals.FlushAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // best effort: a failed write must not keep the node from stopping
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log($"[audit] refusal counts not written at stop: {e.Message}");
        }
    }
}
