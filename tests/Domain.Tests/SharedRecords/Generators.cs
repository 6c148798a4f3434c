using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

internal static class Generators
{
    public static readonly string[] Nodes = ["node-a", "node-b", "node-c"];

    public static Gen<HlcTimestamp> Stamp =>
        from physical in Gen.Choose(0, 4)
        from counter in Gen.Choose(0, 2)
        from node in Gen.Elements(Nodes)
        select new HlcTimestamp(1_000 + physical, counter, node);

    public static Gen<LwwRegister<string>> Register =>
        from stamp in Stamp
        from cleared in Gen.Elements(false, false, true)
        from value in Gen.Elements("x", "y", "z")
        select cleared ? LwwRegister<string>.Cleared(stamp) : LwwRegister<string>.Set(value, stamp);

    /// <summary>Valid OR-set states: a dot always carries the same element, as with real unique dots.</summary>
    public static Gen<ObservedRemoveSet<string>> OrSet =>
        from adds in Stamp.ListOf()
        from removed in Gen.Zip(Gen.Choose(0, 10), Stamp).ListOf()
        let addParts = adds.Select(d => KeyValuePair.Create(d, ElementOf(d)))
        let tombParts = removed.Where(r => r.Item1 < adds.Count).Select(r => KeyValuePair.Create(adds[r.Item1], r.Item2))
        select ObservedRemoveSet<string>.FromParts(addParts, tombParts);

    public static Gen<GrowOnlySet<SharedInteraction>> GSet =>
        (from id in Gen.Elements("i1", "i2", "i3", "i4")
         from stamp in Stamp
         select SharedInteraction.Create(id, stamp, "visit", $"{id}@{stamp}", stamp.PhysicalMs).Value)
        .ListOf()
        .Select(GrowOnlySet<SharedInteraction>.Of);

    public static Gen<Operation> Operation(int replicas) =>
        from replica in Gen.Choose(0, replicas - 1)
        from kind in Gen.Choose(0, 7)
        from key in Gen.Choose(0, 11)
        from value in Gen.Choose(0, 99)
        from advance in Gen.Elements(0, 0, 1, 5, 300)
        select new Operation(replica, kind, key, value, advance);

    public static Gen<List<Operation>> History(int replicas) => Operation(replicas).ListOf();

    private static string ElementOf(HlcTimestamp dot) => $"t{(dot.PhysicalMs + dot.Counter) % 3}";
}
