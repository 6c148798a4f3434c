using System.Diagnostics;
using System.Globalization;

namespace Rapport.Bench.Grpc;

/// <summary>Runs a call in a closed loop from N concurrent workers and reports throughput and latency percentiles.</summary>
internal static class LatencyRecorder
{
    public sealed record Result(string Name, long Calls, double Seconds, double P50Ms, double P99Ms)
    {
        public double RequestsPerSecond => Calls / Seconds;
    }

    public static async Task<Result> RunAsync(string name, int concurrency, TimeSpan duration, Func<Task> call)
    {
        var samples = new List<long>[concurrency];
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = samples[w] = new List<long>(100_000);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var t0 = Stopwatch.GetTimestamp();
                await call().ConfigureAwait(false);
                mine.Add(Stopwatch.GetTimestamp() - t0);
            }
        }).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = samples.SelectMany(s => s).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return new Result(name, all.Length, elapsed, Percentile(0.50), Percentile(0.99));
    }

    /// <summary>
    /// The endpoints at 1, 16 and 64 concurrent calls: a 1 s warm-up each, then <paramref name="rounds"/> rounds with
    /// the endpoints interleaved, a row per run; after each concurrency <paramref name="summarize"/> gets its results.
    /// </summary>
    public static async Task InterleaveAsync(
        IReadOnlyList<(string Name, Func<Task> Call)> endpoints, int seconds, int rounds, Action<int, List<Result>> summarize)
    {
        Console.WriteLine($"{"concurrency",11} {"endpoint",-12} {"round",5} {"req/s",9} {"p50 ms",8} {"p99 ms",8}  load");
        foreach (var concurrency in new[] { 1, 16, 64 })
        {
            foreach (var (_, call) in endpoints)
            {
                await RunAsync("warmup", concurrency, TimeSpan.FromSeconds(1), call).ConfigureAwait(false);
            }

            var results = new List<Result>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (endpoint, call) in endpoints)
                {
                    var r = await RunAsync(endpoint, concurrency, TimeSpan.FromSeconds(seconds), call).ConfigureAwait(false);
                    results.Add(r);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{concurrency,11} {endpoint,-12} {round,5} {r.RequestsPerSecond,9:F0} {r.P50Ms,8:F2} {r.P99Ms,8:F2}  {MachineLoad.Average()}"));
                }
            }

            summarize(concurrency, results);
        }
    }
}
