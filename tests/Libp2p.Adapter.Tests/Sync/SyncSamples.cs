using System.Collections.Immutable;
using Rapport.Domain.SharedRecords;

namespace Rapport.Adapters.Libp2p.Tests.Sync;

/// <summary>Domain values for the sync codec tests: a delta with every kind of entry and coverage.</summary>
internal static class SyncSamples
{
    public const string Business = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P";
    public const string Customer = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1";

    public static HlcTimestamp Stamp(long ms, int counter, string node) => new(ms, counter, node);

    public static SharedRecordDelta Delta()
    {
        var interaction = SharedInteraction.Create("call-1", Stamp(1_763_700_000_300, 0, Business), "call", "asked about the invoice", 1_763_699_000_000).Value;
        return new SharedRecordDelta(
            [
                new FieldWrite("email", LwwRegister<string>.Set("ada@example.com", Stamp(1_763_700_000_100, 2, Customer))),
                new FieldWrite("phone", LwwRegister<string>.Cleared(Stamp(1_763_700_000_200, 0, Business))),
            ],
            ObservedRemoveSet<string>.FromParts(
                [new(Stamp(1_763_700_000_010, 0, Customer), "vip"), new(Stamp(1_763_700_000_020, 1, Business), "late payer")],
                [new(Stamp(1_763_700_000_020, 1, Business), Stamp(1_763_700_000_030, 0, Customer))]),
            GrowOnlySet<SharedInteraction>.Of([interaction]),
            VersionVector.Of(Stamp(1_763_700_000_000, 0, Customer)),
            VersionVector.From([Stamp(1_763_700_000_100, 2, Customer), Stamp(1_763_700_000_300, 0, Business)]));
    }

    public static SharedRecordDelta Fields(IEnumerable<FieldWrite> fields, VersionVector from, VersionVector to) =>
        new([.. fields], ObservedRemoveSet<string>.Empty, GrowOnlySet<SharedInteraction>.Empty, from, to);

    public static void AssertSame(SharedRecordDelta expected, SharedRecordDelta actual)
    {
        Assert.Equal(expected.Fields.ToArray(), actual.Fields.ToArray());
        Assert.True(expected.Tags.StateEquals(actual.Tags));
        Assert.True(expected.Interactions.StateEquals(actual.Interactions));
        Assert.Equal(expected.From, actual.From);
        Assert.Equal(expected.To, actual.To);
    }

    public static ImmutableArray<FieldWrite> ManyFields(int count, int valueLength, string node, long ms) =>
        [.. Enumerable.Range(0, count).Select(i => new FieldWrite($"field.{i:D5}", LwwRegister<string>.Set(new string((char)('a' + (i % 26)), valueLength), Stamp(ms + i, 0, node))))];
}
