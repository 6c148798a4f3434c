using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace Rapport.Adapters.Grpc.Tests.Support;

/// <summary>Builds and splits length-prefixed message bytes the way a client would put them on the wire.</summary>
public static class GrpcFrames
{
    public static byte[] Frame(IMessage message, bool gzip = false) => Raw(gzip ? (byte)1 : (byte)0, gzip ? Gzip(message.ToByteArray()) : message.ToByteArray());

    public static byte[] Frames(params IMessage[] messages) => messages.SelectMany(m => Frame(m)).ToArray();

    public static byte[] Raw(byte flag, byte[] payload, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Splits a complete response body into message payloads (decompressing flagged ones).</summary>
    public static List<byte[]> Split(byte[] body)
    {
        var messages = new List<byte[]>();
        var offset = 0;
        while (offset < body.Length)
        {
            var flag = body[offset];
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            var payload = body.AsSpan(offset + 5, length).ToArray();
            messages.Add(flag == 1 ? Gunzip(payload) : payload);
            offset += 5 + length;
        }

        return messages;
    }

    /// <summary>Reads exactly one frame from a response stream; null at end of stream.</summary>
    public static async Task<byte[]?> ReadFrameAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var header = new byte[5];
        var read = 0;
        while (read < 5)
        {
            var n = await stream.ReadAsync(header.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return read == 0 ? null : throw new EndOfStreamException("truncated frame header");
            }

            read += n;
        }

        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return header[0] == 1 ? Gunzip(payload) : payload;
    }
}
