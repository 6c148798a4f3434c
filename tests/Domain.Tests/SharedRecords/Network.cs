using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

/// <summary>
/// Runs an operation history on several replicas over an unreliable network that reorders, duplicates and drops
/// deltas, then repairs losses with version-vector anti-entropy, as the sync protocol does on reconnect.
/// </summary>
internal sealed class Network
{
    private readonly List<(SharedRecordDelta Delta, int Target)> _inFlight = [];
    private readonly Random _random;

    public Network(int replicas, int seed)
    {
        _random = new Random(seed);
        Replicas = Enumerable.Range(0, replicas)
            .Select(i => new Replica(Generators.Nodes[i], 1_700_000_000_000 + (_random.Next(0, 5_000))))
            .ToList();
    }

    public List<Replica> Replicas { get; }

    /// <summary>Every delta produced, in production order.</summary>
    public List<SharedRecordDelta> Produced { get; } = [];

    public void Run(IEnumerable<Operation> history)
    {
        var interactionSeq = 0;
        foreach (var operation in history)
        {
            var origin = operation.Replica % Replicas.Count;
            var delta = operation.RunOn(Replicas[origin], ref interactionSeq);
            if (delta is not null)
            {
                Produced.Add(delta);
                for (var target = 0; target < Replicas.Count; target++)
                {
                    if (target != origin)
                    {
                        _inFlight.Add((delta, target));
                    }
                }
            }

            DeliverSome(_random.Next(0, 3));
        }

        DeliverSome(_inFlight.Count * 2);
    }

    public void AntiEntropy()
    {
        for (var round = 0; round < 2; round++)
        {
            foreach (var from in Replicas)
            {
                foreach (var to in Replicas.Where(r => r != from))
                {
                    to.Record.Apply(from.Record.DeltaSince(to.Record.Versions));
                }
            }
        }
    }

    private void DeliverSome(int count)
    {
        for (var i = 0; i < count && _inFlight.Count > 0; i++)
        {
            var index = _random.Next(_inFlight.Count);
            var (delta, target) = _inFlight[index];
            var fate = _random.Next(100);
            if (fate < 15)
            {
                _inFlight.RemoveAt(index);
                continue;
            }

            Replicas[target].Record.Apply(delta);
            if (fate >= 30)
            {
                _inFlight.RemoveAt(index);
            }
        }
    }
}
