using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Rapport.Adapters.Libp2p.Addressing;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Adapters.Libp2p.Network;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Interactions;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.List;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Refusals;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;
using Rapport.Protocol.Sharing.V1;
using Rapport.Tests.Shared;
using DomainAccess = Rapport.Domain.Consent.AccessLevel;

namespace Rapport.Adapters.Libp2p.Tests.Sync;

/// <summary>
/// A whole node for the sync tests: real identity, libp2p host on loopback, SQLite file, the consent use cases and
/// the real <see cref="SharedRecordSync"/> behind <see cref="Libp2pSyncService"/>. Every sync frame is recorded.
/// </summary>
internal sealed class SyncNode : IAsyncDisposable
{
    private readonly string _directory;
    private bool _syncStopped;

    private SyncNode(string directory, NodeIdentity identity, Libp2pHost host, SqliteUnitOfWorkFactory store, Multiaddr address, TimeSpan clockOffset)
    {
        _directory = directory;
        Host = host;
        Store = store;
        Address = address;
        Signer = new Ed25519GrantSigner(identity);
        Clock = new OffsetClock(clockOffset);
        var channel = new Libp2pConsentChannel(host);
        NodeClock = new NodeClock(store, Signer, Clock);
        Refusals = new RecordProtocolRefusal(store, Clock);
        Request = new RequestSharing(store, channel, Signer, Clock, new RandomIds());
        Pending = new ListSharingRequests(store);
        Accept = new AcceptRequest(store, Signer, channel, Clock, NodeClock, Changes);
        Revoke = new RevokeGrant(store, Signer, channel, Clock, NodeClock, Changes);
        new ConsentProtocol(new ReceiveRequest(store, Signer, Clock), new ReceiveGrant(store, Signer, Clock, NodeClock, Changes), new ReceiveDecline(store, Clock), Refusals).Register(host);
        Gate = new ConsentGate(PolicyMatrix.Default, store.Database.Journal);
        Edit = new EditSharedField(store, Signer, Clock, NodeClock, Changes, Gate);
        UpdateProfile = new UpdateProfile(store, Signer, Clock, NodeClock, Changes);
        LogInteraction = new LogSharedInteraction(store, Signer, Clock, new RandomIds(), NodeClock, Changes);
        Sync = NewSyncService();
    }

    public Libp2pHost Host { get; }
    public SqliteUnitOfWorkFactory Store { get; }
    public ConsentGate Gate { get; }
    public Multiaddr Address { get; }
    public Ed25519GrantSigner Signer { get; }
    public OffsetClock Clock { get; }
    public NodeClock NodeClock { get; }
    public SharedRecordChanges Changes { get; } = new();
    public RequestSharing Request { get; }
    public ListSharingRequests Pending { get; }
    public AcceptRequest Accept { get; }
    public RevokeGrant Revoke { get; }
    public EditSharedField Edit { get; }
    public UpdateProfile UpdateProfile { get; }
    public LogSharedInteraction LogInteraction { get; }

    public RecordProtocolRefusal Refusals { get; }
    public Libp2pSyncService Sync { get; private set; }
    public string PeerId => Signer.LocalPeerId;

    /// <summary>What the sync service logged.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Every sync frame this node sent (true) or received (false), in order.</summary>
    public ConcurrentQueue<(bool Sent, SyncMessage Message)> Frames { get; } = new();

    public static async Task<SyncNode> StartAsync(TimeSpan clockOffset = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-sync-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = await SqliteDatabase.OpenAsync(Path.Combine(directory, "rapport.db"), create: true);
        var identity = NodeIdentity.Generate();
        var host = new Libp2pHost(identity);
        var listening = await host.ListenAsync([Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value]);
        var address = listening.Value[0].With(identity.PeerId);
        return new SyncNode(directory, identity, host, new SqliteUnitOfWorkFactory(database), address, clockOffset);
    }

    /// <summary>
    /// Business <paramref name="business"/> asks <paramref name="customer"/> for <paramref name="fields"/>, the customer
    /// (whose profile holds <paramref name="profile"/>) grants them all; the nodes are connected.
    /// </summary>
    public static async Task RelateAsync(SyncNode business, SyncNode customer, IReadOnlyDictionary<string, DomainAccess> fields, IReadOnlyDictionary<string, string> profile)
    {
        await using (var work = await customer.Store.BeginAsync())
        {
            foreach (var (key, value) in profile)
            {
                await work.Profile.SetAsync(key, value, DateTimeOffset.UtcNow);
            }

            await work.CommitAsync();
        }

        Assert.True((await business.Host.ConnectAsync(customer.Address)).IsSuccess);
        var requested = await business.Request.ExecuteAsync(new RequestSharingCommand(customer.PeerId, fields, ["support"], TimeSpan.FromDays(30), "to help you", "test"));
        Assert.True(requested.IsSuccess, requested.IsFailure ? requested.Error.ToString() : null);
        var pending = Assert.Single(await customer.Pending.PendingIncomingAsync());
        var accepted = await customer.Accept.ExecuteAsync(new AcceptRequestCommand(pending.Id, fields, ["support"], "test"));
        Assert.True(accepted.IsSuccess, accepted.IsFailure ? accepted.Error.ToString() : null);
        Assert.True(accepted.Value.Delivered, accepted.Value.DeliveryError?.ToString());
    }

    public async Task<SharedRecord?> RecordAsync(string remotePeerId)
    {
        await using var work = await Store.BeginAsync();
        var relationship = await Relationship.FindAsync(work, PeerId, remotePeerId, CancellationToken.None);
        return relationship is null ? null : await work.SharedRecords.FindAsync(relationship.Pair, PeerId);
    }

    /// <summary>Polls until <paramref name="condition"/> holds on the record with <paramref name="remotePeerId"/> (20 s at most).</summary>
    public async Task<SharedRecord> WaitForAsync(string remotePeerId, Func<SharedRecord, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var record = await RecordAsync(remotePeerId);
            if (record is not null && condition(record))
            {
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what} on {PeerId}");
            await Task.Delay(20);
        }
    }

    public async Task<SyncSessionStatus> WaitForStatusAsync(string remotePeerId, Func<SyncSessionStatus, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (Sync.StatusOf(remotePeerId) is { } status && condition(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; status {Sync.StatusOf(remotePeerId)}; log: {string.Join(" | ", Log)}");
            await Task.Delay(20);
        }
    }

    /// <summary>Stops this node's sync service (its host then speaks the protocol only by hand, in tests).</summary>
    public async Task StopSyncAsync()
    {
        _syncStopped = true;
        await Sync.DisposeAsync();
    }

    /// <summary>
    /// Opens a sync stream to <paramref name="peer"/> from this node's host, outside its sync service (tests speak
    /// the protocol by hand on it), and sends a Hello for grant version 1 if asked.
    /// </summary>
    public async Task<Stream> OpenSyncStreamAsync(SyncNode peer, bool hello)
    {
        var opened = await Host.OpenStreamAsync(Rapport.Adapters.Libp2p.Identity.PeerId.Parse(peer.PeerId).Value, Libp2pSyncService.ProtocolId);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.ToString() : null);
        var stream = opened.Value.Stream;
        if (hello)
        {
            await SyncFrame.Codec.WriteAsync(stream, new SyncMessage { Hello = new Hello { GrantVersion = 1 } }, CancellationToken.None);
        }

        return stream;
    }

    /// <summary>Stops this node's sync service and starts a new one on the same host and connections.</summary>
    public async Task RestartSyncAsync(TimeSpan downFor)
    {
        await Sync.DisposeAsync();
        await Task.Delay(downFor);
        Sync = NewSyncService();
    }

    private Libp2pSyncService NewSyncService()
    {
        var options = new SyncOptions
        {
            Trace = (peer, sent, message) => Frames.Enqueue((sent, message.Clone())),
            ResumeBackoff = failures => TimeSpan.FromMilliseconds(50 * (failures + 1)),
        };
        var sync = new Libp2pSyncService(Host, new SharedRecordSync(Store, Signer, Clock, NodeClock, Changes, Gate, Refusals), Changes, options, logger: new LineLogger<Libp2pSyncService>(Log.Enqueue));
        sync.Start();
        return sync;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_syncStopped)
        {
            await Sync.DisposeAsync();
        }

        await Host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }

    internal sealed class OffsetClock(TimeSpan offset) : IClock
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + offset;
    }

    private sealed class RandomIds : IIdGenerator
    {
        public Guid NewId() => Guid.CreateVersion7();
    }
}
