using NSubstitute;
using Rapport.Application.Audit;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Refusals;
using Rapport.Domain.Audit;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Tests.SharedRecords;

/// <summary>One node over substitute stores: grants and records are served from in-test state, saves are captured.</summary>
internal sealed class SyncFixture
{
    public const string Business = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P";
    public const string Customer = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1";
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly SharedRecordPair Pair = new(Business, Customer);

    public SyncFixture(string localPeerId)
    {
        Local = localPeerId;
        Work.Sharing.Returns(Sharing);
        Work.Audit.Returns(Audit);
        Work.SharedRecords.Returns(Records);
        Work.Profile.Returns(Profile);
        Profile.FindAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((string?)null);
        Factory.BeginAsync(Arg.Any<CancellationToken>()).Returns(Work);
        Clock.UtcNow.Returns(_ => CurrentTime);
        Signer.LocalPeerId.Returns(localPeerId);
        Records.FindAsync(Pair, localPeerId, Arg.Any<CancellationToken>()).Returns(_ => Stored?.Clone());
        Records.FindAsync(Pair, localPeerId, Arg.Any<InteractionsToLoad>(), Arg.Any<CancellationToken>()).Returns(_ => Stored?.Clone());
        Records.When(r => r.SaveAsync(Pair, Arg.Any<SharedRecord>(), Arg.Any<RecordChanges>(), Arg.Any<CancellationToken>()))
            .Do(call => Saved.Add(((SharedRecord)call[1]).Clone()));
        Audit.When(a => a.AppendAsync(Arg.Any<AuditEvent>(), Arg.Any<CancellationToken>())).Do(call => Audited.Add((AuditEvent)call[0]));
        NodeClock = new NodeClock(Factory, Signer, Clock);
    }

    public string Local { get; }
    public DateTimeOffset CurrentTime { get; set; } = Now;
    public SharedRecord? Stored { get; set; }
    public List<SharedRecord> Saved { get; } = [];
    public List<AuditEvent> Audited { get; } = [];

    public IUnitOfWorkFactory Factory { get; } = Substitute.For<IUnitOfWorkFactory>();
    public IUnitOfWork Work { get; } = Substitute.For<IUnitOfWork>();
    public ISharingStore Sharing { get; } = Substitute.For<ISharingStore>();
    public ISharedRecordStore Records { get; } = Substitute.For<ISharedRecordStore>();
    public IProfileStore Profile { get; } = Substitute.For<IProfileStore>();
    public IAuditStore Audit { get; } = Substitute.For<IAuditStore>();
    public IClock Clock { get; } = Substitute.For<IClock>();
    public IGrantSigner Signer { get; } = Substitute.For<IGrantSigner>();
    public ISharedRecordChanges Changes { get; } = Substitute.For<ISharedRecordChanges>();
    public NodeClock NodeClock { get; }

    public IAuditJournal Journal { get; } = Substitute.For<IAuditJournal>();

    public ConsentGate Gate => new(PolicyMatrix.Default, Journal);

    public SharedRecordSync Sync => new(Factory, Signer, Clock, NodeClock, Changes, Gate, new RecordProtocolRefusal(Factory, Clock));

    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static SignedConsentGrant Grant(
        long version, IReadOnlyDictionary<string, AccessLevel>? fields = null, DateTimeOffset? expires = null, bool revoked = false)
    {
        var grant = SharingGrant.Create(
            Business, Customer, null,
            fields ?? new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View, ["phone"] = AccessLevel.Edit },
            new Dictionary<string, bool> { ["support"] = true }, Now.AddDays(-1), expires ?? Now.AddDays(30), Now.AddMinutes(-1),
            revoked ? Now.AddMinutes(-1) : null, version).Value;
        return SignedConsentGrant.Create(grant, Enumerable.Repeat((byte)1, 64).ToArray(), [8, 1, 18, 32, .. new byte[32]]).Value;
    }

    public void HoldsGrant(SignedConsentGrant grant) =>
        Sharing.LatestGrantAsync(Business, Customer, Arg.Any<CancellationToken>()).Returns(grant);

    /// <summary>A record holding customer-written email, phone and salary plus one business interaction.</summary>
    public static SharedRecord RecordOwnedBy(string node)
    {
        var customer = SharedRecord.Create(Customer);
        customer.SetField("email", "ann@example.com", new HlcTimestamp(Ms(Now) - 10_000, 0, Customer));
        customer.SetField("phone", "555", new HlcTimestamp(Ms(Now) - 9_000, 0, Customer));
        customer.SetField("salary", "secret", new HlcTimestamp(Ms(Now) - 8_000, 0, Customer));
        customer.LogInteraction(SharedInteraction.Create("i-1", new HlcTimestamp(Ms(Now) - 7_000, 0, Customer), "call", "hello", Ms(Now)).Value);
        var record = SharedRecord.Create(node);
        record.Apply(customer.DeltaSince(VersionVector.Empty));
        return record;
    }
}
