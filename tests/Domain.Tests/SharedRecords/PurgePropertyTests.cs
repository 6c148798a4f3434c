using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

public class PurgePropertyTests
{
    [Fact]
    public void Purged_fields_never_come_back_from_old_deltas_or_merges()
    {
        var scenarios = Gen.Zip(Generators.History(3), Gen.Zip(Gen.Choose(0, int.MaxValue - 1), Gen.Choose(0, 3)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(Arb.From(scenarios), s =>
        {
            var (history, (seed, keyIndex)) = s;
            var network = new Network(3, seed);
            network.Run(history);
            var business = network.Replicas[0];
            var key = Operation.Keys[keyIndex];
            // The revoking customer's clock reading travels with the revocation; the watermark is the later of it and
            // the business's own reading, so it lies above every write made before consent ended, on any replica.
            var watermark = network.Replicas.Select(r => r.NextStamp()).Max();
            business.Record.Purge([key], watermark);

            foreach (var delta in network.Produced.AsEnumerable().Reverse())
            {
                business.Record.Apply(delta);
            }

            foreach (var other in network.Replicas.Skip(1))
            {
                business.Record.Apply(other.Record.DeltaSince(VersionVector.Empty));
                business.Record.Merge(other.Record);
            }

            return business.Record.GetRegister(key) is null && business.Record.PurgeWatermarks[key] >= watermark;
        }));
    }
}
