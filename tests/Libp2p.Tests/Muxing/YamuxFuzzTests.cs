using Rapport.Libp2p.Muxing;
using Rapport.Tests.Shared;

namespace Rapport.Libp2p.Tests.Muxing;

/// <summary>
/// Random and mutated frame streams pushed through the session's real read loop: every case must end the
/// session with a reason (end of input or a protocol violation), never with an internal error.
/// </summary>
public class YamuxFuzzTests
{
    private const int Cases = 100_000;

    [Fact]
    public async Task Random_and_mutated_frames_never_cause_an_internal_error()
    {
        var options = new YamuxOptions { MaxInboundStreams = 4, AckBacklog = 4 };
        var violations = 0;
        const int Workers = 4;
        await Parallel.ForAsync(0, Workers, async (worker, _) =>
        {
            var random = new Random(20261121 + worker);
            for (var i = 0; i < Cases / Workers; i++)
            {
                var input = i % 4 == 0 ? RandomBytes(random) : MutatedSequence(random);
                var session = new YamuxSession(new ScriptedChannel(input), isInitiator: random.Next(2) == 0, options);
                using (var reader = new FrameReader(new ScriptedChannel(input)))
                {
                    await session.RunReadLoopAsync(reader);
                }

                var reason = session.CloseReason;
                Assert.NotNull(reason);
                Assert.False(reason.StartsWith("internal error", StringComparison.Ordinal), $"worker {worker} case {i}: {reason}");
                if (reason.StartsWith("protocol violation", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref violations);
                }
            }
        });

        // The generator must reach both the valid and the invalid paths.
        Assert.InRange(violations, Cases / 10, Cases - (Cases / 20));
    }

    [Fact]
    public async Task Started_sessions_answer_fuzzed_input_and_end_cleanly()
    {
        // Fewer cases, but through Start(): the control pump writes replies (pings, RSTs) while input is decoded.
        var random = new Random(77);
        for (var i = 0; i < 2_000; i++)
        {
            var input = MutatedSequence(random);
            await using var session = new YamuxSession(new ScriptedChannel(input), isInitiator: i % 2 == 0);
            session.Start();
            await session.Completion.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(session.CloseReason!.StartsWith("internal error", StringComparison.Ordinal), session.CloseReason);
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] ValidSequence(Random random)
    {
        var frames = new List<byte>();
        var count = random.Next(1, 8);
        for (var f = 0; f < count; f++)
        {
            var id = (uint)random.Next(1, 6);
            var flags = (YamuxFlags)random.Next(16);
            switch (random.Next(4))
            {
                case 0:
                    frames.AddRange(FrameBytes.Data(flags, id, random.Next(0, 40)));
                    break;
                case 1:
                    frames.AddRange(FrameBytes.Frame(YamuxFrameType.WindowUpdate, flags, id, (uint)random.Next()));
                    break;
                case 2:
                    frames.AddRange(FrameBytes.Frame(YamuxFrameType.Ping, random.Next(2) == 0 ? YamuxFlags.Syn : YamuxFlags.Ack, 0, (uint)random.Next()));
                    break;
                default:
                    frames.AddRange(FrameBytes.Frame(YamuxFrameType.GoAway, YamuxFlags.None, 0, (uint)random.Next(3)));
                    break;
            }
        }

        return [.. frames];
    }

    /// <summary>Replays fixed input bytes and swallows whatever the session writes back.</summary>
    private sealed class ScriptedChannel(byte[] input) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, input.Length - _position);
            input.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    // A quarter of the sequences stay valid, so the fuzzing also walks deep into well-formed sessions.
    private static byte[] MutatedSequence(Random random)
    {
        var valid = ValidSequence(random);
        return random.Next(4) == 0 ? valid : FuzzBytes.Mutate(random, valid);
    }
}
