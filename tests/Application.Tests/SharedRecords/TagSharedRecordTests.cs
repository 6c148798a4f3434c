using NSubstitute;
using Rapport.Application.SharedRecords.Tags;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.Tests.SharedRecords;

public sealed class TagSharedRecordTests
{
    private static TagSharedRecord Tag(SyncFixture node) => new(node.Factory, node.Signer, node.Clock, node.NodeClock, node.Changes);

    [Fact]
    public async Task Either_side_tags_the_record_with_a_fresh_stamp_and_announces_it()
    {
        var node = new SyncFixture(SyncFixture.Business);
        node.HoldsGrant(SyncFixture.Grant(1));
        node.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Business);

        var tagged = await Tag(node).ExecuteAsync(new TagSharedRecordCommand(SyncFixture.Customer, "vip", Remove: false, "cli"));

        Assert.True(tagged.IsSuccess, tagged.IsFailure ? tagged.Error.ToString() : null);
        var saved = Assert.Single(node.Saved);
        Assert.Contains("vip", saved.Tags);
        node.Changes.Received(1).Changed(SyncFixture.Customer);
    }

    [Fact]
    public async Task Removing_a_tag_that_is_not_there_is_refused_and_nothing_is_written()
    {
        var node = new SyncFixture(SyncFixture.Customer);
        node.HoldsGrant(SyncFixture.Grant(1));
        node.Stored = SyncFixture.RecordOwnedBy(SyncFixture.Customer);

        var removed = await Tag(node).ExecuteAsync(new TagSharedRecordCommand(SyncFixture.Business, "vip", Remove: true, "cli"));

        Assert.Equal(SharedRecordErrors.TagNotPresent, removed.Error.Code);
        Assert.Empty(node.Saved);
        node.Changes.DidNotReceive().Changed(Arg.Any<string>());
    }

    [Fact]
    public async Task Tagging_without_a_relationship_is_refused()
    {
        var node = new SyncFixture(SyncFixture.Business);

        var tagged = await Tag(node).ExecuteAsync(new TagSharedRecordCommand("12D3KooWP23VyJe3akEpBv2Wd9BkEHWemwi53LwY8EHx8zfGRkmy", "vip", Remove: false, "cli"));

        Assert.True(tagged.IsFailure);
        Assert.Empty(node.Saved);
    }
}
