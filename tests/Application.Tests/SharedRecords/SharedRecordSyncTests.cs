using NSubstitute;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Application.Tests.SharedRecords;

public sealed class SharedRecordSyncTests
{
    private static readonly HlcTimestamp BusinessNow = new(SyncFixture.Ms(SyncFixture.Now), 0, SyncFixture.Business);

    [Fact]
    public async Task Opening_without_any_grant_fails_with_no_relationship()
    {
        var node = new SyncFixture(SyncFixture.Business);

        var opened = await node.Sync.OpenAsync(SyncFixture.Customer);

        Assert.Equal(SyncErrors.NoRelationship, opened.Error.Code);
    }

    [Fact]
    public async Task Answering_a_peer_it_asked_to_share_waits_for_the_grant_as_the_business_with_version_0()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.Sharing.AwaitsAnswerFromAsync(SyncFixture.Customer, Arg.Any<CancellationToken>()).Returns(true);

        var answered = (await node.Sync.AnswerAsync(SyncFixture.Customer)).Value;
        var opened = await node.Sync.OpenAsync(SyncFixture.Customer);

        Assert.Equal(new SyncOpening(SharingRole.Business, SyncFixture.Business, SyncFixture.Customer, VersionVector.Empty, 0), answered);
        Assert.Equal(SyncErrors.NoRelationship, opened.Error.Code);
    }

    [Fact]
    public async Task Answering_a_stranger_fails_with_no_relationship_and_nothing_of_a_record_is_offered()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.Sharing.AwaitsAnswerFromAsync(SyncFixture.Customer, Arg.Any<CancellationToken>()).Returns(false);

        var answered = await node.Sync.AnswerAsync(SyncFixture.Customer);
        var delta = await node.Sync.DeltaSinceAsync(SyncFixture.Customer, VersionVector.Empty);

        Assert.Equal(SyncErrors.NoRelationship, answered.Error.Code);
        Assert.Equal(SyncErrors.NoRelationship, delta.Error.Code);
    }

    [Fact]
    public async Task A_delta_from_a_peer_without_any_grant_is_refused_and_audited()
    {
        var node = new SyncFixture(SyncFixture.Business);

        var applied = await node.Sync.ApplyAsync(SyncFixture.Customer, SyncFixture.RecordOwnedBy(SyncFixture.Customer).DeltaSince(VersionVector.Empty));

        Assert.Equal(SyncErrors.NoRelationship, applied.Error.Code);
        Assert.Empty(node.Saved);
        Assert.Contains(node.Audited, e => e.Action == "sync.refused" && e.Subject == $"peer:{SyncFixture.Customer}");
    }

    [Fact]
    public async Task Opening_announces_the_role_the_stored_versions_and_the_newest_grant_version()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(3));
        node.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Business);

        var opened = (await node.Sync.OpenAsync(SyncFixture.Customer)).Value;

        Assert.Equal(new SyncOpening(SharingRole.Business, SyncFixture.Business, SyncFixture.Customer, node.Stored.Versions, 3), opened);
    }

    [Fact]
    public async Task Only_the_customer_pushes_and_only_a_grant_newer_than_the_business_announced()
    {
        var customer = new SyncFixture(SyncFixture.Customer);
        var newest = SyncFixture.Grant(4, revoked: true);
        customer.HoldsGrant(newest);
        var business = new SyncFixture(SyncFixture.Business);
        business.HoldsGrant(newest);

        Assert.Equal(newest, await customer.Sync.GrantToPushAsync(SyncFixture.Business, 3));
        Assert.Null(await customer.Sync.GrantToPushAsync(SyncFixture.Business, 4));
        Assert.Null(await business.Sync.GrantToPushAsync(SyncFixture.Customer, 0));
    }

    [Fact]
    public async Task No_record_data_is_sent_without_an_active_grant_and_the_refusal_is_audited()
    {
        var node = new SyncFixture(SyncFixture.Customer);
        node.HoldsGrant(SyncFixture.Grant(1, expires: SyncFixture.Now.AddMinutes(-1)));
        node.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Customer);

        var delta = await node.Sync.DeltaSinceAsync(SyncFixture.Business, VersionVector.Empty);

        Assert.Equal(SharingErrors.Expired, delta.Error.Code);
        await node.Records.DidNotReceive().FindAsync(Arg.Any<SharedRecordPair>(), Arg.Any<string>(), Arg.Any<InteractionsToLoad>(), Arg.Any<CancellationToken>());
        var refusal = Assert.Single(node.Audited, e => e.Action == PolicyAuditEvents.DecidedSharedRecord);
        Assert.StartsWith($"action={PolicyActions.SendSharedRecord} field_action={PolicyActions.ReadSharedField} verdict=deny", refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("reasons=CONSENT_SHARED_RECORD_MISSING,CONSENT_EXPIRED", refusal.Detail, StringComparison.Ordinal);
        Assert.Equal($"sharing:{SyncFixture.Business}/{SyncFixture.Customer}", refusal.Subject);
    }

    [Fact]
    public async Task The_customer_sends_viewable_fields_and_the_business_only_editable_ones_with_full_coverage()
    {
        var customer = new SyncFixture(SyncFixture.Customer);
        customer.HoldsGrant(SyncFixture.Grant(1));
        customer.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Customer);
        var business = new SyncFixture(SyncFixture.Business);
        business.HoldsGrant(SyncFixture.Grant(1));
        business.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Business);

        var fromCustomer = (await customer.Sync.DeltaSinceAsync(SyncFixture.Business, VersionVector.Empty)).Value;
        var fromBusiness = (await business.Sync.DeltaSinceAsync(SyncFixture.Customer, VersionVector.Empty)).Value;

        Assert.Equal(["email", "phone"], fromCustomer.Fields.Select(f => f.Key));
        Assert.Equal(["phone"], fromBusiness.Fields.Select(f => f.Key));
        Assert.Single(fromCustomer.Interactions.Elements);
        Assert.Equal(customer.Stored.Versions, fromCustomer.To);
        await customer.Records.Received(1).MarkSyncedAsync(SyncFixture.Pair, SyncDirection.Sent, SyncFixture.Now, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_business_silently_drops_fields_it_may_not_view()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(1));
        var delta = SyncFixture.RecordOwnedBy(SyncFixture.Customer).DeltaSince(VersionVector.Empty);

        var applied = (await node.Sync.ApplyAsync(SyncFixture.Customer, delta)).Value;

        Assert.Empty(applied.RejectedFields);
        var saved = Assert.Single(node.Saved);
        Assert.Equal(["email", "phone"], saved.Fields.Keys);
        Assert.Equal(delta.To, applied.Versions);
        node.Changes.DidNotReceive().Changed(Arg.Any<string>());
    }

    [Fact]
    public async Task The_customer_rejects_business_writes_to_fields_without_edit_audits_them_and_reasserts_its_value()
    {
        var node = new SyncFixture(SyncFixture.Customer);
        node.HoldsGrant(SyncFixture.Grant(1));
        node.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Customer);
        var business = SyncFixture.RecordOwnedBy(SyncFixture.Business);
        var forged = business.SetField("email", "forged@example.com", BusinessNow).Value;
        var phone = business.SetField("phone", "556", new HlcTimestamp(BusinessNow.PhysicalMs + 1, 0, SyncFixture.Business)).Value;
        var delta = business.DeltaSince(node.Stored.Versions);

        var applied = (await node.Sync.ApplyAsync(SyncFixture.Business, delta)).Value;

        Assert.Equal(["email"], applied.RejectedFields);
        var saved = Assert.Single(node.Saved);
        Assert.Equal("ann@example.com", saved.GetField("email"));
        Assert.True(saved.GetRegister("email")!.Stamp > forged.Fields[0].Register.Stamp);
        Assert.Equal(SyncFixture.Customer, saved.GetRegister("email")!.Stamp.NodeId);
        Assert.Equal("556", saved.GetField("phone"));
        Assert.Equal(phone.Fields[0].Register, saved.GetRegister("phone"));
        await node.Profile.Received(1).SetAsync("phone", "556", SyncFixture.Now, Arg.Any<CancellationToken>());
        Assert.Contains(node.Audited, e => e.Action == "sync.edit_rejected" && e.Detail.Contains("fields=email", StringComparison.Ordinal));
        node.Changes.Received(1).Changed(SyncFixture.Business);
    }

    [Fact]
    public async Task A_delta_from_a_stranger_node_is_invalid_refused_whole_and_audited()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(1));
        var stranger = SharedRecord.Create("12D3KooWMhv5rsXBjNVZrsNpDq671Fz42VGDjWZLTKtdaawm25V5");
        var delta = stranger.SetField("email", "x", new HlcTimestamp(1, 0, "12D3KooWMhv5rsXBjNVZrsNpDq671Fz42VGDjWZLTKtdaawm25V5")).Value;

        var applied = await node.Sync.ApplyAsync(SyncFixture.Customer, delta);

        Assert.Equal(SharedRecordErrors.InvalidDelta, applied.Error.Code);
        Assert.Empty(node.Saved);
        Assert.Contains(node.Audited, e => e.Action == "sync.delta_rejected");
    }

    [Fact]
    public async Task A_delta_beyond_the_drift_bound_is_refused_without_moving_the_clock()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(1));
        var future = new HlcTimestamp(SyncFixture.Ms(SyncFixture.Now) + 61_000, 0, SyncFixture.Customer);
        var delta = SharedRecord.Create(SyncFixture.Customer).SetField("email", "x", future).Value;

        var applied = await node.Sync.ApplyAsync(SyncFixture.Customer, delta);

        Assert.Equal(SharedRecordErrors.HlcDrift, applied.Error.Code);
        Assert.Empty(node.Saved);
        Assert.True(node.NodeClock.Now().PhysicalMs < future.PhysicalMs);
        Assert.Contains(node.Audited, e => e.Action == "sync.delta_rejected" && e.Detail.Contains(SharedRecordErrors.HlcDrift.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delta_within_the_drift_bound_moves_the_clock_above_its_greatest_stamp()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(1));
        var ahead = new HlcTimestamp(SyncFixture.Ms(SyncFixture.Now) + 30_000, 5, SyncFixture.Customer);
        var delta = SharedRecord.Create(SyncFixture.Customer).SetField("email", "x", ahead).Value;

        Assert.True((await node.Sync.ApplyAsync(SyncFixture.Customer, delta)).IsSuccess);

        Assert.True(node.NodeClock.Now() > ahead);
    }

    [Fact]
    public async Task Applying_under_a_revoked_grant_is_refused()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(2, revoked: true));
        var delta = SyncFixture.RecordOwnedBy(SyncFixture.Customer).DeltaSince(VersionVector.Empty);

        var applied = await node.Sync.ApplyAsync(SyncFixture.Customer, delta);

        Assert.Equal(SharingErrors.Revoked, applied.Error.Code);
        Assert.Empty(node.Saved);
    }
}
