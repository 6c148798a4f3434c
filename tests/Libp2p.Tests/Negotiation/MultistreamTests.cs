using Rapport.Libp2p.Negotiation;
using Rapport.Libp2p.Tests.Transport;

namespace Rapport.Libp2p.Tests.Negotiation;

public class MultistreamTests
{
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token;

    [Fact]
    public void Messages_are_varint_length_prefixed_and_newline_terminated() =>
        Assert.Equal("132f6d756c746973747265616d2f312e302e300a072f6e6f6973650a", Convert.ToHexStringLower(Multistream.Encode(["/multistream/1.0.0", "/noise"])));

    [Fact]
    public async Task Initiator_and_responder_agree_over_tcp_after_a_na()
    {
        var (dialer, listener) = await LoopbackPair.ConnectAsync();
        await using var d = dialer;
        await using var l = listener;
        var accept = Multistream.AcceptAsync(l, p => p == "/noise", Timeout);
        var select = await Multistream.SelectAsync(d, ["/tls/1.0.0", "/noise"], Timeout);
        Assert.Equal("/noise", select.Value);
        Assert.Equal("/noise", (await accept).Value);

        // The stream is left exactly at the start of the negotiated protocol.
        await d.WriteAsync("after"u8.ToArray());
        var buffer = new byte[5];
        await l.ReadExactlyAsync(buffer);
        Assert.Equal("after"u8.ToArray(), buffer);
    }

    [Fact]
    public async Task Initiator_reports_when_the_peer_supports_none()
    {
        var (dialer, listener) = await LoopbackPair.ConnectAsync();
        await using var d = dialer;
        await using var l = listener;
        var accept = Multistream.AcceptAsync(l, _ => false, Timeout);
        var select = await Multistream.SelectAsync(d, ["/a", "/b"], Timeout);
        Assert.Equal(MultistreamErrors.Unsupported, select.Error.Code);
        Assert.Contains("peer supports none of /a, /b", select.Error.Message, StringComparison.Ordinal);
        d.Dispose();
        Assert.True((await accept).IsFailure);
    }

    [Fact]
    public async Task Garbage_from_the_peer_is_an_error_not_a_hang()
    {
        var (dialer, listener) = await LoopbackPair.ConnectAsync();
        await using var d = dialer;
        await using var l = listener;
        var accept = Multistream.AcceptAsync(l, _ => true, Timeout);
        await d.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        d.Dispose();
        var result = await accept;
        Assert.True(result.IsFailure);
        Assert.StartsWith("MULTISTREAM_", result.Error.Code.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_peer_ends_in_a_timeout_error()
    {
        var (dialer, listener) = await LoopbackPair.ConnectAsync();
        await using var d = dialer;
        await using var l = listener;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var result = await Multistream.SelectAsync(d, ["/noise"], cts.Token);
        Assert.Equal(MultistreamErrors.Cancelled, result.Error.Code);
    }

    [Fact]
    public async Task Oversized_message_is_rejected()
    {
        using var stream = new MemoryStream([.. Multistream.Encode(["/multistream/1.0.0"]), 0x80, 0x10]);
        var result = await Multistream.AcceptAsync(new DuplexOverRead(stream), _ => true, Timeout);
        Assert.Equal(MultistreamErrors.Framing, result.Error.Code);
    }

    [Fact]
    public async Task Fuzz_message_decoding_never_throws()
    {
        var random = new Random(3);
        var valid = Multistream.Encode(["/multistream/1.0.0", "/noise"]);
        for (var i = 0; i < 100_000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 24)];
                random.NextBytes(input);
            }
            else
            {
                input = (byte[])valid.Clone();
                input[random.Next(input.Length)] = (byte)random.Next(256);
                input = input[..random.Next(input.Length + 1)];
            }

            _ = Multistream.DecodeBody(input);
            if (i % 10 == 1)
            {
                // The full responder path over an in-memory stream: every outcome must be a Result.
                var result = await Multistream.AcceptAsync(new DuplexOverRead(new MemoryStream(input)), p => p == "/noise", CancellationToken.None);
                Assert.True(result.IsSuccess || result.Error.Code.Value.StartsWith("MULTISTREAM_", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Reads from the given bytes and discards writes, like a peer that sent only those bytes.</summary>
    private sealed class DuplexOverRead(Stream input) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) { }
    }
}
