using System.Collections.Concurrent;
using NSubstitute;
using Rapport.Application.SharedRecords;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.Tests.SharedRecords;

public sealed class NodeClockAndChangesTests
{
    [Fact]
    public async Task The_clock_starts_above_the_latest_stored_stamp_even_when_it_is_ahead_of_the_wall_clock()
    {
        var node = new SyncFixture(SyncFixture.Business);
        var stored = new HlcTimestamp(SyncFixture.Ms(SyncFixture.Now) + 600_000, 7, SyncFixture.Customer);
        node.Records.LatestStampAsync(Arg.Any<CancellationToken>()).Returns(stored);

        await node.NodeClock.StartAsync();

        var first = node.NodeClock.Now();
        Assert.True(first > stored);
        Assert.Equal(SyncFixture.Business, first.NodeId);
    }

    [Fact]
    public void Readings_for_a_record_are_above_its_latest_stamp()
    {
        var node = new SyncFixture(SyncFixture.Business);
        var record = SyncFixture.RecordOwnedBy(SyncFixture.Business);
        var remote = SharedRecord.Create(SyncFixture.Customer);
        record.Apply(remote.SetField("email", "x", new HlcTimestamp(SyncFixture.Ms(SyncFixture.Now) + 5_000, 3, SyncFixture.Customer)).Value);

        Assert.True(node.NodeClock.Now(record) > record.LatestStamp);
    }

    [Fact]
    public async Task Concurrent_readings_are_all_distinct_and_each_thread_sees_them_increase()
    {
        var node = new SyncFixture(SyncFixture.Business);
        var all = new ConcurrentBag<HlcTimestamp>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            HlcTimestamp? previous = null;
            for (var i = 0; i < 5_000; i++)
            {
                var now = node.NodeClock.Now();
                Assert.True(previous is not { } p || now > p);
                previous = now;
                all.Add(now);
            }
        })));

        Assert.Equal(20_000, all.Distinct().Count());
    }

    [Fact]
    public void Changes_reach_the_peers_subscribers_even_when_one_throws_and_stop_after_dispose()
    {
        var hub = new SharedRecordChanges();
        var calls = new List<string>();
        using var failing = hub.Subscribe("peer-a", () => throw new InvalidOperationException("broken session"));
        var first = hub.Subscribe("peer-a", () => calls.Add("first"));
        using var other = hub.Subscribe("peer-b", () => calls.Add("other"));

        hub.Changed("peer-a");
        first.Dispose();
        hub.Changed("peer-a");
        hub.Changed("peer-c");

        Assert.Equal(["first"], calls);
    }
}
