using System.Diagnostics;
using System.Globalization;
using Rapport.Libp2p.Network;

namespace Rapport.Bench.Libp2p;

/// <summary>
/// Full connection setups per second against one listener: TCP connect, multistream, Noise XX, multistream, Yamux,
/// then one ping so the connection is proven usable, then close. Several dialers run concurrently.
/// </summary>
public sealed class Libp2pHandshakesBenchmark : IBenchmark
{
    public string Name => "libp2p-handshakes";

    public string Description => "full connection setups/s (TCP+multistream+Noise+yamux + 1 ping) to one Libp2pHost; args: [connections=3000] [parallel=8] [--no-signature-cache]";

    public async Task RunAsync(string[] args)
    {
        args = HandshakeBenchOptions.Apply(args);
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3000;
        var parallel = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        await using var listener = await Libp2pBenchHosts.ListenAsync().ConfigureAwait(false);
        var target = listener.ListenAddresses[0];
        var dialers = new Libp2pHost[parallel];
        for (var i = 0; i < parallel; i++)
        {
            dialers[i] = await Libp2pBenchHosts.ListenAsync().ConfigureAwait(false);
        }

        await RunAsync(dialers, target, Math.Min(200, count)).ConfigureAwait(false); // warm-up
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        await RunAsync(dialers, target, count).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var allocatedPerSetup = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)count;
        var collections = (GC.CollectionCount(0) - gcs.Item1, GC.CollectionCount(1) - gcs.Item2, GC.CollectionCount(2) - gcs.Item3);
        foreach (var dialer in dialers)
        {
            await dialer.DisposeAsync().ConfigureAwait(false);
        }

        Console.WriteLine($"{count} connections (TCP+multistream+Noise XX+yamux, 1 ping each), {parallel} concurrent dialers: {count / elapsed:F0} setups/s ({elapsed * 1000 / count * parallel:F2} ms each)");
        Console.WriteLine(HandshakeBenchOptions.CpuLine(cpuSeconds, count));
        Console.WriteLine(FormattableString.Invariant(
            $"managed allocations: {allocatedPerSetup / 1024:F1} KiB per setup (both ends); GCs gen0/1/2: {collections.Item1}/{collections.Item2}/{collections.Item3}"));
    }

    private static async Task RunAsync(Libp2pHost[] dialers, Rapport.Libp2p.Addressing.Multiaddr target, int count)
    {
        var next = -1;
        await Task.WhenAll(dialers.Select(dialer => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var connection = await dialer.ConnectAsync(target).ConfigureAwait(false);
                if (connection.IsFailure)
                {
                    throw new InvalidOperationException(connection.Error.Message);
                }

                var rtt = await dialer.PingAsync(target).ConfigureAwait(false);
                if (rtt.IsFailure)
                {
                    throw new InvalidOperationException(rtt.Error.Message);
                }

                await connection.Value.CloseAsync().ConfigureAwait(false);
                await connection.Value.DisposeAsync().ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
    }
}
