using Rapport.Libp2p.Protocols;
using Rapport.Libp2p.Tests.Muxing;

namespace Rapport.Libp2p.Tests.Protocols;

public class IdentifyProtocolTests
{
    internal static IdentifyMessage Sample() => new()
    {
        PublicKey = [8, 1, 18, 32, .. Enumerable.Range(0, 32).Select(i => (byte)i)],
        ListenAddrs = [[4, 127, 0, 0, 1, 6, 0x0F, 0xA1], [4, 10, 0, 0, 1, 6, 0, 80]],
        Protocols = [IdentifyProtocol.Id, PingProtocol.Id, "/rapport/sync/1.0.0"],
        ObservedAddr = [4, 192, 168, 1, 2, 6, 0x30, 0x39],
        ProtocolVersion = IdentifyMessage.DefaultProtocolVersion,
        AgentVersion = "rapport/0.1.0",
        SignedPeerRecord = [1, 2, 3],
    };

    internal static void AssertSame(IdentifyMessage expected, IdentifyMessage actual)
    {
        Assert.Equal(expected.PublicKey, actual.PublicKey);
        Assert.Equal(expected.ListenAddrs, actual.ListenAddrs);
        Assert.Equal(expected.Protocols, actual.Protocols);
        Assert.Equal(expected.ObservedAddr, actual.ObservedAddr);
        Assert.Equal(expected.ProtocolVersion, actual.ProtocolVersion);
        Assert.Equal(expected.AgentVersion, actual.AgentVersion);
        Assert.Equal(expected.SignedPeerRecord, actual.SignedPeerRecord);
    }

    [Fact]
    public void Encoding_round_trips_and_uses_the_spec_field_numbers()
    {
        var message = Sample();
        var bytes = IdentifyCodec.Encode(message);
        Assert.Equal(0x0A, bytes[0]); // field 1, length-delimited
        var decoded = IdentifyCodec.Decode(bytes);
        Assert.True(decoded.IsSuccess);
        AssertSame(message, decoded.Value);
    }

    [Fact]
    public void Empty_message_decodes_to_absent_fields()
    {
        var decoded = IdentifyCodec.Decode([]).Value;
        Assert.Null(decoded.PublicKey);
        Assert.Null(decoded.ProtocolVersion);
        Assert.Empty(decoded.Protocols);
    }

    [Fact]
    public void Unknown_fields_are_skipped()
    {
        byte[] unknown = [0x38, 0x05, 0x4D, 1, 2, 3, 4, 0x52, 0x01, 0xFF];
        byte[] agent = [0x32, 0x01, (byte)'x'];
        var decoded = IdentifyCodec.Decode([.. unknown, .. agent]);
        Assert.True(decoded.IsSuccess);
        Assert.Equal("x", decoded.Value.AgentVersion);
    }

    [Theory]
    [InlineData(new byte[] { 0x08, 0x01 }, "wire type 0")]
    [InlineData(new byte[] { 0x0A, 0x05, 1 }, "runs past the end")]
    [InlineData(new byte[] { 0x1A, 0x01, 0xFF }, "UTF-8")]
    [InlineData(new byte[] { 0x03 }, "field number 0")]
    [InlineData(new byte[] { 0x0B }, "wire type 3")]
    [InlineData(new byte[] { 0xFF, 0xFF }, "malformed field key")]
    public void Garbage_is_rejected_with_a_clear_error(byte[] bytes, string expected)
    {
        var decoded = IdentifyCodec.Decode(bytes);
        Assert.True(decoded.IsFailure);
        Assert.Contains(expected, decoded.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("malformed identify message", decoded.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_over_a_yamux_stream()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();
        var registry = new ProtocolRegistry();
        registry.Register(IdentifyProtocol.Id, IdentifyProtocol.Handler(context => Sample() with { AgentVersion = "seen " + context.RemotePeerId }));

        var requester = await pair.Client.OpenStreamAsync(ct);
        var serve = Task.Run(async () =>
        {
            var stream = await pair.Server.AcceptStreamAsync(ct);
            Assert.True(registry.TryGet(IdentifyProtocol.Id, out var handler));
            await handler(stream, new ProtocolContext("12D3KooWPeer", null, null), ct);
        });

        var theirs = await IdentifyProtocol.RequestAsync(requester, ct);
        await serve;
        AssertSame(Sample() with { AgentVersion = "seen 12D3KooWPeer" }, theirs);
        Assert.Equal(0, await requester.ReadAsync(new byte[1], ct));
    }

    [Fact]
    public async Task Oversized_or_truncated_messages_are_refused()
    {
        await using var pair = await SessionPair.StartAsync();
        var ct = TestTimeout.Token();

        var big = await pair.Client.OpenStreamAsync(ct);
        var bigServer = await SendRawAsync(pair, [0x81, 0x80, 0x08], ct); // 131,073 bytes announced
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdentifyProtocol.RequestAsync(big, ct));
        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);

        var truncated = await pair.Client.OpenStreamAsync(ct);
        await SendRawAsync(pair, [0x05, 0x0A, 0x01], ct);
        error = await Assert.ThrowsAsync<InvalidDataException>(() => IdentifyProtocol.RequestAsync(truncated, ct));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);

        var garbage = await pair.Client.OpenStreamAsync(ct);
        await SendRawAsync(pair, [0x02, 0x0A, 0x09], ct);
        error = await Assert.ThrowsAsync<InvalidDataException>(() => IdentifyProtocol.RequestAsync(garbage, ct));
        Assert.Contains("malformed identify message", error.Message, StringComparison.Ordinal);
        GC.KeepAlive(bigServer);
    }

    [Fact]
    public async Task Agent_version_with_non_ascii_text_survives()
    {
        var message = new IdentifyMessage { AgentVersion = "rapport/0.1 – ünïcode" };
        var decoded = IdentifyCodec.Decode(IdentifyCodec.Encode(message)).Value;
        Assert.Equal(message.AgentVersion, decoded.AgentVersion);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(message.AgentVersion) + 2 + 12, IdentifyCodec.Encode(message).Length);
        await Task.CompletedTask;
    }

    private static async Task<Stream> SendRawAsync(SessionPair pair, byte[] bytes, CancellationToken ct)
    {
        var stream = await pair.Server.AcceptStreamAsync(ct);
        await stream.WriteAsync(bytes, ct);
        await stream.CloseWriteAsync();
        return stream;
    }
}
