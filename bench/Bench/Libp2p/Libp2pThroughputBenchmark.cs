using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Network;

namespace Rapport.Bench.Libp2p;

/// <summary>
/// One-way throughput of one stream through the whole stack (TCP + Noise + Yamux via <see cref="Libp2pHost"/>),
/// measured in the same run as js-libp2p JS→JS over the same loopback and the ChaCha20-Poly1305 single-core ceiling.
/// </summary>
public sealed class Libp2pThroughputBenchmark : IBenchmark
{
    private const int ChunkSize = 64 * 1024;

    public string Name => "libp2p-throughput";

    public string Description => "one stream C#→C# through Libp2pHost vs js-libp2p JS→JS vs ChaCha20Poly1305 ceiling, MB/s (10^6 B/s); args: [MiB=1024] [jsMiB=512] [yamux window KiB=256]";

    public async Task RunAsync(string[] args)
    {
        var mib = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
        var jsMib = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 512;
        var total = (long)mib * 1024 * 1024;
        var windowKiB = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 256;
        var options = new Libp2pOptions { IdleTimeout = Timeout.InfiniteTimeSpan, Yamux = new YamuxOptions { InitialWindow = windowKiB * 1024 } };

        var ceiling = CipherCeiling(total);
        await using var sender = await Libp2pBenchHosts.ListenAsync(options).ConfigureAwait(false);
        await using var receiver = await Libp2pBenchHosts.ListenAsync(options).ConfigureAwait(false);
        await SendAsync(sender, receiver, 128L * 1024 * 1024).ConfigureAwait(false); // warm-up: JIT, tiering, pools
        var ours = await SendAsync(sender, receiver, total).ConfigureAwait(false);

        double? js = null;
        try
        {
            await using var a = await JsPeerProcess.StartAsync().ConfigureAwait(false);
            await using var b = await JsPeerProcess.StartAsync().ConfigureAwait(false);
            await a.SendAsync("send", new { addr = b.Addr, size = 64L * 1024 * 1024 }, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            var reply = await a.SendAsync("send", new { addr = b.Addr, size = (long)jsMib * 1024 * 1024 }, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            js = reply.GetProperty("MBps").GetDouble();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            Console.WriteLine($"js-libp2p comparison skipped: {e.Message}");
        }

        Console.WriteLine($"{"measure",-58} {"MB/s",10}");
        Console.WriteLine($"{"ChaCha20Poly1305 encrypt 64 KiB chunks, one core",-58} {ceiling,10:F0}");
        Console.WriteLine($"{"C#→C# Libp2pHost TCP+Noise+Yamux, 1 stream, 64 KiB writes",-58} {ours,10:F0}");
        if (js is { } jsMBps)
        {
            Console.WriteLine($"{"js-libp2p JS→JS TCP+Noise+Yamux, 1 stream (peer.mjs send)",-58} {jsMBps,10:F0}");
            Console.WriteLine($"ratio C# / js-libp2p: {ours / jsMBps:F2}x");
        }

        Console.WriteLine($"ratio C# / cipher ceiling: {ours / ceiling:P0}; C# transferred {mib} MiB (yamux window {windowKiB} KiB), JS {jsMib} MiB");
    }

    private static async Task<double> SendAsync(Libp2pHost from, Libp2pHost to, long total)
    {
        var opened = await from.OpenStreamAsync(to.ListenAddresses[0], Libp2pBenchHosts.SinkProtocol).ConfigureAwait(false);
        if (opened.IsFailure)
        {
            throw new InvalidOperationException(opened.Error.Message);
        }

        await using var stream = opened.Value.Stream;
        var chunk = new byte[ChunkSize];
        RandomNumberGenerator.Fill(chunk);
        var clock = Stopwatch.StartNew();
        for (long sent = 0; sent < total; sent += ChunkSize)
        {
            await stream.WriteAsync(chunk).ConfigureAwait(false);
        }

        await ((IHalfClosableStream)stream).CloseWriteAsync().ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var confirmed = await reader.ReadLineAsync().ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        if (confirmed != total.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"sink confirmed {confirmed} of {total} bytes");
        }

        return total / 1e6 / elapsed;
    }

    private static double CipherCeiling(long total)
    {
        using var aead = new ChaCha20Poly1305(RandomNumberGenerator.GetBytes(32));
        var plain = new byte[ChunkSize];
        var cipher = new byte[ChunkSize];
        var tag = new byte[16];
        var nonce = new byte[12];
        for (var i = 0; i < 64; i++)
        {
            aead.Encrypt(nonce, plain, cipher, tag);
        }

        var chunks = total / ChunkSize;
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < chunks; i++)
        {
            BitConverter.TryWriteBytes(nonce.AsSpan(4), i);
            aead.Encrypt(nonce, plain, cipher, tag);
        }

        return chunks * (double)ChunkSize / 1e6 / clock.Elapsed.TotalSeconds;
    }
}
