using System.Diagnostics;
using System.Globalization;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;

namespace Rapport.Bench.Libp2p;

/// <summary>
/// Holds N concurrent connections to one node and measures that node's memory per idle connection. The listening
/// node runs in a child process (this benchmark binary in <c>--serve</c> mode) so its heap and working set are
/// accounted apart from the N dialers.
/// </summary>
public sealed class Libp2pConnectionsBenchmark : IBenchmark
{
    public string Name => "libp2p-connections";

    public string Description => "N concurrent connections to one node (child process), all pinged, memory per idle connection; args: [connections=1000]";

    public async Task RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "--serve")
        {
            await ServeAsync().ConfigureAwait(false);
            return;
        }

        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        using var child = Process.Start(ServeStartInfo())!;
        try
        {
            string? line;
            do
            {
                line = await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("the listening child exited");
            }
            while (!line.StartsWith("addr ", StringComparison.Ordinal));

            var address = Multiaddr.Parse(line["addr ".Length..]).Value;

            // Warm the listener (JIT, pools, first-connection allocations) so the baseline excludes one-off costs.
            await using (var warm = new Libp2pHost(NodeIdentity.Generate()))
            {
                Check((await warm.PingAsync(address).ConfigureAwait(false)).IsSuccess, "warm-up ping failed");
            }

            await Task.Delay(500).ConfigureAwait(false);
            var before = await MemoryAsync(child).ConfigureAwait(false);

            var dialers = Enumerable.Range(0, count).Select(_ => new Libp2pHost(NodeIdentity.Generate(), new Libp2pOptions { IdleTimeout = Timeout.InfiniteTimeSpan })).ToArray();
            var clock = Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(32))
            {
                await Task.WhenAll(dialers.Select(async d =>
                {
                    await gate.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        var connected = await d.ConnectAsync(address).ConfigureAwait(false);
                        Check(connected.IsSuccess, connected.IsFailure ? connected.Error.Message : "");
                    }
                    finally
                    {
                        gate.Release();
                    }
                })).ConfigureAwait(false);
            }

            var connectSeconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(1000).ConfigureAwait(false);
            var held = await MemoryAsync(child).ConfigureAwait(false);

            var pings = await Task.WhenAll(dialers.Select(d => d.PingAsync(address))).ConfigureAwait(false);
            var failed = pings.Count(p => p.IsFailure);
            var afterPing = await MemoryAsync(child).ConfigureAwait(false);

            Console.WriteLine($"{count} connections opened in {connectSeconds:F1} s (32 dialing at a time); node holds {held.Connections}; pings OK {count - failed}/{count}");
            Console.WriteLine($"{"listener memory",-40} {"before",12} {"held idle",12} {"per conn",10}");
            Console.WriteLine($"{"managed heap (GC.GetTotalMemory, full GC)",-40} {before.Managed / 1024,9} KiB {held.Managed / 1024,9} KiB {(held.Managed - before.Managed) / 1024.0 / count,6:F1} KiB");
            Console.WriteLine($"{"process working set",-40} {before.WorkingSet / 1024,9} KiB {held.WorkingSet / 1024,9} KiB {(held.WorkingSet - before.WorkingSet) / 1024.0 / count,6:F1} KiB");
            Console.WriteLine($"{"managed heap after one ping on each",-40} {"",12} {afterPing.Managed / 1024,9} KiB {(afterPing.Managed - before.Managed) / 1024.0 / count,6:F1} KiB");
            Console.WriteLine($"{"working set after one ping on each",-40} {"",12} {afterPing.WorkingSet / 1024,9} KiB {(afterPing.WorkingSet - before.WorkingSet) / 1024.0 / count,6:F1} KiB");

            foreach (var dialer in dialers)
            {
                await dialer.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(5000))
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static ProcessStartInfo ServeStartInfo()
    {
        var self = typeof(Libp2pConnectionsBenchmark).Assembly.Location;
        var processPath = Environment.ProcessPath!;
        var viaDotnet = Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        var start = new ProcessStartInfo(viaDotnet ? processPath : Path.ChangeExtension(self, null))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (viaDotnet)
        {
            start.ArgumentList.Add(self);
        }

        start.ArgumentList.Add("libp2p-connections");
        start.ArgumentList.Add("--serve");
        return start;
    }

    private static async Task<(long Managed, long WorkingSet, int Connections)> MemoryAsync(Process child)
    {
        await child.StandardInput.WriteLineAsync("mem").ConfigureAwait(false);
        await child.StandardInput.FlushAsync().ConfigureAwait(false);
        var line = (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false))!.Split(' ');
        return (long.Parse(line[1], CultureInfo.InvariantCulture), long.Parse(line[2], CultureInfo.InvariantCulture), int.Parse(line[3], CultureInfo.InvariantCulture));
    }

    /// <summary>Child mode: a listening node answering "mem" on stdin with its heap, working set and connection count.</summary>
    private static async Task ServeAsync()
    {
        await using var host = await Libp2pBenchHosts.ListenAsync(new Libp2pOptions { IdleTimeout = Timeout.InfiniteTimeSpan, MaxConnections = 100_000 }).ConfigureAwait(false);
        Console.WriteLine($"addr {host.ListenAddresses[0]}");
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } command)
        {
            if (command == "mem")
            {
                var managed = GC.GetTotalMemory(forceFullCollection: true);
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                managed = Math.Min(managed, GC.GetTotalMemory(forceFullCollection: true));
                using var self = Process.GetCurrentProcess();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mem {managed} {self.WorkingSet64} {host.Connections.Count}"));
            }
        }
    }
}
