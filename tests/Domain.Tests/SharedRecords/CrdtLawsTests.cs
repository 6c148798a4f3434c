using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

public class CrdtLawsTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Lww_register_merge_is_commutative_associative_and_idempotent()
    {
        var triples = Gen.Zip(Generators.Register, Gen.Zip(Generators.Register, Generators.Register));
        Check.One(Config, Prop.ForAll(Arb.From(triples), t =>
        {
            var (a, (b, c)) = t;
            return a.Merge(b) == b.Merge(a) && a.Merge(b).Merge(c) == a.Merge(b.Merge(c)) && a.Merge(a) == a;
        }));
    }

    [Fact]
    public void Lww_register_merge_keeps_the_greater_stamp()
    {
        Check.One(Config, Prop.ForAll(Arb.From(Gen.Zip(Generators.Register, Generators.Register)), t =>
            t.Item1.Merge(t.Item2).Stamp == HlcTimestamp.Max(t.Item1.Stamp, t.Item2.Stamp)));
    }

    [Fact]
    public void Or_set_merge_is_commutative_associative_and_idempotent()
    {
        var triples = Gen.Zip(Generators.OrSet, Gen.Zip(Generators.OrSet, Generators.OrSet));
        Check.One(Config, Prop.ForAll(Arb.From(triples), t =>
        {
            var (a, (b, c)) = t;
            return a.Merge(b).StateEquals(b.Merge(a)) &&
                   a.Merge(b).Merge(c).StateEquals(a.Merge(b.Merge(c))) &&
                   a.Merge(a).StateEquals(a);
        }));
    }

    [Fact]
    public void G_set_merge_is_commutative_associative_and_idempotent()
    {
        var triples = Gen.Zip(Generators.GSet, Gen.Zip(Generators.GSet, Generators.GSet));
        Check.One(Config, Prop.ForAll(Arb.From(triples), t =>
        {
            var (a, (b, c)) = t;
            return a.Merge(b).StateEquals(b.Merge(a)) &&
                   a.Merge(b).Merge(c).StateEquals(a.Merge(b.Merge(c))) &&
                   a.Merge(a).StateEquals(a) &&
                   a.Elements.All(e => a.Merge(b).Contains(e.Id));
        }));
    }

    [Fact]
    public void Shared_record_merge_is_commutative_associative_and_idempotent()
    {
        var scenarios = Gen.Zip(Generators.History(3), Gen.Zip(Gen.Choose(0, int.MaxValue - 1), Gen.Elements(false, true)));
        Check.One(Config.WithMaxTest(150), Prop.ForAll(Arb.From(scenarios), s =>
        {
            var (history, (seed, purge)) = s;
            var network = new Network(3, seed);
            network.Run(history);
            if (purge)
            {
                var b = network.Replicas[1];
                b.Record.Purge([Operation.Keys[seed % Operation.Keys.Length]], b.NextStamp());
            }

            var (ra, rb, rc) = (network.Replicas[0].Record, network.Replicas[1].Record, network.Replicas[2].Record);
            return Join(ra, rb).StateEquals(Join(rb, ra)) &&
                   Join(Join(ra, rb), rc).StateEquals(Join(ra, Join(rb, rc))) &&
                   Join(ra, ra).StateEquals(ra);
        }));
    }

    private static SharedRecord Join(SharedRecord a, SharedRecord b)
    {
        var result = a.Clone();
        result.Merge(b);
        return result;
    }
}
