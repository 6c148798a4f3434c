using System.Buffers;
using System.Globalization;
using System.Text;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Protocols;

namespace Rapport.Interop.Tests.Libp2p;

/// <summary>
/// Our side of the JS peer's test protocols: <c>/rapport/echo/1.0.0</c> and <c>/rapport/sink/1.0.0</c>, plus the
/// payload pattern both sides use (the byte at stream offset i is i mod 251), so either side can verify every byte.
/// </summary>
public static class TestProtocols
{
    public const int ChunkSize = 64 * 1024;

    /// <summary>Echoes everything, then closes the write side at end of stream; reports how the stream ended.</summary>
    public static ProtocolHandler Echo(Action<string>? ended = null) => async (stream, _, ct) =>
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, n), ct);
            }

            await ((IHalfClosableStream)stream).CloseWriteAsync();
            ended?.Invoke("closed");
        }
        catch (IOException e)
        {
            ended?.Invoke("error: " + e.Message);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    };

    /// <summary>
    /// Reads to end of stream, checking the pattern, then answers the byte count as decimal text and a newline;
    /// <paramref name="receiving"/> is called once, when the first bytes arrive.
    /// </summary>
    public static ProtocolHandler Sink(Action<string>? ended = null, Action? receiving = null) => async (stream, _, ct) =>
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long total = 0;
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
            {
                if (!Matches(buffer.AsSpan(0, n), total))
                {
                    throw new IOException($"sink: corrupt byte within [{total}, {total + n})");
                }

                if (total == 0)
                {
                    receiving?.Invoke();
                }

                total += n;
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(total.ToString(CultureInfo.InvariantCulture) + "\n"), ct);
            await ((IHalfClosableStream)stream).CloseWriteAsync();
            ended?.Invoke("closed");
        }
        catch (IOException e)
        {
            ended?.Invoke("error: " + e.Message);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    };

    public static void Fill(Span<byte> chunk, long offset)
    {
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)((offset + i) % 251);
        }
    }

    public static bool Matches(ReadOnlySpan<byte> chunk, long offset)
    {
        for (var i = 0; i < chunk.Length; i++)
        {
            if (chunk[i] != (byte)((offset + i) % 251))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes <paramref name="size"/> pattern bytes and half-closes, while reading the echo back and verifying it.</summary>
    public static async Task<long> EchoRoundTripAsync(Stream stream, long size, CancellationToken ct)
    {
        var write = Task.Run(async () =>
        {
            var chunk = new byte[ChunkSize];
            for (long offset = 0; offset < size; offset += ChunkSize)
            {
                var length = (int)Math.Min(ChunkSize, size - offset);
                Fill(chunk.AsSpan(0, length), offset);
                await stream.WriteAsync(chunk.AsMemory(0, length), ct);
            }

            await ((IHalfClosableStream)stream).CloseWriteAsync();
        }, ct);

        var buffer = new byte[ChunkSize];
        long received = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (!Matches(buffer.AsSpan(0, n), received))
            {
                throw new InvalidDataException($"echo: corrupt byte within [{received}, {received + n})");
            }

            received += n;
        }

        await write;
        return received;
    }
}
