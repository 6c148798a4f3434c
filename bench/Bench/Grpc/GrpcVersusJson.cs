using System.Globalization;

namespace Rapport.Bench.Grpc;

/// <summary>
/// Drives a gRPC call and its plain HTTP/2 JSON twin in interleaved rounds at the same concurrency, prints one row per
/// round and the overall throughput ratio (the gRPC target is ≥ 80 % of JSON).
/// </summary>
internal static class GrpcVersusJson
{
    public static async Task CompareAsync(Func<Task> grpcCall, Func<Task> jsonCall, int concurrency, int seconds, int rounds, int warmupSeconds)
    {
        Console.WriteLine($"warming up; then {rounds} interleaved round(s) of {seconds}s per endpoint at concurrency {concurrency}");
        await LatencyRecorder.RunAsync("warmup-grpc", concurrency, TimeSpan.FromSeconds(warmupSeconds), grpcCall).ConfigureAwait(false);
        await LatencyRecorder.RunAsync("warmup-json", concurrency, TimeSpan.FromSeconds(warmupSeconds), jsonCall).ConfigureAwait(false);

        var results = new List<LatencyRecorder.Result>();
        for (var round = 0; round < rounds; round++)
        {
            results.Add(await LatencyRecorder.RunAsync("grpc", concurrency, TimeSpan.FromSeconds(seconds), grpcCall).ConfigureAwait(false));
            results.Add(await LatencyRecorder.RunAsync("json", concurrency, TimeSpan.FromSeconds(seconds), jsonCall).ConfigureAwait(false));
        }

        Console.WriteLine($"{"endpoint",-10} {"round",5} {"calls",10} {"req/s",10} {"p50 ms",8} {"p99 ms",8}");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-10} {(i / 2) + 1,5} {r.Calls,10} {r.RequestsPerSecond,10:F0} {r.P50Ms,8:F2} {r.P99Ms,8:F2}"));
        }

        var grpcRate = Rate(results, "grpc");
        var jsonRate = Rate(results, "json");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gRPC {grpcRate:F0} req/s vs JSON {jsonRate:F0} req/s: ratio {grpcRate / jsonRate:P1} (target >= 80%)"));
    }

    /// <summary>The integer after <paramref name="name"/> in the arguments, or <paramref name="fallback"/>.</summary>
    public static int ReadOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>Calls per second over every run named <paramref name="name"/>.</summary>
    public static double Rate(List<LatencyRecorder.Result> results, string name) =>
        results.Where(r => r.Name == name).Sum(r => r.Calls) / results.Where(r => r.Name == name).Sum(r => r.Seconds);
}
