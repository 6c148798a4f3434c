using System.Net;
using System.Threading.Channels;
using Google.Protobuf;

namespace Rapport.Adapters.Grpc.Tests.Support;

/// <summary>A request body written incrementally by the test (for client and duplex streaming).</summary>
public sealed class PushContent : HttpContent
{
    private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>();

    public void Write(IMessage message) => _frames.Writer.TryWrite(GrpcFrames.Frame(message));

    public void WriteRaw(byte[] bytes) => _frames.Writer.TryWrite(bytes);

    public void Complete() => _frames.Writer.TryComplete();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await foreach (var frame in _frames.Reader.ReadAllAsync())
        {
            await stream.WriteAsync(frame);
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
