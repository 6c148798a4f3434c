using System.Buffers.Binary;
using System.Security.Cryptography;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Security;
using Rapport.Libp2p.Tests.Transport;

namespace Rapport.Libp2p.Tests.Security;

public class NoiseTests
{
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static async Task<(Result<SecureChannel> Dialer, Result<SecureChannel> Listener, NodeIdentity DialerId, NodeIdentity ListenerId)> HandshakeAsync(
        PeerId? expectedOverride = null)
    {
        var dialerId = NodeIdentity.Generate();
        var listenerId = NodeIdentity.Generate();
        var (d, l) = await LoopbackPair.ConnectAsync();
        var respond = NoiseHandshake.RespondAsync(l, listenerId, Timeout);
        var initiate = NoiseHandshake.InitiateAsync(d, dialerId, expectedOverride ?? listenerId.PeerId, Timeout);
        return (await initiate, await respond, dialerId, listenerId);
    }

    [Fact]
    public async Task Both_roles_authenticate_each_other()
    {
        var (dialer, listener, dialerId, listenerId) = await HandshakeAsync();
        await using var d = dialer.Value;
        await using var l = listener.Value;
        Assert.Equal(listenerId.PeerId, d.RemotePeer);
        Assert.Equal(dialerId.PeerId, l.RemotePeer);
        Assert.Equal(listenerId.PublicKey.ToProtobuf(), d.RemotePublicKey.ToArray());

        await d.WriteAsync("ping"u8.ToArray());
        var buffer = new byte[4];
        await l.ReadExactlyAsync(buffer);
        Assert.Equal("ping"u8.ToArray(), buffer);
        await l.WriteAsync("pong"u8.ToArray());
        await d.ReadExactlyAsync(buffer);
        Assert.Equal("pong"u8.ToArray(), buffer);
    }

    [Fact]
    public async Task Dialer_rejects_a_remote_with_an_unexpected_peer_id()
    {
        var (dialer, listener, _, _) = await HandshakeAsync(NodeIdentity.Generate().PeerId);
        Assert.Equal(NoiseErrors.PeerIdMismatch, dialer.Error.Code);
        Assert.True(listener.IsFailure, "the responder sees the connection closed");
    }

    [Theory]
    [InlineData(1024 * 1024)]
    [InlineData(64 * 1024 * 1024)]
    public async Task Large_transfers_arrive_byte_exact(int size)
    {
        var (dialer, listener, _, _) = await HandshakeAsync();
        await using var d = dialer.Value;
        await using var l = listener.Value;
        var data = new byte[size];
        new Random(size).NextBytes(data);

        var send = Task.Run(async () =>
        {
            // Uneven write sizes exercise frame splitting and partial reads.
            var random = new Random(1);
            for (var o = 0; o < data.Length;)
            {
                var n = Math.Min(random.Next(1, 200_000), data.Length - o);
                await d.WriteAsync(data.AsMemory(o, n));
                o += n;
            }

            d.Dispose();
        });
        var received = new byte[size + 1]; // one spare byte so a read can observe end of stream
        var offset = 0;
        var readSizes = new Random(2);
        while (true)
        {
            var n = await l.ReadAsync(received.AsMemory(offset, Math.Min(readSizes.Next(1, 300_000), size - offset + 1)));
            if (n == 0)
            {
                break;
            }

            offset += n;
        }

        await send;
        Assert.Equal(size, offset);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(received.AsSpan(0, size)));
    }

    [Fact]
    public async Task Tampered_frame_fails_authentication_and_closes_the_connection()
    {
        var dialerId = NodeIdentity.Generate();
        var listenerId = NodeIdentity.Generate();
        var (d, l) = await LoopbackPair.ConnectAsync();
        var tamper = new TamperingStream(d);
        var respond = NoiseHandshake.RespondAsync(l, listenerId, Timeout);
        await using var dialer = (await NoiseHandshake.InitiateAsync(tamper, dialerId, listenerId.PeerId, Timeout)).Value;
        await using var listener = (await respond).Value;

        tamper.FlipNextWrite = true;
        await dialer.WriteAsync(new byte[100]);
        var error = await Assert.ThrowsAsync<IOException>(async () => await listener.ReadExactlyAsync(new byte[100]));
        Assert.Contains("authentication", error.Message, StringComparison.Ordinal);
        Assert.False(listener.CanRead);
    }

    [Fact]
    public async Task Nonce_exhaustion_stops_the_channel()
    {
        var (dialer, listener, _, _) = await HandshakeAsync();
        await using var d = dialer.Value;
        await using var l = listener.Value;
        d.SendCipher.SetNonceForTesting(ulong.MaxValue);
        var error = await Assert.ThrowsAsync<IOException>(async () => await d.WriteAsync(new byte[1]));
        Assert.Contains("nonce", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_instead_of_a_handshake_is_an_error()
    {
        var (d, l) = await LoopbackPair.ConnectAsync();
        var respond = NoiseHandshake.RespondAsync(l, NodeIdentity.Generate(), Timeout);
        await d.WriteAsync("\0\x0005hello"u8.ToArray());
        await d.WriteAsync(new byte[64]);
        var result = await respond;
        Assert.True(result.IsFailure);
        d.Dispose();
    }

    [Fact]
    public async Task Fuzz_transport_frames_never_escape_as_anything_but_IOException()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var peer = NodeIdentity.Generate().PeerId;
        var random = new Random(11);
        var buffer = new byte[256];
        for (var i = 0; i < 100_000; i++)
        {
            byte[] wire;
            if (i % 2 == 0)
            {
                wire = new byte[random.Next(0, 64)];
                random.NextBytes(wire);
            }
            else
            {
                wire = ValidFrames(key, random);
                var mutations = random.Next(0, 3);
                for (var m = 0; m < mutations; m++)
                {
                    wire[random.Next(wire.Length)] ^= (byte)(1 << random.Next(8));
                }

                wire = wire[..random.Next(wire.Length + 1)];
            }

            using var channel = new SecureChannel(new MemoryStream(wire), new CipherState(key), new CipherState(key), peer, [], []);
            try
            {
                while (await channel.ReadAsync(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // Expected for malformed input.
            }
        }
    }

    [Fact]
    public async Task Fuzz_handshake_payloads_and_messages_are_rejected_cleanly()
    {
        var random = new Random(13);
        var identity = NodeIdentity.Generate();
        var validPayload = new NoisePayload(identity.PublicKey.ToProtobuf(), identity.NoiseStatic.Signature, ["/yamux/1.0.0"]).Encode();
        for (var i = 0; i < 100_000; i++)
        {
            var input = (byte[])validPayload.Clone();
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 120)];
                random.NextBytes(input);
            }
            else
            {
                input[random.Next(input.Length)] = (byte)random.Next(256);
                input = input[..random.Next(input.Length + 1)];
            }

            _ = NoisePayload.Decode(input);
        }

        // Whole handshake messages cost several X25519 operations each, so fewer cases here.
        for (var i = 0; i < 200; i++)
        {
            var first = new byte[32];
            random.NextBytes(first);
            var third = new byte[random.Next(0, 200)];
            random.NextBytes(third);
            var wire = new MemoryStream();
            foreach (var message in new[] { first, third })
            {
                var header = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)message.Length);
                wire.Write(header);
                wire.Write(message);
            }

            wire.Position = 0;
            var result = await NoiseHandshake.RespondAsync(new ReadOnlyPeer(wire), identity, CancellationToken.None);
            Assert.True(result.IsFailure);
        }
    }

    private static byte[] ValidFrames(byte[] key, Random random)
    {
        using var cipher = new CipherState(key);
        var output = new MemoryStream();
        var frames = random.Next(1, 4);
        for (var f = 0; f < frames; f++)
        {
            var plain = new byte[random.Next(0, 40)];
            var frame = new byte[2 + plain.Length + 16];
            BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)(plain.Length + 16));
            cipher.Encrypt([], plain, frame.AsSpan(2));
            output.Write(frame);
        }

        return output.ToArray();
    }

    private sealed class TamperingStream(Stream inner) : Stream
    {
        public bool FlipNextWrite { get; set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (FlipNextWrite)
            {
                FlipNextWrite = false;
                var copy = buffer.ToArray();
                copy[^1] ^= 0x01;
                buffer = copy;
            }

            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class ReadOnlyPeer(Stream input) : Stream
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
