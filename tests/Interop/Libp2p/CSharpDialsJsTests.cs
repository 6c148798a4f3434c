using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Muxing;
using static Rapport.Interop.Tests.Libp2p.JsDialsCSharpTests;

namespace Rapport.Interop.Tests.Libp2p;

/// <summary>Our <c>Libp2pHost</c> dials a real js-libp2p node and uses every protocol it serves.</summary>
[Collection(JsLibp2pCollection.Name)]
public sealed class CSharpDialsJsTests : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private const int MiB = 1024 * 1024;

    private CSharpHost _ours = null!;
    private JsLibp2pPeer _js = null!;
    private Multiaddr _jsAddr = null!;

    public async Task InitializeAsync()
    {
        var js = JsLibp2pPeer.StartAsync();
        _ours = await CSharpHost.StartAsync();
        _js = await js;
        _jsAddr = Multiaddr.Parse(_js.Addr).Value;
    }

    public async Task DisposeAsync()
    {
        await _js.DisposeAsync();
        await _ours.DisposeAsync();
    }

    private CancellationToken Timeout => new CancellationTokenSource(CommandTimeout).Token;

    [Fact]
    public async Task We_ping_js()
    {
        var rtt = await _ours.Host.PingAsync(_jsAddr, Timeout);

        Assert.True(rtt.IsSuccess, rtt.IsFailure ? rtt.Error.Message : null);
        Assert.InRange(rtt.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task We_identify_js_and_js_identifies_us_back_on_the_same_connection()
    {
        var info = await _ours.Host.IdentifyAsync(_jsAddr, Timeout);

        Assert.True(info.IsSuccess, info.IsFailure ? info.Error.Message : null);
        Assert.StartsWith("js-libp2p/", info.Value.AgentVersion, StringComparison.Ordinal);
        Assert.Contains("/ipfs/ping/1.0.0", info.Value.Protocols);
        Assert.Contains(JsLibp2pPeer.EchoProtocol, info.Value.Protocols);
        Assert.Contains(JsLibp2pPeer.SinkProtocol, info.Value.Protocols);
        var listen = info.Value.ListenAddrs.Select(a => Multiaddr.TryDecode(a).Value.ToString()).ToList();
        Assert.Contains(listen, a => _js.Addr.StartsWith(a, StringComparison.Ordinal));

        // js-libp2p identifies every new connection itself; over ours it must have learnt our protocols and agent.
        var back = Ok(await _js.SendAsync("identify", new { addr = _ours.Addr }, CommandTimeout));
        Assert.StartsWith("rapport-libp2p/", back.GetProperty("agentVersion").GetString(), StringComparison.Ordinal);
        Assert.Contains(JsLibp2pPeer.EchoProtocol, back.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()));
        Assert.Single(_ours.Host.Connections);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(MiB)]
    [InlineData(64 * MiB)]
    public async Task Our_echo_through_js_is_byte_exact(int size)
    {
        var opened = await _ours.Host.OpenStreamAsync(_jsAddr, JsLibp2pPeer.EchoProtocol, Timeout);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.Message : null);
        await using var stream = opened.Value.Stream;

        Assert.Equal(size, await TestProtocols.EchoRoundTripAsync(stream, size, Timeout));
        await _js.WaitForEventAsync(e => e.GetProperty("protocol").GetString() == JsLibp2pPeer.EchoProtocol && e.GetProperty("bytes").GetInt64() == size, CommandTimeout);
    }

    [Fact]
    public async Task We_send_to_the_js_sink_and_it_counts_every_byte()
    {
        var opened = await _ours.Host.OpenStreamAsync(_jsAddr, JsLibp2pPeer.SinkProtocol, Timeout);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.Message : null);
        await using var stream = opened.Value.Stream;
        var chunk = new byte[TestProtocols.ChunkSize];
        const long size = 16L * MiB;
        for (long offset = 0; offset < size; offset += chunk.Length)
        {
            TestProtocols.Fill(chunk, offset);
            await stream.WriteAsync(chunk, Timeout);
        }

        await ((IHalfClosableStream)stream).CloseWriteAsync();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        Assert.Equal(size.ToString(CultureInfo.InvariantCulture), (await reader.ReadLineAsync(Timeout))?.Trim());
    }

    [Fact]
    public async Task We_echo_on_100_concurrent_streams_over_one_connection()
    {
        var echoes = Enumerable.Range(0, 100).Select(async _ =>
        {
            var opened = await _ours.Host.OpenStreamAsync(_jsAddr, JsLibp2pPeer.EchoProtocol, Timeout);
            Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.Message : null);
            await using var stream = opened.Value.Stream;
            return await TestProtocols.EchoRoundTripAsync(stream, 64 * 1024, Timeout);
        });

        Assert.All(await Task.WhenAll(echoes), n => Assert.Equal(64 * 1024, n));
        Assert.Single(_ours.Host.Connections);
        var peers = Ok(await _js.SendAsync("peers", null, CommandTimeout));
        Assert.Single(peers.GetProperty("connections").EnumerateArray());
    }

    [Fact]
    public async Task Our_reset_mid_stream_is_a_reset_for_js_and_the_connection_survives()
    {
        var opened = await _ours.Host.OpenStreamAsync(_jsAddr, JsLibp2pPeer.EchoProtocol, Timeout);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.Message : null);
        var stream = opened.Value.Stream;
        var chunk = new byte[TestProtocols.ChunkSize];
        TestProtocols.Fill(chunk, 0);
        await stream.WriteAsync(chunk, Timeout);
        var buffer = new byte[1024];
        Assert.True(await stream.ReadAsync(buffer, Timeout) > 0);

        ((YamuxStream)stream).Reset();

        await Assert.ThrowsAnyAsync<IOException>(async () => await stream.WriteAsync(chunk, Timeout));
        await _js.WaitForEventAsync(e => e.GetProperty("protocol").GetString() == JsLibp2pPeer.EchoProtocol && e.GetProperty("outcome").GetString() == "reset", CommandTimeout);
        Assert.True((await _ours.Host.PingAsync(_jsAddr, Timeout)).IsSuccess);
        Assert.Single(_ours.Host.Connections);
    }

    [Fact]
    public async Task Our_half_close_mid_stream_gets_the_rest_of_the_echo_then_end_of_stream()
    {
        var opened = await _ours.Host.OpenStreamAsync(_jsAddr, JsLibp2pPeer.EchoProtocol, Timeout);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.Message : null);
        await using var stream = opened.Value.Stream;

        Assert.Equal(256 * 1024, await TestProtocols.EchoRoundTripAsync(stream, 256 * 1024, Timeout));
        await _js.WaitForEventAsync(e => e.GetProperty("protocol").GetString() == JsLibp2pPeer.EchoProtocol && e.GetProperty("outcome").GetString() == "closed", CommandTimeout);
    }

    [Fact]
    public async Task Js_killed_while_we_send_fails_our_write_promptly_and_we_keep_serving_others()
    {
        var opened = await _ours.Host.OpenStreamAsync(_jsAddr, JsLibp2pPeer.SinkProtocol, Timeout);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.Message : null);
        var stream = opened.Value.Stream;
        var chunk = new byte[TestProtocols.ChunkSize];
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var written = new long[1];
        var sending = Task.Run(async () =>
        {
            for (long offset = 0; ; offset += chunk.Length)
            {
                TestProtocols.Fill(chunk, offset);
                await stream.WriteAsync(chunk, giveUp.Token);
                Interlocked.Add(ref written[0], chunk.Length);
            }
        });
        // Past Yamux's initial 256 KiB window, JS must have been reading: the transfer is really under way.
        await WaitUntilAsync(() => Interlocked.Read(ref written[0]) > 1024 * 1024, TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        _js.Kill();

        var failure = await Record.ExceptionAsync(() => sending);
        Assert.True(failure is IOException, $"expected an IOException, got {failure}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the write failed only after {clock.Elapsed}");
        await WaitUntilAsync(() => _ours.Host.Connections.Count == 0, TimeSpan.FromSeconds(15));

        await using var other = await JsLibp2pPeer.StartAsync();
        Assert.True((await _ours.Host.PingAsync(Multiaddr.Parse(other.Addr).Value, Timeout)).IsSuccess);
        Ok(await other.SendAsync("ping", new { addr = _ours.Addr }, CommandTimeout));
    }

    [Fact]
    public async Task Dialing_a_peer_id_other_than_the_listeners_fails_the_handshake()
    {
        var impostor = _jsAddr.WithoutPeerId().With(Rapport.Libp2p.Identity.NodeIdentity.Generate().PeerId);

        var rtt = await _ours.Host.PingAsync(impostor, Timeout);

        Assert.True(rtt.IsFailure);
        Assert.Empty(_ours.Host.Connections);
        Assert.True((await _ours.Host.PingAsync(_jsAddr, Timeout)).IsSuccess);
    }

    [Fact]
    public async Task Protocol_js_does_not_serve_is_refused_cleanly()
    {
        var opened = await _ours.Host.OpenStreamAsync(_jsAddr, "/rapport/nope/1.0.0", Timeout);

        Assert.True(opened.IsFailure);
        Assert.True((await _ours.Host.PingAsync(_jsAddr, Timeout)).IsSuccess);
    }
}
