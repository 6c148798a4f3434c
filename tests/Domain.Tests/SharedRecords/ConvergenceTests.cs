using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

public class ConvergenceTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Replicas_converge_over_unreliable_delivery_and_anti_entropy(int replicas)
    {
        var scenarios = Gen.Zip(Generators.History(replicas), Gen.Choose(0, int.MaxValue - 1));
        Check.One(Config, Prop.ForAll(Arb.From(scenarios), s =>
        {
            var network = new Network(replicas, s.Item2);
            network.Run(s.Item1);
            network.AntiEntropy();

            // The oracle sees every write exactly once, in production order, over a perfect network.
            var oracle = SharedRecord.Create("oracle");
            foreach (var delta in network.Produced)
            {
                oracle.Apply(delta);
            }

            return network.Replicas.All(r => r.Record.StateEquals(oracle)) &&
                   network.Replicas.All(a => network.Replicas.All(b => a.Record.DeltaSince(b.Record.Versions).IsEmpty));
        }));
    }

    [Fact]
    public void Deltas_applied_in_any_order_with_duplicates_reach_the_same_state()
    {
        var scenarios = Gen.Zip(Generators.History(3), Gen.Choose(0, int.MaxValue - 1));
        Check.One(Config, Prop.ForAll(Arb.From(scenarios), s =>
        {
            var network = new Network(3, s.Item2);
            network.Run(s.Item1);
            var inOrder = SharedRecord.Create("x");
            network.Produced.ForEach(d => inOrder.Apply(d));

            var random = new Random(s.Item2);
            var shuffled = SharedRecord.Create("y");
            foreach (var delta in network.Produced.Concat(network.Produced.Take(5)).OrderBy(_ => random.Next()))
            {
                shuffled.Apply(delta);
            }

            // Field, tag and interaction state match; only the version vector may lag after out-of-order delivery.
            return inOrder.Fields.SequenceEqual(shuffled.Fields) && inOrder.TagState.StateEquals(shuffled.TagState) &&
                   inOrder.InteractionState.StateEquals(shuffled.InteractionState);
        }));
    }

    [Fact]
    public void Delta_sync_yields_the_same_state_as_full_state_merge()
    {
        var scenarios = Gen.Zip(Generators.History(3), Gen.Zip(Gen.Choose(0, int.MaxValue - 1), Gen.Elements(false, true)));
        Check.One(Config, Prop.ForAll(Arb.From(scenarios), s =>
        {
            var (history, (seed, purgeOnReceiver)) = s;
            var network = new Network(3, seed);
            network.Run(history);
            var sender = network.Replicas[0].Record;
            var receiver = network.Replicas[1];
            if (purgeOnReceiver)
            {
                receiver.Record.Purge([Operation.Keys[seed % Operation.Keys.Length]], receiver.NextStamp());
            }

            var byDelta = receiver.Record.Clone();
            var delta = sender.DeltaSince(byDelta.Versions);
            var contiguous = byDelta.Apply(delta);
            var byMerge = receiver.Record.Clone();
            byMerge.Merge(sender);

            var onlyUnseen = delta.Fields.All(f => !receiver.Record.Versions.Covers(f.Register.Stamp));
            return contiguous && onlyUnseen && byDelta.StateEquals(byMerge);
        }));
    }

    [Fact]
    public void Delta_since_an_up_to_date_vector_is_empty_and_since_nothing_is_everything()
    {
        var network = new Network(2, 7);
        network.Run(Enumerable.Range(0, 40).Select(i => new Operation(i % 2, i % 8, i, i, 1)));
        network.AntiEntropy();
        var a = network.Replicas[0].Record;

        Assert.True(a.DeltaSince(a.Versions).IsEmpty);
        var fresh = SharedRecord.Create("node-z");
        fresh.Apply(a.DeltaSince(VersionVector.Empty));
        Assert.True(fresh.StateEquals(a));
    }
}
