using Rapport.Adapters.Libp2p.Addressing;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Adapters.Libp2p.Network;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Policy.Gate;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Refusals;
using Rapport.Application.Sharing.Request;
using Rapport.Domain.Policy;
using Rapport.Host.Composition;

namespace Rapport.Bench.Sync;

/// <summary>
/// One node as the sync benchmark needs it: its identity and SQLite file, the consent use cases and the real
/// <see cref="SharedRecordSync"/>, wired as the host wires them. A libp2p host is started per phase
/// (<see cref="StartAsync"/>), so the timed phase begins with no connection between the pair.
/// </summary>
internal sealed class SyncBenchNode
{
    private SyncBenchNode(NodeIdentity identity, SqliteUnitOfWorkFactory store)
    {
        Identity = identity;
        Store = store;
        Signer = new Ed25519GrantSigner(identity);
        NodeClock = new NodeClock(store, Signer, Clock);
        Sync = new SharedRecordSync(store, Signer, Clock, NodeClock, Changes, new ConsentGate(PolicyMatrix.Default, store.Database.Journal), new RecordProtocolRefusal(store, Clock));
    }

    public NodeIdentity Identity { get; }
    public SqliteUnitOfWorkFactory Store { get; }
    public Ed25519GrantSigner Signer { get; }
    public SystemClock Clock { get; } = new();
    public NodeClock NodeClock { get; }
    public SharedRecordChanges Changes { get; } = new();
    public SharedRecordSync Sync { get; }
    public string PeerId => Signer.LocalPeerId;

    public static async Task<SyncBenchNode> CreateAsync(string databasePath)
    {
        var database = await SqliteDatabase.OpenAsync(databasePath, create: true).ConfigureAwait(false);
        return new SyncBenchNode(NodeIdentity.Generate(), new SqliteUnitOfWorkFactory(database));
    }

    /// <summary>A listening host serving the consent protocol; with <paramref name="sync"/>, the sync protocol too.</summary>
    public async Task<Running> StartAsync(ISharedRecordSync? sync = null)
    {
        var host = new Libp2pHost(Identity);
        var listening = await host.ListenAsync([Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value]).ConfigureAwait(false);
        if (listening.IsFailure)
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"cannot listen: {listening.Error.Message}");
        }

        new ConsentProtocol(
            new ReceiveRequest(Store, Signer, Clock),
            new ReceiveGrant(Store, Signer, Clock, NodeClock, Changes),
            new ReceiveDecline(Store, Clock),
            new RecordProtocolRefusal(Store, Clock)).Register(host);
        Libp2pSyncService? service = null;
        if (sync is not null)
        {
            service = new Libp2pSyncService(host, sync, Changes);
            service.Start();
        }

        var channel = new Libp2pConsentChannel(host);
        return new Running(
            host,
            service,
            listening.Value[0].With(Identity.PeerId),
            new RequestSharing(Store, channel, Signer, Clock, new TimeOrderedIds()),
            new AcceptRequest(Store, Signer, channel, Clock, NodeClock, Changes));
    }

    internal sealed class Running(Libp2pHost host, Libp2pSyncService? sync, Multiaddr address, RequestSharing request, AcceptRequest accept) : IAsyncDisposable
    {
        public Libp2pHost Host { get; } = host;
        public Libp2pSyncService? SyncService { get; } = sync;
        public Multiaddr Address { get; } = address;
        public RequestSharing Request { get; } = request;
        public AcceptRequest Accept { get; } = accept;

        public async ValueTask DisposeAsync()
        {
            // Connections first, each until its completion has run: Libp2pSyncService.DisposeAsync throws when a
            // session ends while its connection is still open (it disposes the pending connection-closed continuation).
            foreach (var connection in Host.Connections)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                await connection.Completion.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }

            await Host.DisposeAsync().ConfigureAwait(false);
            if (SyncService is not null)
            {
                await SyncService.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
