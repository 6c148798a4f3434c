using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Application.SharedRecords;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Request;
using Rapport.Bench.Crdt;
using Rapport.Domain.Consent;
using Rapport.Domain.SharedRecords;

namespace Rapport.Bench.Sync;

/// <summary>
/// Issue 4 §10: initial sync of the 10,000-interaction shared record (<see cref="SharedRecordUpdateSet"/>) between
/// two real nodes over libp2p on loopback (TCP + Noise + Yamux, <c>/rapport/sync/1.0.0</c>), each started as `rapport run`
/// starts a node (its own data dir and SQLite file, the real <see cref="SharedRecordSync"/>, the daemon). The customer holds the record under an active grant; the
/// business starts empty. Timed from the business dialing the customer (no connection before) until the business
/// has applied and committed every part of the delta, i.e. its stored replica covers the customer's last write;
/// the Ack leaves right after. Fresh nodes and databases per iteration.
/// </summary>
public sealed class SyncInitialBenchmark : IBenchmark
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public string Name => "sync-initial";

    public string Description => "initial sync of a shared record with 10,000 interactions, two nodes over libp2p loopback with SQLite stores (args: [interactions=10000] [iterations=20])";

    public async Task RunAsync(string[] args)
    {
        var count = Arg(args, 0, 10_000);
        var iterations = Arg(args, 1, 20);
        var set = SharedRecordUpdateSet.Generate(count);
        Console.WriteLine(
            $"{count:N0} interactions + {set.Fields.Count} granted profile fields on the customer; {iterations} iterations after one warm-up; " +
            $"processors visible: {Environment.ProcessorCount}; load average: {MachineLoad.Average()}");
        Console.WriteLine($"{"iteration",-10} {"connect ms",11} {"synced ms",10} {"parts",6} {"apply+store ms",15}");
        var totals = new List<double>();
        for (var iteration = 0; iteration <= iterations; iteration++)
        {
            var run = await RunOnceAsync(set).ConfigureAwait(false);
            Console.WriteLine(
                $"{(iteration == 0 ? "warm-up" : iteration.ToString(CultureInfo.InvariantCulture)),-10} {run.Connect.TotalMilliseconds,11:F1} " +
                $"{run.Total.TotalMilliseconds,10:F1} {run.Parts,6} {run.ApplyTime.TotalMilliseconds,15:F1}");
            if (iteration > 0)
            {
                totals.Add(run.Total.TotalMilliseconds);
            }
        }

        totals.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"initial sync of {count:N0} interactions: median {Percentile(totals, 0.50):F0} ms, p95 {Percentile(totals, 0.95):F0} ms, " +
            $"best {totals[0]:F0} ms, worst {totals[^1]:F0} ms (target < 5000 ms); load average now: {MachineLoad.Average()}"));
    }

    private static async Task<Run> RunOnceAsync(SharedRecordUpdateSet set)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rb-sync-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var business = await SyncBenchNode.CreateAsync(Path.Combine(directory, "business")).ConfigureAwait(false);
            var customer = await SyncBenchNode.CreateAsync(Path.Combine(directory, "customer")).ConfigureAwait(false);
            var pair = new SharedRecordPair(business.PeerId, customer.PeerId);
            await GrantAsync(business, customer, set).ConfigureAwait(false);
            var target = await SeedInteractionsAsync(customer, pair, set).ConfigureAwait(false);

            ObservedSync? observed = null;
            Run run;
            var customerNode = await customer.StartAsync().ConfigureAwait(false);
            await using (customerNode.ConfigureAwait(false))
            {
                var businessNode = await business.StartAsync(inner => observed = new ObservedSync(inner, target)).ConfigureAwait(false);
                await using (businessNode.ConfigureAwait(false))
                {
                    var clock = Stopwatch.StartNew();
                    await SyncBenchNode.ConnectAsync(businessNode, customerNode).ConfigureAwait(false);
                    var connect = clock.Elapsed;
                    try
                    {
                        await observed!.Covered.WaitAsync(Limit).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        var status = businessNode.Get<Rapport.Adapters.Libp2p.Sync.Libp2pSyncService>().StatusOf(customer.PeerId);
                        throw new InvalidOperationException($"no complete sync within {Limit.TotalSeconds:0} s; business status: {status}");
                    }

                    run = new Run(connect, clock.Elapsed, observed.DeltasApplied, observed.ApplyTime);
                }
            }

            await VerifyAsync(business, pair, set).ConfigureAwait(false);
            return run;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TryDelete(directory);
        }
    }

    /// <summary>The business's stored replica (read back from SQLite) holds every interaction and every granted field.</summary>
    private static async Task VerifyAsync(SyncBenchNode business, SharedRecordPair pair, SharedRecordUpdateSet set)
    {
        await using var node = await business.OpenAsync().ConfigureAwait(false);
        await using var work = await node.UnitOfWork.BeginReadAsync().ConfigureAwait(false);
        var stored = await work.SharedRecords.FindAsync(pair, business.PeerId).ConfigureAwait(false);
        var interactions = stored?.InteractionState.Count ?? 0;
        var fields = stored?.Fields.Count ?? 0;
        if (stored is null || interactions != set.Interactions.Count || fields != set.Fields.Count ||
            set.Interactions.Any(i => stored.InteractionState.Find(i.Id)?.Summary != i.Summary))
        {
            throw new InvalidOperationException(
                $"the business's stored replica holds {interactions} interactions and {fields} fields, expected {set.Interactions.Count} and {set.Fields.Count}");
        }
    }

    /// <summary>The customer's profile holds the fields; the business asks for them and the customer grants them (consent protocol).</summary>
    private static async Task GrantAsync(SyncBenchNode business, SyncBenchNode customer, SharedRecordUpdateSet set)
    {
        await using (var node = await customer.OpenAsync().ConfigureAwait(false))
        {
            await using var work = await node.UnitOfWork.BeginAsync().ConfigureAwait(false);
            foreach (var (key, value) in set.Fields)
            {
                await work.Profile.SetAsync(key, value, node.Clock.UtcNow).ConfigureAwait(false);
            }

            await work.CommitAsync().ConfigureAwait(false);
        }

        await using var businessNode = await business.StartAsync().ConfigureAwait(false);
        await using var customerNode = await customer.StartAsync().ConfigureAwait(false);
        await SyncBenchNode.ConnectAsync(businessNode, customerNode).ConfigureAwait(false);
        var fields = set.Fields.ToDictionary(f => f.Key, _ => AccessLevel.View, StringComparer.Ordinal);
        var request = await businessNode.Get<RequestSharing>().ExecuteAsync(
            new RequestSharingCommand(customer.PeerId, fields, ["service"], TimeSpan.FromDays(30), "benchmark", "bench")).ConfigureAwait(false);
        if (request.IsFailure)
        {
            throw new InvalidOperationException($"setup: request failed: {request.Error.Message}");
        }

        var granted = await customerNode.Get<AcceptRequest>().ExecuteAsync(new AcceptRequestCommand(request.Value.Id, fields, ["service"], "bench")).ConfigureAwait(false);
        if (granted.IsFailure || !granted.Value.Delivered)
        {
            throw new InvalidOperationException($"setup: grant not delivered: {(granted.IsFailure ? granted.Error.Message : granted.Value.DeliveryError?.Message)}");
        }
    }

    /// <summary>
    /// The customer logs the interactions in its replica (the granted fields were asserted there by the grant),
    /// stamped by its node clock, and stores them — with the node stopped, as a restore would. Returns the last write's stamp.
    /// </summary>
    private static async Task<HlcTimestamp> SeedInteractionsAsync(SyncBenchNode customer, SharedRecordPair pair, SharedRecordUpdateSet set)
    {
        await using var node = await customer.OpenAsync().ConfigureAwait(false);
        var nodeClock = SyncBenchNode.ClockOf(node);
        await using var work = await node.UnitOfWork.BeginAsync().ConfigureAwait(false);
        await nodeClock.StartWithinAsync(work).ConfigureAwait(false);
        var record = await work.SharedRecords.FindAsync(pair, customer.PeerId).ConfigureAwait(false)
            ?? throw new InvalidOperationException("setup: the grant did not assert the profile fields in the customer's replica");
        foreach (var interaction in set.Interactions)
        {
            var stamped = SharedInteraction.Create(interaction.Id, nodeClock.Now(record), interaction.Kind, interaction.Summary, interaction.OccurredAtMs).Value;
            if (record.LogInteraction(stamped) is { IsFailure: true } failed)
            {
                throw new InvalidOperationException($"setup: {failed.Error.Message}");
            }
        }

        var ids = set.Interactions.Select(i => i.Id).ToImmutableHashSet(StringComparer.Ordinal);
        await work.SharedRecords.SaveAsync(pair, record, RecordChanges.None with { InteractionIds = ids }).ConfigureAwait(false);
        await work.CommitAsync().ConfigureAwait(false);
        return record.LatestStamp ?? throw new InvalidOperationException("setup: no stamp after logging");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort cleanup of the benchmark's temporary databases.
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;

    private readonly record struct Run(TimeSpan Connect, TimeSpan Total, int Parts, TimeSpan ApplyTime);
}
