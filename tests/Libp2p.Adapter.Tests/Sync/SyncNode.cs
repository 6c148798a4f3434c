using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Interactions;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.List;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.SharedRecords;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Network;
using Rapport.Protocol.Sharing.V1;
using Rapport.Tests.Shared;
using DomainAccess = Rapport.Domain.Consent.AccessLevel;

namespace Rapport.Adapters.Libp2p.Tests.Sync;

/// <summary>
/// A whole node for the sync tests, started as `rapport run` starts one (<see cref="RunningNode"/>: its data dir, store,
/// libp2p host on loopback, consent protocol, sync service, re-dialer and daemon, from the node's one composition).
/// The test replaces only the clock (to skew it) and the sync options (every frame is recorded; a broken session
/// resumes within 50 ms instead of 1 s); the node's log lines are kept.
/// </summary>
internal sealed class SyncNode : IAsyncDisposable
{
    private readonly string _directory;
    private readonly RunningNode _node;
    private readonly SyncOptions _options;

    private SyncNode(string directory, RunningNode node, OffsetClock clock, SyncOptions options, ConcurrentQueue<string> log, ConcurrentQueue<(bool, SyncMessage)> frames)
    {
        _directory = directory;
        _node = node;
        _options = options;
        Clock = clock;
        Log = log;
        Frames = frames;
        Sync = node.Get<Libp2pSyncService>();
    }

    public Libp2pHost Host => _node.Get<Libp2pHost>();
    public IUnitOfWorkFactory Store => _node.Get<IUnitOfWorkFactory>();
    public ConsentGate Gate => _node.Get<ConsentGate>();
    public Multiaddr Address => _node.Addresses[0];
    public IGrantSigner Signer => _node.Get<IGrantSigner>();
    public OffsetClock Clock { get; }
    public NodeClock NodeClock => _node.Get<NodeClock>();

    /// <summary>The node's change notifications, as its use cases raise them.</summary>
    public ISharedRecordChanges Changes => _node.Get<ISharedRecordChanges>();
    public RequestSharing Request => _node.Get<RequestSharing>();
    public ListSharingRequests Pending => _node.Get<ListSharingRequests>();
    public AcceptRequest Accept => _node.Get<AcceptRequest>();
    public RevokeGrant Revoke => _node.Get<RevokeGrant>();
    public EditSharedField Edit => _node.Get<EditSharedField>();
    public UpdateProfile UpdateProfile => _node.Get<UpdateProfile>();
    public LogSharedInteraction LogInteraction => _node.Get<LogSharedInteraction>();

    /// <summary>The node's sync service (after <see cref="RestartSyncAsync"/>, the one that replaced it).</summary>
    public Libp2pSyncService Sync { get; private set; }
    public string PeerId => Signer.LocalPeerId;

    /// <summary>What the node logged.</summary>
    public ConcurrentQueue<string> Log { get; }

    /// <summary>Every sync frame this node sent (true) or received (false), in order.</summary>
    public ConcurrentQueue<(bool Sent, SyncMessage Message)> Frames { get; }

    /// <summary>Any use case or part of the node, from its container.</summary>
    public T Get<T>() where T : notnull => _node.Get<T>();

    public static async Task<SyncNode> StartAsync(TimeSpan clockOffset = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-sync-" + Guid.NewGuid().ToString("N"));
        var data = new DataDirectory(directory);
        var laid = await NewNode.CreateAsync(data);
        Assert.True(laid.IsSuccess, laid.IsFailure ? laid.Error.ToString() : null);
        var clock = new OffsetClock(clockOffset);
        var log = new ConcurrentQueue<string>();
        var frames = new ConcurrentQueue<(bool, SyncMessage)>();
        var options = new SyncOptions
        {
            Trace = (peer, sent, message) => frames.Enqueue((sent, message.Clone())),
            ResumeBackoff = failures => TimeSpan.FromMilliseconds(50 * (failures + 1)),
        };
        var started = await RunningNode.StartAsync(data, [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value], log.Enqueue, CancellationToken.None, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IClock>(clock));
            services.Replace(ServiceDescriptor.Singleton(options));
        });
        Assert.True(started.IsSuccess, started.IsFailure ? started.Error.ToString() : null);
        return new SyncNode(directory, started.Value, clock, options, log, frames);
    }

    /// <summary>
    /// Business <paramref name="business"/> asks <paramref name="customer"/> for <paramref name="fields"/>, the customer
    /// (whose profile holds <paramref name="profile"/>) grants them all; the nodes are connected.
    /// </summary>
    /// <param name="deliverable">False: the business no longer serves the consent protocol when the customer accepts,
    /// so the grant is stored on the customer's node only and must travel on a sync session.</param>
    public static async Task RelateAsync(
        SyncNode business, SyncNode customer, IReadOnlyDictionary<string, DomainAccess> fields, IReadOnlyDictionary<string, string> profile, bool deliverable = true)
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
        if (!deliverable)
        {
            Assert.True(business.Host.Protocols.Unregister(Rapport.Adapters.Libp2p.Sharing.ConsentProtocol.Id));
        }

        var accepted = await customer.Accept.ExecuteAsync(new AcceptRequestCommand(pending.Id, fields, ["support"], "test"));
        Assert.True(accepted.IsSuccess, accepted.IsFailure ? accepted.Error.ToString() : null);
        Assert.True(accepted.Value.Delivered == deliverable, accepted.Value.DeliveryError?.ToString());
    }

    /// <summary>Syncs with <paramref name="peer"/> now, as `rapport sync now` does, and fails the test with the reason if that fails.</summary>
    public async Task SyncNowAsync(SyncNode peer)
    {
        var synced = await Sync.SyncWithAsync(peer.PeerId);
        Assert.True(synced.IsSuccess, synced.IsFailure ? $"{synced.Error}; log: {string.Join(" | ", Log)}" : null);
    }

    /// <summary>
    /// Cuts <paramref name="a"/> and <paramref name="b"/> apart as a network partition would: each blocks the other
    /// (so neither node's re-dialer reaches the other) and their connections close; returns once both sessions ended.
    /// </summary>
    public static async Task PartitionAsync(SyncNode a, SyncNode b)
    {
        await a.Host.Block(b.Host.PeerId);
        await b.Host.Block(a.Host.PeerId);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (a.Host.Connections.Count != 0 || b.Host.Connections.Count != 0 ||
               a.Sync.StatusOf(b.PeerId) is { IsLive: true } || b.Sync.StatusOf(a.PeerId) is { IsLive: true })
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the nodes to disconnect");
            await Task.Delay(20);
        }
    }

    /// <summary>Ends the partition and connects <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static async Task HealAsync(SyncNode from, SyncNode to)
    {
        from.Host.Unblock(to.Host.PeerId);
        to.Host.Unblock(from.Host.PeerId);
        var connected = await from.Host.ConnectAsync(to.Address);
        Assert.True(connected.IsSuccess, connected.IsFailure ? connected.Error.ToString() : null);
    }

    /// <summary>
    /// Revocation first (§6.2): since the frames were cleared only Hellos, the revocation and consent refusals crossed,
    /// never a delta. The revocation reaches the business pushed on a session, or on the consent protocol by the
    /// customer's delivery of what it could not deliver before (whichever wins); then either side refuses the session.
    /// </summary>
    public static void AssertOnlyTheRevocationCrossed(SyncNode business, SyncNode customer) =>
        Assert.All(business.Frames.Concat(customer.Frames), f => Assert.True(
            f.Message.BodyCase is SyncMessage.BodyOneofCase.Hello or SyncMessage.BodyOneofCase.Grant
            || (f.Message.BodyCase == SyncMessage.BodyOneofCase.Error && f.Message.Error.Code == "CONSENT_REVOKED"),
            $"{(f.Sent ? "sent" : "received")} {f.Message}"));

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
    public async Task StopSyncAsync() => await Sync.DisposeAsync();

    /// <summary>
    /// Hands this node's end of the sync protocol with <paramref name="peer"/> to the test: waits for the session the
    /// relationship opened, stops this node's sync service, and waits until the peer's session has ended (a live
    /// session would otherwise win the tie-break against a hand-opened stream).
    /// </summary>
    public async Task SpeakSyncByHandWithAsync(SyncNode peer)
    {
        await WaitForStatusAsync(peer.PeerId, s => s.IsLive, "the session the grant opened");
        await StopSyncAsync();
        await peer.WaitForStatusAsync(PeerId, s => !s.IsLive, "the live session to end");
    }

    /// <summary>
    /// Opens a sync stream to <paramref name="peer"/> from this node's host, outside its sync service (tests speak
    /// the protocol by hand on it), and sends a Hello for grant version 1 if asked.
    /// </summary>
    public async Task<Stream> OpenSyncStreamAsync(SyncNode peer, bool hello)
    {
        var opened = await Host.OpenStreamAsync(Rapport.Libp2p.Identity.PeerId.Parse(peer.PeerId).Value, Libp2pSyncService.ProtocolId);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.ToString() : null);
        var stream = opened.Value.Stream;
        if (hello)
        {
            await SyncFrame.Codec.WriteAsync(stream, new SyncMessage { Hello = new Hello { GrantVersion = 1 } }, CancellationToken.None);
        }

        return stream;
    }

    /// <summary>
    /// Stops this node's sync service and, after <paramref name="downFor"/>, starts one like it on the same host and
    /// connections, over the node's own sync steps and change notifications (as a restarted sync part would).
    /// </summary>
    public async Task RestartSyncAsync(TimeSpan downFor)
    {
        await Sync.DisposeAsync();
        await Task.Delay(downFor);
        var sync = new Libp2pSyncService(Host, Get<ISharedRecordSync>(), Get<SharedRecordChanges>(), _options, logger: new LineLogger<Libp2pSyncService>(Log.Enqueue));
        sync.Start();
        Sync = sync;
    }

    public async ValueTask DisposeAsync()
    {
        // A service that replaced the node's is the test's to stop (stopping one twice is harmless).
        if (Sync != _node.Get<Libp2pSyncService>())
        {
            await Sync.DisposeAsync();
        }

        await _node.DisposeAsync();
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
}
