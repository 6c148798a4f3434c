using System.Diagnostics;

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
}
