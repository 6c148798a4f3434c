using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Rapport.Libp2p.Muxing;

namespace Rapport.Bench.Libp2p;

/// <summary>One-way throughput of a single yamux stream over loopback TCP (no encryption), 64 KiB writes.</summary>
public sealed class YamuxThroughput : IBenchmark
{
    public string Name => "yamux-throughput";

    public string Description => "one yamux stream over loopback TCP, one-way MB/s with 64 KiB writes [MiB total=2048] [window KiB=256]";

    public async Task RunAsync(string[] args)
    {
        var totalMiB = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2048;
        var windowKiB = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 256;
        var options = new YamuxOptions { InitialWindow = windowKiB * 1024 };

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var dialer = new TcpClient { NoDelay = true };
        var accept = listener.AcceptTcpClientAsync();
        await dialer.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port).ConfigureAwait(false);
        using var accepted = await accept.ConfigureAwait(false);
        accepted.NoDelay = true;

        await using var client = new YamuxSession(dialer.GetStream(), isInitiator: true, options);
        await using var server = new YamuxSession(accepted.GetStream(), isInitiator: false, options);
        client.Start();
        server.Start();

        // Warm-up run, then the measured one.
        await TransferAsync(client, server, 256L * 1024 * 1024).ConfigureAwait(false);
        var bytes = (long)totalMiB * 1024 * 1024;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var elapsed = await TransferAsync(client, server, bytes).ConfigureAwait(false);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var mbPerSecond = bytes / elapsed.TotalSeconds / 1_000_000;
        Console.WriteLine($"| transferred | window | elapsed | throughput | allocated | gen0 GCs |");
        Console.WriteLine($"|---|---|---|---|---|---|");
        Console.WriteLine($"| {totalMiB} MiB | {windowKiB} KiB | {elapsed.TotalSeconds:F2} s | {mbPerSecond:F0} MB/s | {allocated / 1024.0:F0} KiB | {GC.CollectionCount(0) - gen0Before} |");
    }

    private static async Task<TimeSpan> TransferAsync(YamuxSession client, YamuxSession server, long bytes)
    {
        var stopwatch = Stopwatch.StartNew();
        var sender = await client.OpenStreamAsync(CancellationToken.None).ConfigureAwait(false);
        var send = Task.Run(async () =>
        {
            var chunk = new byte[64 * 1024];
            for (long sent = 0; sent < bytes; sent += chunk.Length)
            {
                await sender.WriteAsync(chunk).ConfigureAwait(false);
            }

            await sender.CloseWriteAsync().ConfigureAwait(false);
        });

        var receiver = await server.AcceptStreamAsync(CancellationToken.None).ConfigureAwait(false);
        var buffer = new byte[64 * 1024];
        long received = 0;
        int n;
        while ((n = await receiver.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            received += n;
        }

        await send.ConfigureAwait(false);
        stopwatch.Stop();
        if (received != bytes)
        {
            throw new InvalidOperationException($"received {received} of {bytes} bytes");
        }

        await receiver.DisposeAsync().ConfigureAwait(false);
        await sender.DisposeAsync().ConfigureAwait(false);
        return stopwatch.Elapsed;
    }
}
