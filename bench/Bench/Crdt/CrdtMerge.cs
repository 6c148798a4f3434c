using System.Diagnostics;
using System.Globalization;
using Rapport.Domain.SharedRecords;

namespace Rapport.Bench.Crdt;

/// <summary>
/// Field updates merged per second on one core: update deltas for many shared records are produced up front by
/// two writer replicas per record (business and customer), then a fresh replica per record applies all of them.
/// Only the apply phase is timed.
/// </summary>
public sealed class CrdtMerge : IBenchmark
{
    private static readonly string[] FieldKeys = Enumerable.Range(0, 20).Select(i => $"field.{i:00}").ToArray();

    public string Name => "crdt-merge";

    public string Description => "shared-record field updates merged per second (args: [records] [updates-per-record] [rounds])";

    public Task RunAsync(string[] args)
    {
        var records = Arg(args, 0, 10_000);
        var updatesPerRecord = Arg(args, 1, 20);
        var rounds = Arg(args, 2, 5);
        Console.WriteLine($"records={records} updates/record={updatesPerRecord} rounds={rounds} fields/record={FieldKeys.Length}");

        var deltas = Produce(records, updatesPerRecord);
        var updates = (long)records * updatesPerRecord;
        var results = new List<double>();
        var cpuResults = new List<double>();
        for (var round = 0; round < rounds + 1; round++)
        {
            var replicas = Enumerable.Range(0, records).Select(_ => SharedRecord.Create("merger")).ToArray();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            for (var r = 0; r < records; r++)
            {
                var replica = replicas[r];
                foreach (var delta in deltas[r])
                {
                    replica.Apply(delta);
                }
            }

            stopwatch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Check(replicas);
            var perSecond = updates / stopwatch.Elapsed.TotalSeconds;
            var perCpuSecond = updates / cpu.TotalSeconds;
            if (round > 0)
            {
                results.Add(perSecond);
                cpuResults.Add(perCpuSecond);
            }

            Console.WriteLine(
                $"  round {round}{(round == 0 ? " (warm-up)" : string.Empty)}: {updates:N0} updates in {stopwatch.Elapsed.TotalMilliseconds:N1} ms wall " +
                $"({cpu.TotalMilliseconds:N1} ms CPU) = {perSecond:N0} updates/s wall, {perCpuSecond:N0} updates/CPU-s");
        }

        results.Sort();
        cpuResults.Sort();
        Console.WriteLine($"wall:  median {results[results.Count / 2]:N0} updates/s, best {results[^1]:N0} updates/s");
        Console.WriteLine($"CPU:   median {cpuResults[cpuResults.Count / 2]:N0} updates/CPU-s, best {cpuResults[^1]:N0} updates/CPU-s (target >= 1,000,000/s on one core)");
        return Task.CompletedTask;
    }

    private static SharedRecordDelta[][] Produce(int records, int updatesPerRecord)
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 1_000).Select(i => $"value {i} of some shared profile field").ToArray();
        var deltas = new SharedRecordDelta[records][];
        for (var r = 0; r < records; r++)
        {
            var business = SharedRecord.Create("12D3KooWBusiness");
            var customer = SharedRecord.Create("12D3KooWCustomer");
            var businessClock = new HybridLogicalClock(business.LocalNodeId);
            var customerClock = new HybridLogicalClock(customer.LocalNodeId);
            var wall = 1_763_700_000_000L;
            var produced = new SharedRecordDelta[updatesPerRecord];
            for (var u = 0; u < updatesPerRecord; u++)
            {
                wall += random.Next(0, 3);
                var (writer, clock) = random.Next(2) == 0 ? (business, businessClock) : (customer, customerClock);
                var stamp = clock.Now(wall);
                if (writer.LatestStamp is { } latest && stamp <= latest)
                {
                    stamp = clock.Receive(latest, wall).Value;
                }

                var delta = writer.SetField(FieldKeys[random.Next(FieldKeys.Length)], values[random.Next(values.Length)], stamp).Value;
                (writer == business ? customer : business).Apply(delta);
                produced[u] = delta;
            }

            // Delivery order differs from production order, as on a real network.
            random.Shuffle(produced);
            deltas[r] = produced;
        }

        return deltas;
    }

    private static void Check(SharedRecord[] replicas)
    {
        if (replicas.Any(r => r.Fields.Count == 0))
        {
            throw new InvalidOperationException("a replica ended up without fields; the benchmark is broken");
        }
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}
