using System.Security.Cryptography;
using System.Text;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Interactions;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Receive;
using Rapport.Application.Sharing.Refusals;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Common;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

/// <summary>
/// One node with its own SQLite file and every shared-record use case wired as the host wires them. Identity: a
/// per-node HMAC key stands in for the Ed25519 identity (signing is not under test here; signatures still verify or
/// fail for real). The consent channel hands grants straight to the other node's ReceiveGrant, or fails when offline.
/// </summary>
internal sealed class SyncNode : IAsyncDisposable
{
    private SyncNode(string peerId, TempDatabase db)
    {
        PeerId = peerId;
        Db = db;
        Identity = new TestIdentity(peerId);
        NodeClock = new NodeClock(db.Factory, Identity, Clock);
        Gate = new ConsentGate(PolicyMatrix.Default, db.Database.Journal);
        Sync = new SharedRecordSync(db.Factory, Identity, Clock, NodeClock, Changes, Gate, new RecordProtocolRefusal(db.Factory, Clock));
        Receive = new ReceiveGrant(db.Factory, Identity, Clock, NodeClock, Changes);
        Accept = new AcceptRequest(db.Factory, Identity, Channel, Clock, NodeClock, Changes);
        Revoke = new RevokeGrant(db.Factory, Identity, Channel, Clock, NodeClock, Changes);
        Edit = new EditSharedField(db.Factory, Identity, Clock, NodeClock, Changes, Gate);
        Log = new LogSharedInteraction(db.Factory, Identity, Clock, new RandomIds(), NodeClock, Changes);
        Profile = new UpdateProfile(db.Factory, Identity, Clock, NodeClock, Changes);
    }

    public string PeerId { get; }

    public ConsentGate Gate { get; }
    public TempDatabase Db { get; }
    public TestClock Clock { get; } = new();
    public TestIdentity Identity { get; }
    public NodeClock NodeClock { get; }
    public SharedRecordChanges Changes { get; } = new();
    public DirectChannel Channel { get; } = new();
    public SharedRecordSync Sync { get; }
    public ReceiveGrant Receive { get; }
    public AcceptRequest Accept { get; }
    public RevokeGrant Revoke { get; }
    public EditSharedField Edit { get; }
    public LogSharedInteraction Log { get; }
    public UpdateProfile Profile { get; }

    public static async Task<SyncNode> CreateAsync(string peerId) => new(peerId, await TempDatabase.CreateAsync());

    public async Task<SharedRecord> RecordAsync(SharedRecordPair pair)
    {
        await using var work = await Db.Factory.BeginAsync();
        return await work.SharedRecords.FindAsync(pair, PeerId) ?? SharedRecord.Create(PeerId);
    }

    public async Task<IReadOnlyList<Domain.Audit.AuditEvent>> AuditAsync()
    {
        await using var work = await Db.Factory.BeginAsync();
        return [.. (await work.Audit.QueryAsync(new Application.Audit.AuditQuery(null, null, 10_000))).Select(e => e.Event)];
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();

    internal sealed class TestClock : IClock
    {
        public DateTimeOffset UtcNow { get; set; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => UtcNow += by;
    }

    internal sealed class RandomIds : IIdGenerator
    {
        public Guid NewId() => Guid.NewGuid();
    }

    internal sealed class TestIdentity(string peerId) : IGrantSigner
    {
        public string LocalPeerId => peerId;

        public byte[] PublicKey => KeyOf(peerId);

        public byte[] Sign(byte[] message) => HMACSHA256.HashData(Secret(peerId), message);

        public bool Verify(byte[] publicKey, byte[] message, byte[] signature) =>
            Encoding.UTF8.GetString(publicKey) is ['k', 'e', 'y', ':', .. var owner] &&
            CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Secret(owner), message), signature);

        public bool BelongsTo(byte[] publicKey, string peer) => publicKey.AsSpan().SequenceEqual(KeyOf(peer));

        private static byte[] KeyOf(string peer) => Encoding.UTF8.GetBytes("key:" + peer);

        private static byte[] Secret(string peer) => SHA256.HashData(Encoding.UTF8.GetBytes("secret:" + peer));
    }

    internal sealed class DirectChannel : IConsentChannel
    {
        public Func<SignedConsentGrant, Task<Result<GrantReceipt>>>? Deliver { get; set; }

        public Task<Result<Unit>> SendRequestAsync(SharingRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<Result<Unit>>(new Error(new ErrorCode("OFFLINE", ErrorKind.Unavailable), "not connected"));

        public Task<Result<GrantReceipt>> DeliverGrantAsync(SignedConsentGrant grant, CancellationToken cancellationToken = default) =>
            Deliver?.Invoke(grant) ?? Task.FromResult<Result<GrantReceipt>>(new Error(new ErrorCode("OFFLINE", ErrorKind.Unavailable), "not connected"));

        public Task<Result<Unit>> SendDeclineAsync(string businessPeerId, SharingDecline decline, CancellationToken cancellationToken = default) =>
            Task.FromResult<Result<Unit>>(new Error(new ErrorCode("OFFLINE", ErrorKind.Unavailable), "not connected"));
    }
}
