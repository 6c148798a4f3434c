using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Rapport.Adapters.Libp2p.Sync;
using Rapport.Domain.SharedRecords;
using WireDelta = Rapport.Protocol.Sharing.V1.Delta;

namespace Rapport.Bench.Crdt;

/// <summary>
/// Issue 4 §10 reference comparison: the 10,000-interaction update set (<see cref="SharedRecordUpdateSet"/>),
/// written on the customer node, merged into an empty replica in memory on one thread — by us and, in the same run,
/// by Automerge (bench/automerge) on the identical data. Only the receiving side is timed unless a row says otherwise.
/// </summary>
public sealed class CrdtMergeSetBenchmark : IBenchmark
{
    private const string BusinessNodeId = "12D3KooWBusinessBenchNode";
    private const string Receiver = "decode wire Delta parts + Apply each — receiver";
    private const string BothSides = "DeltaSince + encode + decode + Apply — both sides";
    private static readonly string[] Writers = [SharedRecordUpdateSet.CustomerNodeId, BusinessNodeId];

    public string Name => "crdt-merge-set";

    public string Description => "10,000 shared interactions + profile fields merged into an empty replica, C# vs Automerge 3.5.0 in the same run (args: [interactions=10000] [rounds=7] [automerge-rounds=5])";

    public async Task RunAsync(string[] args)
    {
        var count = Arg(args, 0, 10_000);
        var rounds = Arg(args, 1, 7);
        var automergeRounds = Arg(args, 2, 5);
        var set = SharedRecordUpdateSet.Generate(count);
        var writer = set.Write(out var writes);
        var delta = writer.DeltaSince(VersionVector.Empty);
        var wire = SyncWire.ToWireParts(delta, 1).Select(p => p.ToByteArray()).ToArray();
        Console.WriteLine(
            $"update set: {set.Interactions.Count:N0} interactions (summary {set.Interactions.Average(i => i.Summary.Length):F0} chars avg) + " +
            $"{set.Fields.Count} profile fields, {writes.Count:N0} local writes on the customer node; " +
            $"/rapport/sync/1.0.0 Delta: {wire.Length} parts, {wire.Sum(p => p.Length):N0} B; " +
            $"processors visible: {Environment.ProcessorCount}; load average: {MachineLoad.Average()}");

        var measures = new (string Name, Func<SharedRecord> Merge)[]
        {
            ("Apply(one DeltaSince(empty)) — receiver only", () =>
            {
                var replica = SharedRecord.Create(BusinessNodeId);
                replica.Apply(delta);
                return replica;
            }),
            (Receiver, () =>
            {
                var replica = SharedRecord.Create(BusinessNodeId);
                foreach (var part in wire)
                {
                    replica.Apply(Received(part));
                }

                return replica;
            }),
            ("  of which: decode + validate the parts only", () =>
            {
                foreach (var part in wire)
                {
                    _ = Received(part);
                }

                return writer;
            }),
            (BothSides, () =>
            {
                var replica = SharedRecord.Create(BusinessNodeId);
                foreach (var part in SyncWire.ToWireParts(writer.DeltaSince(VersionVector.Empty), 1))
                {
                    replica.Apply(Received(part.ToByteArray()));
                }

                return replica;
            }),
            ("DeltaSince(empty) + Apply — sender and receiver", () =>
            {
                var replica = SharedRecord.Create(BusinessNodeId);
                replica.Apply(writer.DeltaSince(VersionVector.Empty));
                return replica;
            }),
            ("Apply of each write's own delta, in order", () =>
            {
                var replica = SharedRecord.Create(BusinessNodeId);
                foreach (var write in writes)
                {
                    replica.Apply(write);
                }

                return replica;
            }),
            ("Merge(full state) into an empty replica", () =>
            {
                var replica = SharedRecord.Create(BusinessNodeId);
                replica.Merge(writer);
                return replica;
            }),
        };

        var medians = new Dictionary<string, double>();
        Console.WriteLine($"{"C# measure (one thread)",-52} {"median ms",10} {"best ms",9} {"interactions/s",15}");
        foreach (var (name, merge) in measures)
        {
            var samples = new List<double>();
            for (var round = 0; round <= rounds; round++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var clock = Stopwatch.StartNew();
                var replica = merge();
                clock.Stop();
                Check(replica, writer, name);
                if (round > 0)
                {
                    samples.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            samples.Sort();
            var median = samples[samples.Count / 2];
            medians[name] = median;
            Console.WriteLine($"{name,-52} {median,10:F2} {samples[0],9:F2} {count / (median / 1000),15:N0}");
        }

        var file = Path.Combine(Path.GetTempPath(), $"rapport-update-set-{Environment.ProcessId}.json");
        try
        {
            set.WriteJson(file);
            await CompareAsync(file, automergeRounds, "immutable", count, medians).ConfigureAwait(false);
            await CompareAsync(file, Math.Max(1, automergeRounds / 2), "text", count, medians).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task CompareAsync(string file, int rounds, string strings, int count, Dictionary<string, double> ours)
    {
        var (result, error) = await AutomergeReference.RunAsync(file, rounds, strings).ConfigureAwait(false);
        if (result is not { } am)
        {
            Console.WriteLine($"Automerge comparison skipped: {error}");
            return;
        }

        Console.WriteLine(
            $"Automerge {am.GetProperty("automerge").GetString()} on Node.js {am.GetProperty("node").GetString()}, strings as {strings}: " +
            $"{am.GetProperty("changes").GetInt32():N0} changes ({am.GetProperty("changeBytes").GetInt64():N0} B), " +
            $"saved document {am.GetProperty("savedBytes").GetInt64():N0} B, sync {am.GetProperty("syncMessages").GetProperty("messages").GetInt32()} messages " +
            $"({am.GetProperty("syncMessages").GetProperty("bytes").GetInt64():N0} B), {rounds} rounds");
        Console.WriteLine($"{"Automerge measure",-52} {"median ms",10} {"best ms",9} {"interactions/s",15} {"C# vs it",9}");
        Row(am, "applyChanges", "applyChanges(init(), getAllChanges) — receiver", count, ours[Receiver]);
        // No C# counterpart: our full-state merge into an empty replica shares the writer's immutable sets instead of
        // copying them, which makes it nearly free and the ratio meaningless.
        Row(am, "merge", "merge(init(), writer) — receiver", count, null);
        Row(am, "sync", "sync protocol in memory — both sides", count, ours[BothSides]);
        Row(am, "load", "load(save(writer)) — receiver", count, ours[Receiver]);
        Row(am, "save", "save(writer) — sender", count, null);
        var fastest = new[] { "applyChanges", "merge", "load" }.MinBy(k => Median(am, k))!;
        Console.WriteLine(
            $"ratio, receiver from bytes: Automerge's fastest path ({fastest}, {Median(am, fastest):F1} ms) / C# decode + Apply " +
            $"({ours[Receiver]:F1} ms) = {Median(am, fastest) / ours[Receiver]:F1}x; both sides: Automerge sync / C# DeltaSince+encode+decode+Apply = " +
            $"{Median(am, "sync") / ours[BothSides]:F1}x");
    }

    /// <summary>A Delta message as the node takes it in: parsed, mapped and checked (SyncWire.FromWire), validated against the pair's writers.</summary>
    private static SharedRecordDelta Received(byte[] message)
    {
        var delta = SyncWire.FromWire(WireDelta.Parser.ParseFrom(message)).Value;
        return delta.Validate(Writers).IsSuccess ? delta : throw new InvalidOperationException("the benchmark's delta does not validate");
    }

    private static void Row(JsonElement am, string key, string label, int count, double? oursMs)
    {
        var median = Median(am, key);
        var best = am.GetProperty(key).GetProperty("bestMs").GetDouble();
        var ratio = oursMs is { } o ? $"{median / o,8:F1}x" : string.Empty;
        Console.WriteLine($"{label,-52} {median,10:F2} {best,9:F2} {count / (median / 1000),15:N0} {ratio,9}");
    }

    private static double Median(JsonElement am, string key) => am.GetProperty(key).GetProperty("medianMs").GetDouble();

    private static void Check(SharedRecord replica, SharedRecord writer, string measure)
    {
        if (replica.InteractionState.Count != writer.InteractionState.Count || !replica.StateEquals(writer))
        {
            throw new InvalidOperationException($"{measure}: the replica does not hold the writer's state; the benchmark is broken");
        }
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}
