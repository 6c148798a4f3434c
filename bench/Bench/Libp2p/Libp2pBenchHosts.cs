using System.Buffers;
using System.Globalization;
using System.Text;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Network;
using Rapport.Libp2p.Protocols;

namespace Rapport.Bench.Libp2p;

/// <summary>Helpers shared by the integrated-stack benchmarks: a listening host with a sink protocol.</summary>
internal static class Libp2pBenchHosts
{
    public const string SinkProtocol = "/rapport/sink/1.0.0";

    public static Multiaddr Loopback => Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value;

    public static async Task<Libp2pHost> ListenAsync(Libp2pOptions? options = null)
    {
        var host = new Libp2pHost(NodeIdentity.Generate(), options ?? new Libp2pOptions { IdleTimeout = Timeout.InfiniteTimeSpan });
        host.Protocols.Register(SinkProtocol, SinkAsync);
        var listening = await host.ListenAsync([Loopback]).ConfigureAwait(false);
        return listening.IsSuccess ? host : throw new InvalidOperationException(listening.Error.Message);
    }

    /// <summary>Reads to end of stream and answers the byte count (the JS peer's sink protocol).</summary>
    public static async Task SinkAsync(Stream stream, ProtocolContext context, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        long total = 0;
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                total += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(total.ToString(CultureInfo.InvariantCulture) + "\n"), ct).ConfigureAwait(false);
        await ((IHalfClosableStream)stream).CloseWriteAsync().ConfigureAwait(false);
    }
}
