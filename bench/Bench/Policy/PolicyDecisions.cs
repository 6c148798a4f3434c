using System.Diagnostics;
using System.Globalization;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Bench.Policy;

/// <summary>
/// Single-thread, warm policy evaluation over a mix of contacts (granted, revoked, expired, hierarchical, field shares)
/// and all six default actions, through the public <see cref="PolicyMatrix.Evaluate(string, ConsentSnapshot, DateTimeOffset, EnforcementMode, FieldKey?, Purpose?)"/>
/// (action lookup included). Throughput over one long run; latency from timestamps around every single decision
/// (so it includes the ~20-40 ns cost of reading the timestamp twice).
/// Options: --decisions N (throughput run, default 20,000,000), --samples N (latency samples, default 2,000,000), --contacts N (default 10,000).
/// </summary>
public sealed class PolicyDecisions : IBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public string Name => "policy-decisions";

    public string Description => "policy engine: decisions/s and p50/p99 latency, single thread (target >= 1,000,000/s, p99 <= 10 us)";

    public Task RunAsync(string[] args)
    {
        var decisions = Option(args, "--decisions", 20_000_000);
        var samples = Option(args, "--samples", 2_000_000);
        var contacts = Option(args, "--contacts", 10_000);

        var snapshots = BuildSnapshots(contacts);
        var fields = new[] { FieldKey.Parse("email").Value, FieldKey.Parse("interactions").Value, FieldKey.Parse("custom.tier").Value };
        string[] actions = [PolicyActions.ScoreLead, PolicyActions.TrainModel, PolicyActions.ExportForMarketing, PolicyActions.ShareExternally, PolicyActions.ReadSharedField, PolicyActions.WriteSharedField];
        var policy = PolicyMatrix.Default;

        var permitted = 0L;
        var warm = Math.Min(decisions, 3_000_000);
        for (var i = 0; i < warm; i++)
        {
            permitted += Decide(policy, snapshots, actions, fields, i) ? 1 : 0;
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gcBefore = GC.CollectionCount(0);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < decisions; i++)
        {
            permitted += Decide(policy, snapshots, actions, fields, i) ? 1 : 0;
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var gen0 = GC.CollectionCount(0) - gcBefore;

        var latencies = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var before = Stopwatch.GetTimestamp();
            permitted += Decide(policy, snapshots, actions, fields, i) ? 1 : 0;
            latencies[i] = Stopwatch.GetTimestamp() - before;
        }

        Array.Sort(latencies);
        var perSecond = decisions / elapsed.TotalSeconds;
        Console.WriteLine($"contacts           {contacts:N0} (snapshot hashes precomputed)");
        Console.WriteLine($"decisions          {decisions:N0} in {elapsed.TotalMilliseconds:N0} ms");
        Console.WriteLine($"throughput         {perSecond:N0} decisions/s  (mean {elapsed.TotalNanoseconds / decisions:N1} ns)");
        Console.WriteLine($"cpu time           {cpu.TotalMilliseconds:N0} ms => {decisions / cpu.TotalSeconds:N0} decisions per CPU-second (wall/CPU {elapsed / cpu:N2}: >1 means the thread waited for a core)");
        Console.WriteLine($"allocated          {(double)allocated / decisions:N2} bytes/decision, gen0 collections {gen0}");
        Console.WriteLine($"latency samples    {samples:N0} single decisions");
        Console.WriteLine($"latency p50        {Nanoseconds(latencies, 0.50):N0} ns");
        Console.WriteLine($"latency p99        {Nanoseconds(latencies, 0.99):N0} ns");
        Console.WriteLine($"latency p99.9      {Nanoseconds(latencies, 0.999):N0} ns");
        Console.WriteLine($"latency max        {Nanoseconds(latencies, 1.0):N0} ns");
        Console.WriteLine($"targets            throughput >= 1,000,000/s: {(perSecond >= 1_000_000 ? "met" : "NOT met")}; p99 <= 10 us: {(Nanoseconds(latencies, 0.99) <= 10_000 ? "met" : "NOT met")}");
        Console.WriteLine($"(permitted {permitted:N0}, printed so the work cannot be optimised away)");
        return Task.CompletedTask;
    }

    private static bool Decide(PolicyMatrix policy, ConsentSnapshot[] snapshots, string[] actions, FieldKey[] fields, int i)
    {
        var action = actions[i % actions.Length];
        var field = i % actions.Length >= 4 ? fields[i % fields.Length] : null;
        return policy.Evaluate(action, snapshots[i % snapshots.Length], Now, EnforcementMode.Enforce, field).Allowed;
    }

    private static ConsentSnapshot[] BuildSnapshots(int count)
    {
        var random = new Random(42);
        var form = new ConsentSource.Collected(CollectionChannel.Form, "bench");
        var purposes = new[] { Purpose.Analytics, Purpose.Marketing, Purpose.DataShare, Purpose.AiTraining, Purpose.Parse("marketing.email").Value };
        var levels = new[] { AccessLevel.None, AccessLevel.View, AccessLevel.Edit };
        var snapshots = new ConsentSnapshot[count];
        for (var c = 0; c < count; c++)
        {
            var contact = new ContactId(new Guid(random.GetItems<byte>([.. Enumerable.Range(0, 256).Select(b => (byte)b)], 16)));
            var grants = new List<ConsentGrant>();
            foreach (var purpose in purposes)
            {
                var kind = random.Next(5);
                if (kind == 0)
                {
                    continue;
                }

                var issued = Now.AddDays(-random.Next(2, 400));
                DateTimeOffset? until = kind == 2 ? Now.AddDays(-1) : kind == 3 ? Now.AddDays(30) : null;
                var from = kind == 4 && random.Next(4) == 0 ? Now.AddDays(3) : issued;
                var grant = ConsentGrant.Issue(null, contact, purpose, LegalBasis.Consent, form,
                    [new(FieldKey.Parse("profile.*").Value, levels[random.Next(3)]), new(FieldKey.Parse("interactions").Value, levels[random.Next(3)])],
                    issued, from, until).Value;
                if (random.Next(6) == 0)
                {
                    grant = grant.Revoke(Now.AddDays(-random.Next(0, 5))).Value;
                }

                grants.Add(grant);
            }

            snapshots[c] = ConsentSnapshot.Create(contact, grants);
        }

        return snapshots;
    }

    private static double Nanoseconds(long[] sorted, double quantile)
    {
        var index = (int)Math.Min(sorted.Length - 1, Math.Ceiling(quantile * sorted.Length) - 1);
        return sorted[Math.Max(0, index)] * 1_000_000_000.0 / Stopwatch.Frequency;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
