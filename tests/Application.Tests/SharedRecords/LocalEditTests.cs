using NSubstitute;
using Rapport.Application.Common;
using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Interactions;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.Tests.SharedRecords;

public sealed class LocalEditTests
{
    private static EditSharedField Edit(SyncFixture node) => new(node.Factory, node.Signer, node.Clock, node.NodeClock, node.Changes, node.Gate);

    [Fact]
    public async Task The_business_is_refused_a_field_without_edit_access_before_anything_is_written()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(1));

        var edited = await Edit(node).ExecuteAsync(new EditSharedFieldCommand(SyncFixture.Customer, "email", "x@example.com", "cli"));

        Assert.Equal(SyncErrors.EditNotGranted, edited.Error.Code);
        await node.Records.DidNotReceive().SaveAsync(Arg.Any<SharedRecordPair>(), Arg.Any<SharedRecord>(), Arg.Any<RecordChanges>(), Arg.Any<CancellationToken>());
        Assert.Contains(node.Audited, e => e.Action == "sync.edit_rejected" && e.Actor == "cli" && e.Detail.Contains("email", StringComparison.Ordinal));
        node.Changes.DidNotReceive().Changed(Arg.Any<string>());
    }

    [Fact]
    public async Task The_business_is_refused_even_an_edit_field_once_the_grant_is_revoked()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(2, revoked: true));

        var edited = await Edit(node).ExecuteAsync(new EditSharedFieldCommand(SyncFixture.Customer, "phone", "556", "cli"));

        Assert.Equal(SyncErrors.EditNotGranted, edited.Error.Code);
        Assert.Empty(node.Saved);
    }

    [Fact]
    public async Task A_business_edit_of_an_edit_field_is_stamped_above_the_record_saved_audited_without_the_value_and_announced()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(1));
        node.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Business);

        Assert.True((await Edit(node).ExecuteAsync(new EditSharedFieldCommand(SyncFixture.Customer, "phone", "556", "cli"))).IsSuccess);

        var saved = Assert.Single(node.Saved);
        Assert.Equal("556", saved.GetField("phone"));
        Assert.Equal(SyncFixture.Business, saved.GetRegister("phone")!.Stamp.NodeId);
        Assert.DoesNotContain(node.Audited, e => e.Detail.Contains("556", StringComparison.Ordinal));
        node.Changes.Received(1).Changed(SyncFixture.Customer);
        await node.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_customer_may_write_any_field_of_its_own_record_and_its_profile_follows()
    {
        var node = new SyncFixture(SyncFixture.Customer);
        node.HoldsGrant(SyncFixture.Grant(1));

        Assert.True((await Edit(node).ExecuteAsync(new EditSharedFieldCommand(SyncFixture.Business, "salary", "more", "cli"))).IsSuccess);

        Assert.Equal("more", Assert.Single(node.Saved).GetField("salary"));
        await node.Profile.Received(1).SetAsync("salary", "more", SyncFixture.Now, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_edit_with_an_invalid_key_or_without_a_relationship_is_refused()
    {
        var node = new SyncFixture(SyncFixture.Customer);
        Assert.Equal(SyncErrors.NoRelationship, (await Edit(node).ExecuteAsync(new EditSharedFieldCommand(SyncFixture.Business, "email", "x", "cli"))).Error.Code);

        node.HoldsGrant(SyncFixture.Grant(1));
        Assert.Equal(SharedRecordErrors.InvalidFieldKey, (await Edit(node).ExecuteAsync(new EditSharedFieldCommand(SyncFixture.Business, "Bad Key", "x", "cli"))).Error.Code);
        Assert.Empty(node.Saved);
    }

    [Fact]
    public async Task Logging_an_interaction_saves_it_with_a_fresh_stamp_and_announces_it()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(1));
        node.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Business);
        var ids = Substitute.For<IIdGenerator>();
        ids.NewId().Returns(Guid.Parse("0b5c4e3a-8d1f-4a6b-9c2d-7e8f90a1b2c3"));

        var logged = await new LogSharedInteraction(node.Factory, node.Signer, node.Clock, ids, node.NodeClock, node.Changes)
            .ExecuteAsync(new LogSharedInteractionCommand(SyncFixture.Customer, "visit", "came by", null, "cli"));

        Assert.Equal("0b5c4e3a8d1f4a6b9c2d7e8f90a1b2c3", logged.Value);
        var interaction = Assert.Single(Assert.Single(node.Saved).Interactions, i => i.Id == logged.Value);
        Assert.True(interaction.Stamp > node.Stored.LatestStamp);
        node.Changes.Received(1).Changed(SyncFixture.Customer);
    }

    [Fact]
    public async Task A_profile_update_reaches_every_record_where_we_are_the_customer_only()
    {
        var node = new SyncFixture(SyncFixture.Customer);
        var other = new SharedRecordPair("12D3KooWGJxda4U5TJeDxnNoNmSpV5DqZTkmD8RaSF2jqp5kkNd8", SyncFixture.Customer);
        var asBusiness = new SharedRecordPair(SyncFixture.Customer, "12D3KooWLP4Jg7NkWdhZrJsRrtVwM14aBv2WmMzGNsoxER7N4Ymt");
        node.Records.ListAsync(Arg.Any<CancellationToken>()).Returns(
        [
            new StoredSharedRecord(SyncFixture.Pair, VersionVector.Empty, null, null, null),
            new StoredSharedRecord(other, VersionVector.Empty, null, null, null),
            new StoredSharedRecord(asBusiness, VersionVector.Empty, null, null, null),
        ]);

        var updated = await new UpdateProfile(node.Factory, node.Signer, node.Clock, node.NodeClock, node.Changes)
            .ExecuteAsync(new UpdateProfileCommand("email", "new@example.com", "cli"));

        Assert.Equal([SyncFixture.Business, other.BusinessPeerId], updated.Value);
        await node.Profile.Received(1).SetAsync("email", "new@example.com", SyncFixture.Now, Arg.Any<CancellationToken>());
        await node.Records.Received(1).SaveAsync(other, Arg.Is<SharedRecord>(r => r.GetField("email") == "new@example.com"), Arg.Any<RecordChanges>(), Arg.Any<CancellationToken>());
        await node.Records.DidNotReceive().SaveAsync(asBusiness, Arg.Any<SharedRecord>(), Arg.Any<RecordChanges>(), Arg.Any<CancellationToken>());
        node.Changes.Received(1).Changed(other.BusinessPeerId);
    }

    [Fact]
    public async Task A_profile_update_with_an_invalid_key_is_refused_before_any_transaction()
    {
        var node = new SyncFixture(SyncFixture.Customer);

        var updated = await new UpdateProfile(node.Factory, node.Signer, node.Clock, node.NodeClock, node.Changes)
            .ExecuteAsync(new UpdateProfileCommand("Not A Key", "x", "cli"));

        Assert.Equal(SyncErrors.InvalidProfileField, updated.Error.Code);
        await node.Factory.DidNotReceive().BeginAsync(Arg.Any<CancellationToken>());
    }
}
