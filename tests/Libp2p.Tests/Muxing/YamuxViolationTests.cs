using System.Buffers.Binary;
using Rapport.Libp2p.Muxing;
using static Rapport.Libp2p.Tests.Muxing.FrameBytes;

namespace Rapport.Libp2p.Tests.Muxing;

/// <summary>A raw TCP peer sends hand-made frames to a real session, which must end with go-away(1) and a reason.</summary>
public class YamuxViolationTests
{
    public static TheoryData<string, byte[], string> Violations => new()
    {
        { "bad version", [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0], "unsupported yamux version 1" },
        { "unknown type", [0, 9, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0], "unknown frame type 9" },
        { "unknown stream", Data(YamuxFlags.None, 5, 3), "unknown stream 5" },
        { "our parity", Data(YamuxFlags.Syn, 2, 3), "our parity" },
        { "oversized", Frame(YamuxFrameType.Data, YamuxFlags.Syn, 1, 1024 * 1024), "oversized data frame" },
        { "window exceeded", [.. Data(YamuxFlags.Syn, 1, 200_000), .. Data(YamuxFlags.None, 1, 100_000)], "beyond its window" },
        { "data after FIN", [.. Data(YamuxFlags.Syn | YamuxFlags.Fin, 1, 10), .. Data(YamuxFlags.None, 1, 10)], "after its FIN" },
        { "window overflow", [.. Data(YamuxFlags.Syn, 1, 1), .. Frame(YamuxFrameType.WindowUpdate, YamuxFlags.None, 1, uint.MaxValue)], "overflows" },
        { "duplicate SYN", [.. Data(YamuxFlags.Syn, 1, 1), .. Data(YamuxFlags.Syn, 1, 1)], "already open" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Violation_ends_the_session_with_go_away_and_a_reason(string name, byte[] frames, string reason)
    {
        var ct = TestTimeout.Token();
        var (raw, network) = await LoopbackTcp.ConnectAsync();
        await using var _ = raw;
        var logged = new List<string>();
        var session = new YamuxSession(network, isInitiator: false, log: m => { lock (logged) { logged.Add(m); } });
        session.Start();

        await raw.WriteAsync(frames, ct);
        await session.Completion.WaitAsync(ct);

        Assert.StartsWith("protocol violation", session.CloseReason, StringComparison.Ordinal);
        Assert.Contains(reason, session.CloseReason, StringComparison.Ordinal);
        lock (logged)
        {
            Assert.Contains(logged, l => l.Contains(reason, StringComparison.Ordinal));
        }

        var received = await YamuxSessionTests.ReadToEndAsync(raw, ct);
        Assert.True(received.Length >= 12, name);
        var goAway = received.AsSpan(received.Length - 12);
        Assert.Equal((byte)YamuxFrameType.GoAway, goAway[1]);
        Assert.Equal((uint)YamuxGoAwayCode.ProtocolError, BinaryPrimitives.ReadUInt32BigEndian(goAway[8..]));
        await session.DisposeAsync();
    }

    [Fact]
    public async Task Late_frames_for_a_reset_stream_are_dropped_not_fatal()
    {
        var ct = TestTimeout.Token();
        var (raw, network) = await LoopbackTcp.ConnectAsync();
        await using var _ = raw;
        await using var session = new YamuxSession(network, isInitiator: false);
        session.Start();
        await raw.WriteAsync(Data(YamuxFlags.Syn, 1, 5), ct);
        var stream = await session.AcceptStreamAsync(ct);
        stream.Reset();
        await raw.WriteAsync(Data(YamuxFlags.None, 1, 5), ct);
        await raw.WriteAsync(Frame(YamuxFrameType.Ping, YamuxFlags.Syn, 0, 42), ct);

        // The session is alive: it answers the ping after dropping the late data.
        var reply = new byte[12];
        var seen = new List<byte[]>();
        while (true)
        {
            await raw.ReadExactlyAsync(reply, ct);
            seen.Add(reply.ToArray());
            if (reply[1] == (byte)YamuxFrameType.Ping)
            {
                break;
            }
        }

        Assert.Equal(42u, BinaryPrimitives.ReadUInt32BigEndian(reply.AsSpan(8)));
        Assert.Contains(seen, f => f[1] == (byte)YamuxFrameType.WindowUpdate && (f[3] & (byte)YamuxFlags.Rst) != 0);
        Assert.Null(session.CloseReason);
    }
}
