using Microsoft.Data.Sqlite;
using Rapport.Adapters.Libp2p.Addressing;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Adapters.Libp2p.Network;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Common;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Decline;
using Rapport.Application.Sharing.List;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Refusals;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Revoke;

namespace Rapport.Adapters.Libp2p.Tests.Sharing;

/// <summary>A whole node for the consent flow: real identity, libp2p host on loopback, SQLite file, signer and use cases.</summary>
internal sealed class ConsentNode : IAsyncDisposable
{
    private readonly string _directory;

    private ConsentNode(string directory, NodeIdentity identity, Libp2pHost host, SqliteUnitOfWorkFactory store, Multiaddr address)
    {
        _directory = directory;
        Identity = identity;
        Host = host;
        Store = store;
        Address = address;
        Signer = new Ed25519GrantSigner(identity);
        Channel = new Libp2pConsentChannel(host);
        var clock = new SystemClock();
        Request = new RequestSharing(store, Channel, Signer, clock, new RandomIds());
        Pending = new ListSharingRequests(store);
        var nodeClock = new NodeClock(store, Signer, clock);
        Accept = new AcceptRequest(store, Signer, Channel, clock, nodeClock, Changes);
        Decline = new DeclineRequest(store, Channel, clock);
        Revoke = new RevokeGrant(store, Signer, Channel, clock, nodeClock, Changes);
        new ConsentProtocol(
            new ReceiveRequest(store, Signer, clock), new ReceiveGrant(store, Signer, clock, nodeClock, Changes), new ReceiveDecline(store, clock), new RecordProtocolRefusal(store, clock)).Register(host);
    }

    public NodeIdentity Identity { get; }
    public Libp2pHost Host { get; }
    public SqliteUnitOfWorkFactory Store { get; }
    public Multiaddr Address { get; }
    public Ed25519GrantSigner Signer { get; }
    public Libp2pConsentChannel Channel { get; }

    /// <summary>The shared-record changes the consent use cases raise (no sync runs here; a test may listen).</summary>
    public SharedRecordChanges Changes { get; } = new();
    public string PeerId => Signer.LocalPeerId;
    public RequestSharing Request { get; }
    public ListSharingRequests Pending { get; }
    public AcceptRequest Accept { get; }
    public DeclineRequest Decline { get; }
    public RevokeGrant Revoke { get; }

    public static async Task<ConsentNode> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-consent-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = await SqliteDatabase.OpenAsync(Path.Combine(directory, "rapport.db"), create: true);
        var identity = NodeIdentity.Generate();
        var host = new Libp2pHost(identity);
        var listening = await host.ListenAsync([Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value]);
        var address = listening.Value[0].With(identity.PeerId);
        return new ConsentNode(directory, identity, host, new SqliteUnitOfWorkFactory(database), address);
    }

    public async ValueTask DisposeAsync()
    {
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

    private sealed class SystemClock : IClock
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
    }

    private sealed class RandomIds : IIdGenerator
    {
        public Guid NewId() => Guid.CreateVersion7();
    }
}
