using System.Buffers;
using System.Text;

namespace Rapport.Application.Common.Csv;

/// <summary>
/// Where the first byte that is not UTF-8 sits in a stream, as a 1-based line and byte column. A decoder fails a whole
/// buffer ahead of the record being read, so its position says nothing about the line at fault; this scan does.
/// </summary>
public readonly record struct Utf8Position(long Line, long Column)
{
    /// <summary>Scans <paramref name="stream"/> from its start; null when it cannot seek or holds only valid UTF-8.</summary>
    public static async Task<Utf8Position?> FindFirstInvalidAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            return null;
        }

        stream.Position = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long line = 1, column = 1;
            var carried = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(carried, buffer.Length - carried), cancellationToken).ConfigureAwait(false)) > 0 || carried > 0)
            {
                var span = buffer.AsSpan(0, carried + read);
                var final = read == 0;
                while (!span.IsEmpty)
                {
                    var status = Rune.DecodeFromUtf8(span, out var rune, out var consumed);
                    if (status == OperationStatus.NeedMoreData && !final)
                    {
                        break;
                    }

                    if (status != OperationStatus.Done)
                    {
                        return new Utf8Position(line, column);
                    }

                    (line, column) = rune.Value == '\n' ? (line + 1, 1) : (line, column + consumed);
                    span = span[consumed..];
                }

                if (final)
                {
                    return null;
                }

                carried = span.Length;
                span.CopyTo(buffer);
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
