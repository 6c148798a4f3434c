using System.Diagnostics;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Security;
using Rapport.Libp2p.Transport;

namespace Rapport.Bench.Libp2p;

/// <summary>Complete Noise XX handshakes per second (both roles in this process) over fresh loopback TCP connections.</summary>
public sealed class NoiseHandshakeBenchmark : IBenchmark
{
    public string Name => "noise-handshakes";
    public string Description => "Noise XX handshakes/s over new loopback TCP connections, both roles in-process; args: [seconds=5] [concurrency=4] [--no-signature-cache]";

    public async Task RunAsync(string[] args)
    {
        args = HandshakeBenchOptions.Apply(args);
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4;
        var server = NodeIdentity.Generate();
        var client = NodeIdentity.Generate();
        var transport = new TcpTransport();
        await using var listener = await transport.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value).ConfigureAwait(false);
        using var stop = new CancellationTokenSource();
        var failures = 0;

        var acceptLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                (Stream Stream, Multiaddr Remote) conn;
                try
                {
                    conn = await listener.AcceptAsync(stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    var result = await NoiseHandshake.RespondAsync(conn.Stream, server, CancellationToken.None).ConfigureAwait(false);
                    if (result.IsSuccess)
                    {
                        await result.Value.DisposeAsync().ConfigureAwait(false);
                    }
                });
            }
        });

        async Task<int> DialLoop(TimeSpan duration)
        {
            var count = 0;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < duration)
            {
                var raw = await transport.DialAsync(listener.LocalAddress, CancellationToken.None).ConfigureAwait(false);
                var result = await NoiseHandshake.InitiateAsync(raw, client, server.PeerId, CancellationToken.None).ConfigureAwait(false);
                if (result.IsSuccess)
                {
                    await result.Value.DisposeAsync().ConfigureAwait(false);
                    count++;
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }

            return count;
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => DialLoop(TimeSpan.FromSeconds(0.5)))).ConfigureAwait(false);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => DialLoop(TimeSpan.FromSeconds(seconds)))).ConfigureAwait(false);
        var elapsed = timer.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await stop.CancelAsync().ConfigureAwait(false);
        await acceptLoop.ConfigureAwait(false);

        var total = counts.Sum();
        Console.WriteLine($"{"handshakes",-12} {"seconds",8} {"per second",12} {"concurrency",12} {"failures",9}");
        Console.WriteLine($"{total,-12} {elapsed,8:F1} {total / elapsed,12:F0} {concurrency,12} {failures,9}");
        Console.WriteLine(HandshakeBenchOptions.CpuLine(cpuSeconds, total));
    }
}
