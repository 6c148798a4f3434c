using System.Buffers;
using System.IO.Pipelines;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Rapport.Adapters.Grpc.Protocol;
using Rapport.Adapters.Grpc.Tests.Protos;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Tests.Shared;

namespace Rapport.Adapters.Grpc.Tests.Protocol;

/// <summary>Random and mutated request bytes must always end as messages or a status, never as an exception.</summary>
public sealed class MessageDecoderFuzzTests
{
    private const int MaxMessage = 4096;

    private static readonly byte[][] Seeds =
    [
        GrpcFrames.Frame(new EchoRequest { Text = "hello", Payload = ByteString.CopyFrom(1, 2, 3) }),
        GrpcFrames.Frame(new EchoRequest { Text = "zipped", ResponseSize = 7 }, gzip: true),
        GrpcFrames.Frames(new EchoRequest { Text = "a" }, new EchoRequest { Text = "b", Payload = ByteString.CopyFrom(new byte[300]) }),
        GrpcFrames.Raw(1, Deflate(new EchoRequest { Text = "deflated" }.ToByteArray())),
        GrpcFrames.Frame(new EchoResponse { ServedAt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 5 } }),
    ];

    [Fact]
    public void Decoder_survives_100k_random_and_mutated_inputs()
    {
        var random = new Random(20261121);
        var outcomes = new int[3];
        for (var i = 0; i < 120_000; i++)
        {
            var input = i % 4 == 0 ? RandomBytes(random) : FuzzBytes.Mutate(random, Seeds[random.Next(Seeds.Length)]);
            var encoding = (MessageEncoding)random.Next(3);
            var decoder = new MessageDecoder(encoding, encodingDeclared: random.Next(4) != 0, MaxMessage);
            var buffer = new ReadOnlySequence<byte>(input);
            for (var guard = 0; guard < 64; guard++)
            {
                var result = decoder.TryDecode(ref buffer, EchoRequest.Parser, out _);
                if (result.Error is not null)
                {
                    Assert.NotEqual(StatusCode.OK, result.Error.Code);
                    outcomes[2]++;
                    break;
                }

                if (result.IsIncomplete)
                {
                    outcomes[0]++;
                    break;
                }

                outcomes[1]++;
            }
        }

        // The corpus really exercises all three paths, not just the error path.
        Assert.All(outcomes, count => Assert.True(count > 1000, string.Join(",", outcomes)));
    }

    [Fact]
    public async Task Pipe_reader_survives_mutated_streams_split_at_random_points()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var input = FuzzBytes.Mutate(random, Seeds[random.Next(Seeds.Length)]);
            var pipe = new Pipe();
            var split = random.Next(input.Length + 1);
            await pipe.Writer.WriteAsync(input.AsMemory(0, split));
            await pipe.Writer.WriteAsync(input.AsMemory(split));
            await pipe.Writer.CompleteAsync();
            var reader = new GrpcMessageReader(pipe.Reader, new MessageDecoder(MessageEncoding.Gzip, encodingDeclared: true, MaxMessage));
            try
            {
                while (await reader.ReadAsync(EchoRequest.Parser, CancellationToken.None) is not null)
                {
                }
            }
            catch (RpcException ex)
            {
                Assert.NotEqual(StatusCode.OK, ex.StatusCode);
            }
        }
    }

    [Fact]
    public void Valid_frames_round_trip_through_the_writer_and_decoder()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), ArbMap.Default.ArbFor<byte[]>(), (text, payload) =>
        {
            var message = new EchoRequest { Text = text ?? string.Empty, Payload = ByteString.CopyFrom(payload ?? []) };
            foreach (var encoding in new[] { MessageEncoding.Identity, MessageEncoding.Gzip, MessageEncoding.Deflate })
            {
                var pipe = new Pipe();
                MessageFrameWriter.Write(pipe.Writer, message, encoding, int.MaxValue);
                pipe.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
                pipe.Reader.TryRead(out var read);
                var buffer = read.Buffer;
                var result = new MessageDecoder(encoding, encodingDeclared: true, int.MaxValue).TryDecode(ref buffer, EchoRequest.Parser, out _);
                Assert.Equal(message, result.Message);
                Assert.Equal(0, buffer.Length);
            }
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        if (bytes.Length > 0 && random.Next(2) == 0)
        {
            bytes[0] = (byte)random.Next(2);
        }

        return bytes;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }
}
