using System.Collections.Immutable;
using Google.Protobuf;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.SharedRecords;
using DomainStamp = Rapport.Domain.SharedRecords.HlcTimestamp;
using DomainVector = Rapport.Domain.SharedRecords.VersionVector;
using WireAck = Rapport.Protocol.Sharing.V1.Ack;
using WireDelta = Rapport.Protocol.Sharing.V1.Delta;
using WireFieldWrite = Rapport.Protocol.Sharing.V1.FieldWrite;
using WireHello = Rapport.Protocol.Sharing.V1.Hello;
using WireInteraction = Rapport.Protocol.Sharing.V1.SharedInteraction;
using WireStamp = Rapport.Protocol.Sharing.V1.HlcTimestamp;
using WireTagAdd = Rapport.Protocol.Sharing.V1.TagAdd;
using WireTombstone = Rapport.Protocol.Sharing.V1.TagTombstone;
using WireVector = Rapport.Protocol.Sharing.V1.VersionVector;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>
/// Maps the messages of <c>/rapport/sync/1.0.0</c> to the shared-record domain and back (protocol/sharing.md §6).
/// Decoding checks everything the wire form can break — stamps, vectors, keys, lengths, duplicates, coverage — and
/// answers a <see cref="Result{T}"/>: <c>PROTO_MALFORMED</c> for the handshake and acks, <c>SYNC_INVALID_DELTA</c>
/// for delta entries. Who may write (node ids of the pair), clock drift and consent are the node's checks.
/// </summary>
public static class SyncWire
{
    public const long MaxTimeMs = 253_402_300_799_999;

    // Room for the sequence number (tag + 10-byte varint) on every part.
    private const int SequenceReserve = 11;

    public static WireStamp ToWire(DomainStamp stamp) =>
        new() { PhysicalMs = stamp.PhysicalMs, Counter = (uint)stamp.Counter, NodeId = stamp.NodeId };

    public static Result<DomainStamp> FromWire(WireStamp? wire, ErrorCode code, string what)
    {
        if (wire is null)
        {
            return new Error(code, $"{what}: the stamp is missing");
        }

        if (wire.PhysicalMs is < 0 or > MaxTimeMs)
        {
            return new Error(code, $"{what}: physical time {wire.PhysicalMs} is outside 0..{MaxTimeMs}");
        }

        if (wire.Counter > int.MaxValue)
        {
            return new Error(code, $"{what}: counter {wire.Counter} is above 2^31 - 1");
        }

        return Domain.Peers.PeerId.Parse(wire.NodeId) is { IsSuccess: true, Value.Value: var canonical } && canonical == wire.NodeId
            ? new DomainStamp(wire.PhysicalMs, (int)wire.Counter, wire.NodeId)
            : new Error(code, $"{what}: node id is not a peer id in base58btc");
    }

    public static WireVector ToWire(DomainVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var wire = new WireVector();
        foreach (var stamp in vector.Stamps)
        {
            wire.Entries.Add(ToWire(stamp));
        }

        return wire;
    }

    /// <summary>A missing vector is the empty one; entries must be sorted by node id with no node twice.</summary>
    public static Result<DomainVector> FromWire(WireVector? wire, ErrorCode code, string what)
    {
        if (wire is null)
        {
            return DomainVector.Empty;
        }

        var vector = DomainVector.Empty;
        string? previous = null;
        for (var i = 0; i < wire.Entries.Count; i++)
        {
            var stamp = FromWire(wire.Entries[i], code, $"{what} entry {i}");
            if (stamp.IsFailure)
            {
                return stamp.Error;
            }

            if (previous is not null && string.CompareOrdinal(previous, stamp.Value.NodeId) >= 0)
            {
                return new Error(code, $"{what}: entries must be sorted by node id, each node once");
            }

            previous = stamp.Value.NodeId;
            vector = vector.With(stamp.Value);
        }

        return vector;
    }

    public static WireHello ToHello(SyncOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        return new WireHello { ProtocolMinor = 0, Versions = ToWire(opening.Versions), GrantVersion = (ulong)opening.GrantVersion };
    }

    public static Result<SyncHello> FromWire(WireHello wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        if (wire.GrantVersion > long.MaxValue)
        {
            return new Error(WireErrors.Malformed, $"Hello: grant version {wire.GrantVersion} is out of range");
        }

        var versions = FromWire(wire.Versions, WireErrors.Malformed, "Hello versions");
        return versions.IsFailure ? versions.Error : new SyncHello(wire.ProtocolMinor, versions.Value, (long)wire.GrantVersion);
    }

    public static WireAck ToAck(ulong sequence, DomainVector versions) => new() { Sequence = sequence, Versions = ToWire(versions) };

    public static Result<SyncAck> FromWire(WireAck wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        if (wire.Sequence == 0)
        {
            return new Error(WireErrors.Malformed, "Ack: sequence 0 answers no Delta");
        }

        var versions = FromWire(wire.Versions, WireErrors.Malformed, "Ack versions");
        return versions.IsFailure ? versions.Error : new SyncAck(wire.Sequence, versions.Value);
    }

    /// <summary>
    /// Encodes a delta as one or more <c>Delta</c> messages of at most <paramref name="maxMessageLength"/> bytes each
    /// (§6.2 step 4), numbered from <paramref name="firstSequence"/>. Every part but the last carries empty coverage,
    /// so a receiver advances its vector only once it holds everything; the last carries the full from/to.
    /// </summary>
    public static IReadOnlyList<WireDelta> ToWireParts(SharedRecordDelta delta, ulong firstSequence, int maxMessageLength = SyncFrame.MaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ArgumentOutOfRangeException.ThrowIfZero(firstSequence);
        var from = ToWire(delta.From);
        var to = ToWire(delta.To);
        var budget = maxMessageLength - SequenceReserve - (1 + CodedOutputStream.ComputeMessageSize(from)) - (1 + CodedOutputStream.ComputeMessageSize(to));
        var parts = new List<WireDelta>();
        var current = new WireDelta { Sequence = firstSequence };
        var used = 0;

        void Add(IMessage entry, Action<WireDelta> append)
        {
            var size = 1 + CodedOutputStream.ComputeMessageSize(entry);
            if (size > budget)
            {
                throw new InvalidOperationException($"one delta entry encodes to {size} bytes, above the {budget}-byte part budget");
            }

            if (used + size > budget)
            {
                parts.Add(current);
                current = new WireDelta { Sequence = firstSequence + (ulong)parts.Count };
                used = 0;
            }

            append(current);
            used += size;
        }

        foreach (var field in delta.Fields)
        {
            var wire = new WireFieldWrite { Key = field.Key, Stamp = ToWire(field.Register.Stamp), Cleared = field.Register.IsCleared, Value = field.Register.Value ?? string.Empty };
            Add(wire, d => d.Fields.Add(wire));
        }

        foreach (var (dot, tag) in delta.Tags.Adds.OrderBy(a => a.Key))
        {
            var wire = new WireTagAdd { Dot = ToWire(dot), Tag = tag };
            Add(wire, d => d.TagAdds.Add(wire));
        }

        foreach (var (dot, removedBy) in delta.Tags.Tombstones.OrderBy(t => t.Key))
        {
            var wire = new WireTombstone { AddDot = ToWire(dot), RemovedBy = ToWire(removedBy) };
            Add(wire, d => d.TagTombstones.Add(wire));
        }

        foreach (var interaction in delta.Interactions.Elements)
        {
            var wire = new WireInteraction
            {
                Id = interaction.Id,
                Stamp = ToWire(interaction.Stamp),
                Kind = interaction.Kind,
                Summary = interaction.Summary,
                OccurredAtMs = interaction.OccurredAtMs,
            };
            Add(wire, d => d.Interactions.Add(wire));
        }

        current.From = from;
        current.To = to;
        parts.Add(current);
        return parts;
    }

    /// <summary>Decodes one <c>Delta</c> (one part of a split delta is a delta of its own).</summary>
    public static Result<SharedRecordDelta> FromWire(WireDelta wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        if (wire.Sequence == 0)
        {
            return Invalid("sequence numbers start at 1");
        }

        var fields = ImmutableArray.CreateBuilder<FieldWrite>(wire.Fields.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in wire.Fields)
        {
            var write = FromWire(field);
            if (write.IsFailure)
            {
                return write.Error;
            }

            if (!keys.Add(field.Key))
            {
                return Invalid($"field '{field.Key}' appears twice");
            }

            fields.Add(write.Value);
        }

        var adds = new Dictionary<DomainStamp, string>();
        foreach (var add in wire.TagAdds)
        {
            var dot = FromWire(add.Dot, SharedRecordErrors.InvalidDelta, "tag add dot");
            if (dot.IsFailure)
            {
                return dot.Error;
            }

            if (string.IsNullOrWhiteSpace(add.Tag) || add.Tag.Length > SharedRecord.MaxTagLength || add.Tag.Any(char.IsControl))
            {
                return Invalid($"a tag must be 1..{SharedRecord.MaxTagLength} printable characters");
            }

            if (!adds.TryAdd(dot.Value, add.Tag))
            {
                return Invalid($"tag add dot {dot.Value} appears twice");
            }
        }

        var tombstones = new Dictionary<DomainStamp, DomainStamp>();
        foreach (var tombstone in wire.TagTombstones)
        {
            var dot = FromWire(tombstone.AddDot, SharedRecordErrors.InvalidDelta, "tombstone add dot");
            var removedBy = FromWire(tombstone.RemovedBy, SharedRecordErrors.InvalidDelta, "tombstone remove stamp");
            if (dot.IsFailure || removedBy.IsFailure)
            {
                return dot.IsFailure ? dot.Error : removedBy.Error;
            }

            if (!tombstones.TryAdd(dot.Value, removedBy.Value))
            {
                return Invalid($"tombstone for dot {dot.Value} appears twice");
            }
        }

        var interactions = new List<Rapport.Domain.SharedRecords.SharedInteraction>(wire.Interactions.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var interaction in wire.Interactions)
        {
            var stamp = FromWire(interaction.Stamp, SharedRecordErrors.InvalidDelta, "interaction stamp");
            if (stamp.IsFailure)
            {
                return stamp.Error;
            }

            if (interaction.OccurredAtMs > MaxTimeMs)
            {
                return Invalid($"interaction time {interaction.OccurredAtMs} is beyond {MaxTimeMs}");
            }

            var created = Rapport.Domain.SharedRecords.SharedInteraction.Create(interaction.Id, stamp.Value, interaction.Kind, interaction.Summary, interaction.OccurredAtMs);
            if (created.IsFailure)
            {
                return Invalid(created.Error.Message);
            }

            if (!ids.Add(interaction.Id))
            {
                return Invalid($"interaction '{interaction.Id}' appears twice");
            }

            interactions.Add(created.Value);
        }

        var from = FromWire(wire.From, SharedRecordErrors.InvalidDelta, "coverage from");
        var to = FromWire(wire.To, SharedRecordErrors.InvalidDelta, "coverage to");
        if (from.IsFailure || to.IsFailure)
        {
            return from.IsFailure ? from.Error : to.Error;
        }

        foreach (var start in from.Value.Stamps)
        {
            if (to.Value.Get(start.NodeId) is not { } end || start >= end)
            {
                return Invalid($"coverage for {start.NodeId} is empty or inverted");
            }
        }

        return new SharedRecordDelta(
            fields.MoveToImmutable(),
            ObservedRemoveSet<string>.FromParts(adds, tombstones),
            GrowOnlySet<Rapport.Domain.SharedRecords.SharedInteraction>.Of(interactions),
            from.Value,
            to.Value);
    }

    private static Result<FieldWrite> FromWire(WireFieldWrite wire)
    {
        if (!FieldKey.IsValid(wire.Key))
        {
            return Invalid($"'{Printable(wire.Key)}' is not a field key (1..{FieldKey.MaxLength} of a-z 0-9 . _ -, starting with a letter)");
        }

        var stamp = FromWire(wire.Stamp, SharedRecordErrors.InvalidDelta, $"field '{wire.Key}'");
        if (stamp.IsFailure)
        {
            return stamp.Error;
        }

        if (wire.Cleared)
        {
            return wire.Value.Length == 0
                ? new FieldWrite(wire.Key, LwwRegister<string>.Cleared(stamp.Value))
                : Invalid($"field '{wire.Key}' is cleared but carries a value");
        }

        return wire.Value.Length > SharedRecord.MaxFieldValueLength
            ? Invalid($"field '{wire.Key}' value is longer than {SharedRecord.MaxFieldValueLength} characters")
            : new FieldWrite(wire.Key, LwwRegister<string>.Set(wire.Value, stamp.Value));
    }

    private static string Printable(string text) =>
        new([.. text.Take(FieldKey.MaxLength).Select(c => char.IsControl(c) ? '?' : c)]);

    private static Error Invalid(string message) => new(SharedRecordErrors.InvalidDelta, message);
}
