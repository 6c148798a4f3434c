using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Protocols;
using Rapport.Libp2p.Tests.Muxing;

namespace Rapport.Libp2p.Tests.Protocols;

/// <summary>Ping over a real yamux stream on loopback TCP.</summary>
public class PingProtocolTests
{
    private static readonly ProtocolContext Context = new("12D3KooWTest", "/ip4/127.0.0.1/tcp/1", "/ip4/127.0.0.1/tcp/2");

    [Fact]
    public async Task Repeated_pings_echo_and_the_listener_closes_when_the_dialer_does()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var dialer = await pair.Client.OpenStreamAsync(ct);
        var listener = Task.Run(async () =>
        {
            var stream = await pair.Server.AcceptStreamAsync(ct);
            await PingProtocol.HandleAsync(stream, Context, ct);
        });

        for (var i = 0; i < 5; i++)
        {
            var rtt = await PingProtocol.PingAsync(dialer, ct);
            Assert.True(rtt > TimeSpan.Zero);
        }

        await dialer.CloseWriteAsync();
        await listener.WaitAsync(ct);
        Assert.Equal(0, await dialer.ReadAsync(new byte[1], ct));
    }

    [Fact]
    public async Task A_wrong_echo_is_detected()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var dialer = await pair.Client.OpenStreamAsync(ct);
        var liar = Task.Run(async () =>
        {
            var stream = await pair.Server.AcceptStreamAsync(ct);
            var payload = new byte[32];
            await stream.ReadExactlyAsync(payload, ct);
            payload[0] ^= 1;
            await stream.WriteAsync(payload, ct);
        });

        await Assert.ThrowsAsync<InvalidDataException>(() => PingProtocol.PingAsync(dialer, ct));
        await liar;
    }

    [Fact]
    public async Task A_closed_ping_stream_is_reported()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var dialer = await pair.Client.OpenStreamAsync(ct);
        var quitter = Task.Run(async () =>
        {
            YamuxStream stream = await pair.Server.AcceptStreamAsync(ct);
            await stream.ReadExactlyAsync(new byte[32], ct);
            await stream.CloseWriteAsync();
        });

        await Assert.ThrowsAsync<EndOfStreamException>(() => PingProtocol.PingAsync(dialer, ct));
        await quitter;
    }

    [Fact]
    public async Task Truncated_payload_is_an_error_for_the_listener()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var dialer = await pair.Client.OpenStreamAsync(ct);
        await dialer.WriteAsync(new byte[10], ct);
        await dialer.CloseWriteAsync();
        var stream = await pair.Server.AcceptStreamAsync(ct);
        await Assert.ThrowsAsync<InvalidDataException>(() => PingProtocol.HandleAsync(stream, Context, ct));
    }
}
