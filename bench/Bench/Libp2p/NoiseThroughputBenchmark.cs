using System.Diagnostics;
using System.Security.Cryptography;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Security;
using Rapport.Libp2p.Transport;

namespace Rapport.Bench.Libp2p;

/// <summary>One-way throughput through SecureChannel over loopback TCP, against the raw ChaChaPoly ceiling.</summary>
public sealed class NoiseThroughputBenchmark : IBenchmark
{
    private const int ChunkSize = 64 * 1024;

    public string Name => "noise-throughput";
    public string Description => "one-way MB/s over Noise SecureChannel on loopback TCP (64 KiB writes) vs raw ChaCha20Poly1305; args: [megabytes=4096]";

    public async Task RunAsync(string[] args)
    {
        var megabytes = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 4096;
        long total = (long)megabytes * 1024 * 1024;

        var ceiling = CipherCeiling(total);
        var rawTcp = await TransferAsync(total, secure: false).ConfigureAwait(false);
        var noise = await TransferAsync(total, secure: true).ConfigureAwait(false);
        Console.WriteLine($"{"measure",-44} {"MB/s",10}");
        Console.WriteLine($"{"ChaCha20Poly1305 encrypt 64 KiB, one core",-44} {ceiling,10:F0}");
        Console.WriteLine($"{"plain TCP loopback, 64 KiB writes",-44} {rawTcp,10:F0}");
        Console.WriteLine($"{"Noise SecureChannel over TCP, 64 KiB writes",-44} {noise,10:F0}");
        Console.WriteLine($"ratio Noise / cipher ceiling: {noise / ceiling:P0}; transferred {megabytes} MiB each");
    }

    private static double CipherCeiling(long total)
    {
        using var aead = new ChaCha20Poly1305(RandomNumberGenerator.GetBytes(32));
        var plain = new byte[ChunkSize];
        var cipher = new byte[ChunkSize];
        var tag = new byte[16];
        var nonce = new byte[12];
        var chunks = total / ChunkSize;
        for (var i = 0; i < 64; i++)
        {
            aead.Encrypt(nonce, plain, cipher, tag);
        }

        var sw = Stopwatch.StartNew();
        for (long i = 0; i < chunks; i++)
        {
            BitConverter.TryWriteBytes(nonce.AsSpan(4), i);
            aead.Encrypt(nonce, plain, cipher, tag);
        }

        return chunks * (double)ChunkSize / (1024 * 1024) / sw.Elapsed.TotalSeconds;
    }

    private static async Task<double> TransferAsync(long total, bool secure)
    {
        var transport = new TcpTransport();
        await using var listener = await transport.ListenAsync(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value).ConfigureAwait(false);
        var accept = listener.AcceptAsync(CancellationToken.None);
        var dialed = await transport.DialAsync(listener.LocalAddress, CancellationToken.None).ConfigureAwait(false);
        var (accepted, _) = await accept.ConfigureAwait(false);
        Stream sender = dialed;
        Stream receiver = accepted;
        if (secure)
        {
            var server = NodeIdentity.Generate();
            var respond = NoiseHandshake.RespondAsync(accepted, server, CancellationToken.None);
            sender = (await NoiseHandshake.InitiateAsync(dialed, NodeIdentity.Generate(), server.PeerId, CancellationToken.None).ConfigureAwait(false)).Value;
            receiver = (await respond.ConfigureAwait(false)).Value;
        }

        await using (sender.ConfigureAwait(false))
        await using (receiver.ConfigureAwait(false))
        {
            var sw = Stopwatch.StartNew();
            var send = Task.Run(async () =>
            {
                var chunk = new byte[ChunkSize];
                for (long sent = 0; sent < total; sent += ChunkSize)
                {
                    await sender.WriteAsync(chunk).ConfigureAwait(false);
                }

                sender.Dispose();
            });
            var buffer = new byte[256 * 1024];
            long received = 0;
            int n;
            while ((n = await receiver.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                received += n;
            }

            await send.ConfigureAwait(false);
            var elapsed = sw.Elapsed.TotalSeconds;
            if (received != total)
            {
                throw new InvalidOperationException($"received {received} of {total} bytes");
            }

            return total / (1024.0 * 1024) / elapsed;
        }
    }
}
