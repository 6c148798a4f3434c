using System.Diagnostics;
using System.Text.Json;

namespace Rapport.Interop.Tests.Libp2p;

/// <summary>A real js-libp2p node dials our <c>Libp2pHost</c> (TCP + Noise + Yamux) and uses every protocol it serves.</summary>
[Collection(JsLibp2pCollection.Name)]
public sealed class JsDialsCSharpTests : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private const int MiB = 1024 * 1024;

    private CSharpHost _ours = null!;
    private JsLibp2pPeer _js = null!;

    public async Task InitializeAsync()
    {
        var js = JsLibp2pPeer.StartAsync();
        _ours = await CSharpHost.StartAsync();
        _js = await js;
    }

    public async Task DisposeAsync()
    {
        await _js.DisposeAsync();
        await _ours.DisposeAsync();
    }

    [Fact]
    public async Task Js_pings_us()
    {
        var reply = Ok(await _js.SendAsync("ping", new { addr = _ours.Addr }, CommandTimeout));

        Assert.InRange(reply.GetProperty("rtt").GetDouble(), 0, 5_000);
        Assert.Contains(_ours.Host.Connections, c => c.RemotePeer.ToString() == _js.PeerId);
    }

    [Fact]
    public async Task Js_identifies_us_with_our_agent_protocols_and_its_observed_address()
    {
        var reply = Ok(await _js.SendAsync("identify", new { addr = _ours.Addr }, CommandTimeout));

        Assert.Equal(_ours.Host.PeerId.ToString(), reply.GetProperty("peerId").GetString());
        Assert.StartsWith("rapport-libp2p/", reply.GetProperty("agentVersion").GetString(), StringComparison.Ordinal);
        var protocols = reply.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("/ipfs/id/1.0.0", protocols);
        Assert.Contains("/ipfs/ping/1.0.0", protocols);
        Assert.Contains(JsLibp2pPeer.EchoProtocol, protocols);
        Assert.Contains(JsLibp2pPeer.SinkProtocol, protocols);
        Assert.Contains(reply.GetProperty("listenAddrs").EnumerateArray().Select(a => a.GetString()!), a => _ours.Addr.StartsWith(a, StringComparison.Ordinal));
        Assert.StartsWith("/ip4/127.0.0.1/tcp/", reply.GetProperty("observedAddr").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(MiB)]
    [InlineData(64 * MiB)]
    public async Task Js_echo_through_us_is_byte_exact(int size)
    {
        var reply = Ok(await _js.SendAsync("echo", new { addr = _ours.Addr, size, streams = 1 }, CommandTimeout));

        Assert.Equal(size, reply.GetProperty("bytes").GetInt64());
        await _ours.WaitForServedAsync(s => s == (JsLibp2pPeer.EchoProtocol, "closed"), CommandTimeout);
    }

    [Fact]
    public async Task Js_sends_to_our_sink_and_gets_the_exact_count()
    {
        var reply = Ok(await _js.SendAsync("send", new { addr = _ours.Addr, size = 16 * MiB }, CommandTimeout));

        Assert.Equal(16L * MiB, reply.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Js_echoes_on_100_concurrent_streams_over_one_connection()
    {
        var reply = Ok(await _js.SendAsync("echo", new { addr = _ours.Addr, size = 64 * 1024, streams = 100 }, CommandTimeout));

        Assert.Equal(100L * 64 * 1024, reply.GetProperty("bytes").GetInt64());
        Assert.Single(_ours.Host.Connections);
        // Our handler records "closed" only after its CloseWriteAsync returns, which may be after JS already has every byte.
        await WaitUntilAsync(() => _ours.Served.Count(s => s == (JsLibp2pPeer.EchoProtocol, "closed")) >= 100, TimeSpan.FromSeconds(10));
        Assert.Equal(100, _ours.Served.Count(s => s == (JsLibp2pPeer.EchoProtocol, "closed")));
    }

    [Fact]
    public async Task Js_resetting_mid_stream_ends_only_that_stream()
    {
        var reply = Ok(await _js.SendAsync("resetMidStream", new { addr = _ours.Addr }, CommandTimeout));

        Assert.True(reply.GetProperty("connectionUsable").GetBoolean(), reply.ToString());
        await _ours.WaitForServedAsync(s => s.Protocol == JsLibp2pPeer.EchoProtocol && s.Outcome.StartsWith("error", StringComparison.Ordinal), CommandTimeout);
        Ok(await _js.SendAsync("ping", new { addr = _ours.Addr }, CommandTimeout));
        Assert.Single(_ours.Host.Connections);
    }

    [Fact]
    public async Task Js_half_closing_mid_stream_gets_the_full_echo_then_end_of_stream()
    {
        var reply = Ok(await _js.SendAsync("closeMidStream", new { addr = _ours.Addr }, CommandTimeout));

        Assert.True(reply.GetProperty("remoteEnded").GetBoolean(), reply.ToString());
        Assert.Equal(reply.GetProperty("sent").GetInt64(), reply.GetProperty("received").GetInt64());
        Assert.True(reply.GetProperty("connectionUsable").GetBoolean());
    }

    [Fact]
    public async Task Js_killed_mid_transfer_drops_its_connection_and_we_keep_serving_others()
    {
        var transfer = _js.SendAsync("send", new { addr = _ours.Addr, size = 4L * 1024 * MiB }, CommandTimeout);
        await WaitUntilAsync(() => _ours.Host.Connections.Count == 1, TimeSpan.FromSeconds(10));
        await _ours.WaitForSinkReceivingAsync(TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        _js.Kill();

        await _ours.WaitForServedAsync(s => s.Protocol == JsLibp2pPeer.SinkProtocol && s.Outcome.StartsWith("error", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => _ours.Host.Connections.Count == 0, TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"noticing the dead peer took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => transfer);

        await using var other = await JsLibp2pPeer.StartAsync();
        Ok(await other.SendAsync("ping", new { addr = _ours.Addr }, CommandTimeout));
        Ok(await other.SendAsync("echo", new { addr = _ours.Addr, size = MiB, streams = 2 }, CommandTimeout));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < timeout, $"condition not met within {timeout}");
            await Task.Delay(20);
        }
    }

    internal static JsonElement Ok(JsonElement reply)
    {
        Assert.True(reply.GetProperty("ok").GetBoolean(), $"peer replied with an error: {reply}");
        return reply;
    }
}
