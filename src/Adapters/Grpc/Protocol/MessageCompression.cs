using System.Buffers;
using System.IO.Compression;

namespace Rapport.Adapters.Grpc.Protocol;

/// <summary>Per-message compression with a hard cap on the decompressed size (a small gzip bomb must not exhaust memory).</summary>
internal static class MessageCompression
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>Decompresses into a pooled-free buffer; null when the data is corrupt, <paramref name="tooLarge"/> when it inflates past the limit.</summary>
    public static byte[]? TryDecompress(MessageEncoding encoding, ReadOnlySequence<byte> compressed, int maxLength, out int length, out bool tooLarge)
    {
        length = 0;
        tooLarge = false;
        var input = compressed.IsSingleSegment ? compressed.First.ToArray() : compressed.ToArray();
        using var source = new MemoryStream(input, writable: false);
        using Stream inflater = encoding == MessageEncoding.Gzip
            ? new GZipStream(source, CompressionMode.Decompress)
            : new ZLibStream(source, CompressionMode.Decompress);
        // One byte past the limit is enough to know the message is too large.
        var limit = Math.Min((long)maxLength + 1, Array.MaxLength);
        var output = new byte[Math.Min(Math.Max((long)input.Length * 4, 256), limit)];
        try
        {
            while (true)
            {
                if (length == output.Length)
                {
                    if (output.Length >= limit)
                    {
                        tooLarge = true;
                        return null;
                    }

                    Array.Resize(ref output, (int)Math.Min((long)output.Length * 2, limit));
                }

                var read = inflater.Read(output, length, Math.Min(ChunkSize, output.Length - length));
                if (read == 0)
                {
                    return output;
                }

                length += read;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return null;
        }
    }

    public static byte[] Compress(MessageEncoding encoding, ReadOnlySpan<byte> data)
    {
        using var destination = new MemoryStream(data.Length / 2 + 32);
        using (Stream deflater = encoding == MessageEncoding.Gzip
                   ? new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true)
                   : new ZLibStream(destination, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflater.Write(data);
        }

        return destination.ToArray();
    }
}
