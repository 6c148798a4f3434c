using NSubstitute;
using Rapport.Application.Sharing.Refusals;
using Rapport.Domain.Audit;
using Rapport.Domain.Common;

namespace Rapport.Application.Tests.Sharing;

public sealed class RecordProtocolRefusalTests
{
    private const string Protocol = "/rapport/consent/1.0.0";
    private const string Action = "sharing.message_refused";
    private static readonly Error Malformed = new(new ErrorCode("PROTO_MALFORMED", ErrorKind.Unavailable), "the consent message does not parse");
    private readonly SharingFixture _node = new(SharingFixture.Business);
    private readonly List<AuditEvent> _written = [];
    private DateTimeOffset _now = SharingFixture.Now;

    public RecordProtocolRefusalTests()
    {
        _node.Clock.UtcNow.Returns(_ => _now);
        _node.Audit.AppendAsync(Arg.Do<AuditEvent>(_written.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        _node.Audit.AppendRangeAsync(Arg.Do<IReadOnlyList<AuditEvent>>(_written.AddRange), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task A_refusal_is_audited_with_the_peer_protocol_code_and_reason_and_committed()
    {
        var refusals = new RecordProtocolRefusal(_node.Factory, _node.Clock);

        Assert.True(await refusals.ExecuteAsync(SharingFixture.Customer, Protocol, Action, Malformed));

        var entry = Assert.Single(_written);
        Assert.Equal($"peer:{SharingFixture.Customer}", entry.Actor);
        Assert.Equal(Action, entry.Action);
        Assert.Equal($"protocol={Protocol} code=PROTO_MALFORMED reason=the consent message does not parse", entry.Detail);
        await _node.Work.Received(1).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Identical_refusals_are_capped_per_minute_and_the_suppressed_count_is_reported_in_the_next_minute()
    {
        var refusals = new RecordProtocolRefusal(_node.Factory, _node.Clock, new RefusalLimit(3, 100, TimeSpan.FromMinutes(1)));

        for (var i = 0; i < 10; i++)
        {
            await refusals.ExecuteAsync(SharingFixture.Customer, Protocol, Action, Malformed);
        }

        // Another code, or another peer, has its own allowance.
        Assert.True(await refusals.ExecuteAsync(SharingFixture.Customer, Protocol, Action, new Error(new ErrorCode("PROTO_UNSUPPORTED", ErrorKind.Unavailable), "x")));
        Assert.True(await refusals.ExecuteAsync(SharingFixture.Business, Protocol, Action, Malformed));
        Assert.Equal(5, _written.Count);

        _now = _now.AddMinutes(1);
        Assert.True(await refusals.ExecuteAsync(SharingFixture.Customer, Protocol, Action, Malformed));
        Assert.EndsWith(" suppressed_before=7", _written[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_peers_together_stay_under_the_total_cap()
    {
        var refusals = new RecordProtocolRefusal(_node.Factory, _node.Clock, new RefusalLimit(2, 10, TimeSpan.FromMinutes(1)));

        for (var i = 0; i < 1000; i++)
        {
            await refusals.ExecuteAsync($"12D3KooWPeer{i}", Protocol, Action, Malformed);
        }

        Assert.Equal(10, _written.Count);
        _now = _now.AddMinutes(1);
        Assert.True(await refusals.ExecuteAsync("12D3KooWLater", Protocol, Action, Malformed));
        Assert.Contains("suppressed_other_peers=990", _written[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_or_multi_line_reason_is_kept_to_one_bounded_line()
    {
        var refusals = new RecordProtocolRefusal(_node.Factory, _node.Clock);

        await refusals.ExecuteAsync(SharingFixture.Customer, Protocol, Action, new Error(new ErrorCode("PROTO_MALFORMED", ErrorKind.Unavailable), "line one\nline two " + new string('x', 1000)));

        var detail = Assert.Single(_written).Detail;
        Assert.DoesNotContain('\n', detail);
        Assert.True(detail.Length < 400, detail);
    }

    [Fact]
    public async Task Stopping_writes_the_counts_still_held_back_once_and_a_later_window_does_not_repeat_them()
    {
        var refusals = new RecordProtocolRefusal(_node.Factory, _node.Clock, new RefusalLimit(2, 3, TimeSpan.FromMinutes(1)));
        Assert.Equal(0, await refusals.FlushAsync());
        for (var i = 0; i < 6; i++)
        {
            await refusals.ExecuteAsync(SharingFixture.Customer, Protocol, Action, Malformed);
        }

        await refusals.ExecuteAsync(SharingFixture.Business, Protocol, Action, Malformed);
        await refusals.ExecuteAsync("12D3KooWOther", Protocol, Action, Malformed);
        await refusals.ExecuteAsync("12D3KooWOther", Protocol, Action, Malformed);
        await refusals.ExecuteAsync("12D3KooWFourth", Protocol, Action, Malformed);
        await refusals.ExecuteAsync("12D3KooWFourth", Protocol, Action, Malformed);
        Assert.Equal(3, _written.Count);
        _written.Clear();

        Assert.Equal(3, await refusals.FlushAsync());

        Assert.Collection(
            _written,
            e =>
            {
                Assert.Equal(RecordProtocolRefusal.SuppressedAction, e.Action);
                Assert.Equal($"peer:{SharingFixture.Customer}", e.Subject);
                Assert.Equal($"protocol={Protocol} code=PROTO_MALFORMED suppressed=4", e.Detail);
            },
            e => Assert.Equal($"protocol={Protocol} code=PROTO_MALFORMED suppressed=2", e.Detail),
            e => Assert.Equal("suppressed_other_peers=2", e.Detail));
        Assert.Equal(0, await refusals.FlushAsync());
        _now = _now.AddMinutes(1);
        Assert.True(await refusals.ExecuteAsync(SharingFixture.Customer, Protocol, Action, Malformed));
        Assert.DoesNotContain("suppressed", _written[^1].Detail, StringComparison.Ordinal);
    }
}
