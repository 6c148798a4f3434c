using System.Diagnostics;
using System.Text.Json;

namespace Rapport.Interop.Tests.Libp2p;

/// <summary>
/// Proves the js-libp2p peer and its fixture work end to end, JS to JS, before they are pointed at our own stack.
/// </summary>
[Collection(JsLibp2pCollection.Name)]
public sealed class JsToJsTests : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private const int MiB = 1024 * 1024;

    private JsLibp2pPeer _dialer = null!;
    private JsLibp2pPeer _listener = null!;

    public async Task InitializeAsync()
    {
        var dialer = JsLibp2pPeer.StartAsync();
        var listener = JsLibp2pPeer.StartAsync(new JsLibp2pPeerOptions(Agent: "rapport-interop-listener/1.0"));
        await Task.WhenAll(dialer, listener);
        (_dialer, _listener) = (dialer.Result, listener.Result);
    }

    public async Task DisposeAsync()
    {
        await _dialer.DisposeAsync();
        await _listener.DisposeAsync();
    }

    [Fact]
    public void Ready_line_gives_peer_id_and_loopback_address_ending_in_the_peer_id()
    {
        Assert.StartsWith("12D3KooW", _listener.PeerId);
        Assert.NotEqual(_dialer.PeerId, _listener.PeerId);
        Assert.Matches(@"^/ip4/127\.0\.0\.1/tcp/\d+/p2p/" + _listener.PeerId + "$", _listener.Addr);
    }

    [Fact]
    public async Task Ping_reports_a_round_trip_time()
    {
        var reply = Ok(await _dialer.SendAsync("ping", new { addr = _listener.Addr }, CommandTimeout));

        Assert.InRange(reply.GetProperty("rtt").GetDouble(), 0, 5_000);
    }

    [Fact]
    public async Task Identify_shows_the_remote_agent_protocols_and_addresses()
    {
        var reply = Ok(await _dialer.SendAsync("identify", new { addr = _listener.Addr }, CommandTimeout));

        Assert.Equal(_listener.PeerId, reply.GetProperty("peerId").GetString());
        Assert.Equal("rapport-interop-listener/1.0", reply.GetProperty("agentVersion").GetString());
        var protocols = reply.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("/ipfs/id/1.0.0", protocols);
        Assert.Contains("/ipfs/ping/1.0.0", protocols);
        Assert.Contains(JsLibp2pPeer.EchoProtocol, protocols);
        Assert.Contains(JsLibp2pPeer.SinkProtocol, protocols);
        Assert.Contains(
            reply.GetProperty("listenAddrs").EnumerateArray().Select(a => a.GetString()!),
            a => _listener.Addr.StartsWith(a, StringComparison.Ordinal));
        Assert.EndsWith("/p2p/" + _dialer.PeerId, reply.GetProperty("observedAddr").GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(MiB)]
    [InlineData(64 * MiB)]
    public async Task Echo_returns_every_byte_unchanged(int size)
    {
        var reply = Ok(await _dialer.SendAsync("echo", new { addr = _listener.Addr, size, streams = 1 }, CommandTimeout));

        Assert.Equal(size, reply.GetProperty("bytes").GetInt64());
        var served = await _listener.WaitForEventAsync(
            e => e.GetProperty("protocol").GetString() == JsLibp2pPeer.EchoProtocol && e.GetProperty("bytes").GetInt64() == size,
            CommandTimeout);
        Assert.Equal("closed", served.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Echo_on_100_concurrent_streams_over_one_connection()
    {
        var reply = Ok(await _dialer.SendAsync("echo", new { addr = _listener.Addr, size = 64 * 1024, streams = 100 }, CommandTimeout));

        Assert.Equal(100, reply.GetProperty("streams").GetInt32());
        Assert.Equal(100L * 64 * 1024, reply.GetProperty("bytes").GetInt64());
        var peers = Ok(await _dialer.SendAsync("peers", null, CommandTimeout));
        Assert.Single(peers.GetProperty("connections").EnumerateArray());
    }

    [Fact]
    public async Task Send_reports_one_way_throughput_confirmed_by_the_sink()
    {
        var reply = Ok(await _dialer.SendAsync("send", new { addr = _listener.Addr, size = 64 * MiB }, CommandTimeout));

        Assert.Equal(64L * MiB, reply.GetProperty("bytes").GetInt64());
        Assert.True(reply.GetProperty("MBps").GetDouble() > 0);
        await _listener.WaitForEventAsync(
            e => e.GetProperty("protocol").GetString() == JsLibp2pPeer.SinkProtocol && e.GetProperty("bytes").GetInt64() == 64L * MiB,
            CommandTimeout);
    }

    [Fact]
    public async Task Reset_mid_stream_is_seen_as_a_reset_by_the_remote_and_the_connection_survives()
    {
        var reply = Ok(await _dialer.SendAsync("resetMidStream", new { addr = _listener.Addr }, CommandTimeout));

        Assert.Equal("aborted", reply.GetProperty("status").GetString());
        Assert.True(reply.GetProperty("connectionUsable").GetBoolean());
        await _listener.WaitForEventAsync(
            e => e.GetProperty("protocol").GetString() == JsLibp2pPeer.EchoProtocol && e.GetProperty("outcome").GetString() == "reset",
            CommandTimeout);
    }

    [Fact]
    public async Task Close_mid_stream_still_gets_the_full_echo_then_end_of_stream()
    {
        var reply = Ok(await _dialer.SendAsync("closeMidStream", new { addr = _listener.Addr }, CommandTimeout));

        Assert.True(reply.GetProperty("remoteEnded").GetBoolean());
        Assert.Equal(reply.GetProperty("sent").GetInt64(), reply.GetProperty("received").GetInt64());
        Assert.True(reply.GetProperty("connectionUsable").GetBoolean());
    }

    [Fact]
    public async Task Killing_the_remote_mid_transfer_makes_the_sender_fail_instead_of_hang()
    {
        var transfer = _dialer.SendAsync("send", new { addr = _listener.Addr, size = 4L * 1024 * MiB }, CommandTimeout);
        // The sink announces the transfer once its first MiB has arrived: from then on it is surely in flight.
        await _listener.WaitForEventAsync(e => e.TryGetProperty("event", out var name) && name.GetString() == "receiving", CommandTimeout);
        var clock = Stopwatch.StartNew();

        _listener.Kill();
        var reply = await transfer;

        Assert.False(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.DoesNotContain("timed out", reply.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"failure took {clock.Elapsed}");
    }

    [Fact]
    public async Task Bad_commands_get_error_replies_and_the_peer_keeps_working()
    {
        var unknown = await _dialer.SendAsync("fly", null, CommandTimeout);
        var badAddr = await _dialer.SendAsync("echo", new { addr = "not a multiaddr" }, CommandTimeout);
        var missing = await _dialer.SendAsync("ping", null, CommandTimeout);

        Assert.All([unknown, badAddr, missing], r => Assert.False(r.GetProperty("ok").GetBoolean()));
        Assert.Contains("unknown command", unknown.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("addr", missing.GetProperty("error").GetString(), StringComparison.Ordinal);
        Ok(await _dialer.SendAsync("ping", new { addr = _listener.Addr }, CommandTimeout));
    }

    private static JsonElement Ok(JsonElement reply)
    {
        Assert.True(reply.GetProperty("ok").GetBoolean(), $"peer replied with an error: {reply}");
        return reply;
    }
}
