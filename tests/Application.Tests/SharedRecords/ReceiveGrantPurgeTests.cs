using NSubstitute;
using Rapport.Application.Sharing.Receive;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Tests.SharedRecords;

/// <summary>protocol/sharing.md §5/§6.5: accepting a revocation or a narrower grant purges in the same transaction.</summary>
public sealed class ReceiveGrantPurgeTests
{
    private static readonly byte[] CustomerKey = [8, 1, 18, 32, .. new byte[32]];

    private static SyncFixture Business()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.Signer.BelongsTo(Arg.Any<byte[]>(), SyncFixture.Customer).Returns(true);
        node.Signer.Verify(Arg.Any<byte[]>(), Arg.Any<byte[]>(), Arg.Any<byte[]>()).Returns(true);
        node.Signer.Sign(Arg.Any<byte[]>()).Returns(new byte[64]);
        node.Signer.PublicKey.Returns(CustomerKey);
        node.Sharing.AddGrantAsync(Arg.Any<SignedConsentGrant>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(Result.Ok());
        node.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Business);
        return node;
    }

    private static ReceiveGrant UseCase(SyncFixture node) => new(node.Factory, node.Signer, node.Clock, node.NodeClock, node.Changes);

    [Fact]
    public async Task A_revocation_purges_every_field_above_the_customers_clock_and_audits_the_fields_only()
    {
        var node = Business();
        node.HoldsGrant(SyncFixture.Grant(1));
        var senderClock = new HlcTimestamp(SyncFixture.Ms(SyncFixture.Now) + 20_000, 4, SyncFixture.Customer);

        var receipt = await UseCase(node).ExecuteAsync(SyncFixture.Grant(2, revoked: true), SyncFixture.Customer, senderClock);

        Assert.True(receipt.IsSuccess);
        var saved = Assert.Single(node.Saved);
        Assert.Empty(saved.Fields);
        Assert.Equal(["email", "phone", "salary"], saved.PurgeWatermarks.Keys);
        Assert.All(saved.PurgeWatermarks.Values, w => Assert.True(w >= senderClock));
        var purged = Assert.Single(node.Audited, e => e.Action == "sharing.purged");
        Assert.Contains("fields=email,phone,salary", purged.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("ann@example.com", purged.Detail, StringComparison.Ordinal);
        node.Changes.Received(1).Changed(SyncFixture.Customer);
    }

    [Fact]
    public async Task A_grant_dropping_a_field_purges_it_and_anything_else_not_viewable_with_a_fresh_own_reading()
    {
        var node = Business();
        node.HoldsGrant(SyncFixture.Grant(1));

        var narrower = SyncFixture.Grant(2, new Dictionary<string, AccessLevel> { ["phone"] = AccessLevel.View });
        Assert.True((await UseCase(node).ExecuteAsync(narrower, SyncFixture.Customer)).IsSuccess);

        var saved = Assert.Single(node.Saved);
        Assert.Equal(["email", "salary"], saved.PurgeWatermarks.Keys);
        Assert.Equal("555", saved.GetField("phone"));
        Assert.Equal(SyncFixture.Business, saved.PurgeWatermarks["email"].NodeId);
        Assert.True(saved.PurgeWatermarks["email"] > node.Stored!.LatestStamp);
    }

    [Fact]
    public async Task A_sender_clock_beyond_the_drift_bound_or_from_another_node_does_not_raise_the_watermark()
    {
        var node = Business();
        node.HoldsGrant(SyncFixture.Grant(1));
        var wild = new HlcTimestamp(SyncFixture.Ms(SyncFixture.Now) + 3_600_000, 0, SyncFixture.Customer);

        Assert.True((await UseCase(node).ExecuteAsync(SyncFixture.Grant(2, revoked: true), SyncFixture.Customer, wild)).IsSuccess);

        Assert.All(Assert.Single(node.Saved).PurgeWatermarks.Values, w => Assert.True(w < wild));
        Assert.True(node.NodeClock.Now() < wild);
    }

    [Fact]
    public async Task A_refused_grant_purges_nothing()
    {
        var node = Business();
        node.HoldsGrant(SyncFixture.Grant(3));

        var receipt = await UseCase(node).ExecuteAsync(SyncFixture.Grant(2, revoked: true), SyncFixture.Customer);

        Assert.Equal(SharingErrors.Replay, receipt.Error.Code);
        Assert.Empty(node.Saved);
        node.Changes.DidNotReceive().Changed(Arg.Any<string>());
    }
}
