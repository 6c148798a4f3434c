using FsCheck;
using FsCheck.Fluent;
using Rapport.Libp2p.Muxing;

namespace Rapport.Libp2p.Tests.Muxing;

public class YamuxHeaderTests
{
    [Fact]
    public void Header_is_twelve_bytes_big_endian()
    {
        var bytes = new byte[12];
        new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Syn | YamuxFlags.Fin, 0x01020304, 0x0A0B0C0D).WriteTo(bytes);
        Assert.Equal(new byte[] { 0, 1, 0, 5, 1, 2, 3, 4, 0x0A, 0x0B, 0x0C, 0x0D }, bytes);
    }

    [Fact]
    public void Valid_headers_round_trip()
    {
        var random = new Random(1234);
        var bytes = new byte[12];
        for (var i = 0; i < 10_000; i++)
        {
            var header = new YamuxHeader(
                random.Next(2) == 0 ? YamuxFrameType.Data : YamuxFrameType.WindowUpdate,
                (YamuxFlags)random.Next(16),
                (uint)random.Next(1, int.MaxValue),
                (uint)random.Next(0, 256 * 1024));
            header.WriteTo(bytes);
            Assert.Null(YamuxHeader.TryRead(bytes, 256 * 1024, out var decoded));
            Assert.Equal(header, decoded);
        }
    }

    [Fact]
    public void Session_frames_round_trip()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), opaque =>
        {
            var header = new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, (uint)opaque);
            var bytes = new byte[12];
            header.WriteTo(bytes);
            return YamuxHeader.TryRead(bytes, 0, out var decoded) is null && decoded == header;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, "version")]
    [InlineData(new byte[] { 0, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, "type")]
    [InlineData(new byte[] { 0, 0, 0, 0x10, 0, 0, 0, 1, 0, 0, 0, 0 }, "flags")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 4, 0, 1 }, "oversized")]
    [InlineData(new byte[] { 0, 2, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0 }, "must be 0")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "session id 0")]
    [InlineData(new byte[] { 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9 }, "go-away code")]
    [InlineData(new byte[] { 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9 }, "SYN or ACK")]
    [InlineData(new byte[] { 0, 0, 0 }, "truncated")]
    public void Invalid_headers_are_rejected_with_a_reason(byte[] bytes, string expected)
    {
        var error = YamuxHeader.TryRead(bytes, 256 * 1024, out _);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
