using System.Collections.Immutable;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// Which entries of a shared record a use case touched, so the store rewrites only those (a small delta against a
/// record with thousands of interactions stays cheap). <see cref="Everything"/> asks for a full rewrite.
/// </summary>
public sealed record RecordChanges(
    ImmutableHashSet<string> FieldKeys,
    ImmutableHashSet<HlcTimestamp> TagDots,
    ImmutableHashSet<string> InteractionIds,
    bool IsEverything = false)
{
    public static readonly RecordChanges None = new([], [], []);

    public static readonly RecordChanges Everything = new([], [], [], true);

    public static RecordChanges Of(SharedRecordDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return new RecordChanges(
            delta.Fields.Select(f => f.Key).ToImmutableHashSet(StringComparer.Ordinal),
            delta.Tags.Adds.Keys.Concat(delta.Tags.Tombstones.Keys).ToImmutableHashSet(),
            delta.Interactions.Elements.Select(i => i.Id).ToImmutableHashSet(StringComparer.Ordinal));
    }

    public static RecordChanges OfFields(IEnumerable<string> keys) =>
        None with { FieldKeys = keys.ToImmutableHashSet(StringComparer.Ordinal) };

    public RecordChanges And(RecordChanges other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new RecordChanges(
            FieldKeys.Union(other.FieldKeys),
            TagDots.Union(other.TagDots),
            InteractionIds.Union(other.InteractionIds),
            IsEverything || other.IsEverything);
    }
}
