using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Application.SharedRecords;
using Rapport.Domain.SharedRecords;
using Rapport.Protocol.Sharing.V1;
using static Rapport.Adapters.Libp2p.Tests.Sync.SyncSamples;
using FieldWrite = Rapport.Domain.SharedRecords.FieldWrite;
using VersionVector = Rapport.Domain.SharedRecords.VersionVector;
using WireStamp = Rapport.Protocol.Sharing.V1.HlcTimestamp;
using WireVector = Rapport.Protocol.Sharing.V1.VersionVector;

namespace Rapport.Adapters.Libp2p.Tests.Sync;

/// <summary>The sync messages map to the shared-record domain and back, and refuse what sharing.md §6 forbids.</summary>
public sealed class SyncWireTests
{
    [Fact]
    public void A_delta_with_every_kind_of_entry_round_trips_through_one_frame()
    {
        var delta = Delta();
        var part = Assert.Single(SyncWire.ToWireParts(delta, 7));
        Assert.Equal(7UL, part.Sequence);

        var frame = SyncFrame.Codec.Encode(new SyncMessage { Delta = part });
        var decoded = SyncFrame.Codec.DecodeFrame(frame);
        Assert.True(decoded.IsSuccess, decoded.IsFailure ? decoded.Error.ToString() : null);
        var back = SyncWire.FromWire(decoded.Value.Delta);
        Assert.True(back.IsSuccess, back.IsFailure ? back.Error.ToString() : null);
        AssertSame(delta, back.Value);
        Assert.Equal(frame, SyncFrame.Codec.Encode(new SyncMessage { Delta = SyncWire.ToWireParts(back.Value, 7)[0] }));
    }

    [Fact]
    public void Hello_and_ack_round_trip()
    {
        var versions = Delta().To;
        var hello = SyncWire.ToHello(new SyncOpening(SharingRole.Customer, Business, Customer, versions, 3));
        var decoded = SyncWire.FromWire(SyncFrame.Codec.DecodeFrame(SyncFrame.Codec.Encode(new SyncMessage { Hello = hello })).Value.Hello);
        Assert.Equal(new SyncHello(0, versions, 3), decoded.Value);

        var ack = SyncWire.FromWire(SyncWire.ToAck(9, versions));
        Assert.Equal(new SyncAck(9, versions), ack.Value);
        Assert.Equal(WireErrors.Malformed, SyncWire.FromWire(SyncWire.ToAck(0, versions)).Error.Code);
        Assert.Equal(VersionVector.Empty, SyncWire.FromWire(new Hello()).Value.Versions);
    }

    public static TheoryData<string, Action<Delta>> InvalidDeltas => new()
    {
        { "sequence 0", d => d.Sequence = 0 },
        { "bad key", d => d.Fields[0].Key = "Email" },
        { "cleared with value", d => d.Fields[1].Value = "x" },
        { "field twice", d => d.Fields[1].Key = d.Fields[0].Key },
        { "missing stamp", d => d.Fields[0].Stamp = null },
        { "counter above 2^31-1", d => d.Fields[0].Stamp.Counter = 1u << 31 },
        { "negative time", d => d.Fields[0].Stamp.PhysicalMs = -1 },
        { "time beyond 9999", d => d.Fields[0].Stamp.PhysicalMs = SyncWire.MaxTimeMs + 1 },
        { "node id not a peer id", d => d.Fields[0].Stamp.NodeId = "12D3/../x" },
        { "empty node id", d => d.TagAdds[0].Dot.NodeId = string.Empty },
        { "value too long", d => d.Fields[0].Value = new string('x', SharedRecord.MaxFieldValueLength + 1) },
        { "empty tag", d => d.TagAdds[0].Tag = " " },
        { "tag too long", d => d.TagAdds[0].Tag = new string('t', 65) },
        { "tag add twice", d => d.TagAdds[1].Dot = d.TagAdds[0].Dot.Clone() },
        { "tombstone twice", d => d.TagTombstones.Add(d.TagTombstones[0].Clone()) },
        { "interaction without kind", d => d.Interactions[0].Kind = string.Empty },
        { "interaction twice", d => d.Interactions.Add(d.Interactions[0].Clone()) },
        { "interaction time negative", d => d.Interactions[0].OccurredAtMs = -5 },
        { "unsorted vector", d => d.To.Entries.Add(d.To.Entries[0].Clone()) },
        { "from without to", d => d.From.Entries[0].NodeId = "12D3KooWOther" },
        { "inverted coverage", d => d.From.Entries[0].PhysicalMs = d.To.Entries[1].PhysicalMs + 1 },
    };

    [Theory]
    [MemberData(nameof(InvalidDeltas))]
    public void Invalid_delta_entries_are_refused_as_SYNC_INVALID_DELTA(string why, Action<Delta> breakIt)
    {
        ArgumentNullException.ThrowIfNull(breakIt);
        var wire = SyncWire.ToWireParts(Delta(), 1)[0];
        breakIt(wire);
        var decoded = SyncWire.FromWire(wire);
        Assert.True(decoded.IsFailure, why);
        Assert.Equal(SharedRecordErrors.InvalidDelta, decoded.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(decoded.Error.Message));
    }

    [Fact]
    public void A_hello_with_an_unsorted_vector_or_huge_grant_version_is_malformed()
    {
        var twice = new WireVector { Entries = { new WireStamp { PhysicalMs = 1, NodeId = Business }, new WireStamp { PhysicalMs = 2, NodeId = Business } } };
        Assert.Equal(WireErrors.Malformed, SyncWire.FromWire(new Hello { Versions = twice }).Error.Code);
        Assert.Equal(WireErrors.Malformed, SyncWire.FromWire(new Hello { GrantVersion = ulong.MaxValue }).Error.Code);
    }

    [Fact]
    public void A_delta_above_one_mebibyte_is_split_into_parts_under_the_limit_with_coverage_only_on_the_last()
    {
        // 40 values of 60,000 characters (several bytes each in UTF-8 for 'é') is about 4.8 MB.
        var fields = Enumerable.Range(0, 40)
            .Select(i => new FieldWrite($"note.{i:D2}", LwwRegister<string>.Set(new string('é', 60_000), Stamp(1_763_700_000_000 + i, 0, Customer))))
            .ToList();
        var from = VersionVector.Of(Stamp(1_763_699_999_999, 0, Customer));
        var to = VersionVector.Of(Stamp(1_763_700_000_039, 0, Customer));
        var delta = Fields(fields, from, to);

        var parts = SyncWire.ToWireParts(delta, 5);
        Assert.True(parts.Count >= 5, $"{parts.Count} parts");
        Assert.Equal(Enumerable.Range(5, parts.Count).Select(i => (ulong)i), parts.Select(p => p.Sequence));
        var received = new List<FieldWrite>();
        for (var i = 0; i < parts.Count; i++)
        {
            var frame = SyncFrame.Codec.Encode(new SyncMessage { Delta = parts[i] });
            Assert.True(frame.Length <= SyncFrame.MaxMessageLength + 4, $"part {i} is {frame.Length} bytes");
            var back = SyncWire.FromWire(SyncFrame.Codec.DecodeFrame(frame).Value.Delta).Value;
            var last = i == parts.Count - 1;
            Assert.Equal(last ? from : VersionVector.Empty, back.From);
            Assert.Equal(last ? to : VersionVector.Empty, back.To);
            received.AddRange(back.Fields);
        }

        Assert.Equal(fields, received);
    }

    [Fact]
    public void Splitting_respects_a_smaller_limit_and_keeps_every_entry_once()
    {
        var delta = Delta();
        var parts = SyncWire.ToWireParts(delta, 1, maxMessageLength: 400);
        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.CalculateSize() <= 400, $"{p.CalculateSize()} bytes"));
        Assert.Equal(delta.Fields.Length, parts.Sum(p => p.Fields.Count));
        Assert.Equal(delta.Tags.Adds.Count, parts.Sum(p => p.TagAdds.Count));
        Assert.Equal(delta.Tags.Tombstones.Count, parts.Sum(p => p.TagTombstones.Count));
        Assert.Equal(delta.Interactions.Count, parts.Sum(p => p.Interactions.Count));
    }

    [Fact]
    public void Unknown_message_kinds_decode_as_none_and_an_empty_body_does_not_parse()
    {
        // Field 9 (a oneof case from a later minor version), length-delimited, empty.
        var unknown = SyncFrame.Codec.DecodeFrame([0x02, 0x4a, 0x00]);
        Assert.Equal(SyncMessage.BodyOneofCase.None, unknown.Value.BodyCase);
        Assert.Equal(WireErrors.Malformed, SyncFrame.Codec.DecodeFrame([0x00]).Error.Code);
        Assert.Equal(WireErrors.Malformed, SyncFrame.Codec.DecodeFrame([0x81, 0x00, 0x0a]).Error.Code);
        Assert.Equal(WireErrors.FrameTooLarge, SyncFrame.Codec.DecodeFrame([0x81, 0x80, 0x40]).Error.Code);
        Assert.Equal(WireErrors.Malformed, SyncFrame.Codec.DecodeFrame([0x02, 0x0a]).Error.Code);
    }
}
