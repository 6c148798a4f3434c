using System.Text;

namespace Rapport.Host.Control;

/// <summary>One line read by <see cref="LineReader"/>; <see cref="TooLong"/> lines carry no text.</summary>
public sealed record ControlLine(string Text, bool TooLong);

/// <summary>
/// Reads '\n'-terminated UTF-8 lines of at most <see cref="ControlProtocol.MaxLineLength"/> bytes from a stream,
/// so a peer that never sends a newline cannot make the reader buffer without end.
/// </summary>
public sealed class LineReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[4096];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line (without '\n' or a trailing '\r'), or null at the end of the stream.</summary>
    public async Task<ControlLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.SetLength(0);
        var tooLong = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    return null;
                }
            }

            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            var chunk = newline < 0 ? available : available[..newline];
            if (!tooLong && _line.Length + chunk.Length > ControlProtocol.MaxLineLength)
            {
                tooLong = true;
            }

            if (!tooLong)
            {
                _line.Write(chunk);
            }

            _start += newline < 0 ? available.Length : newline + 1;
            if (newline >= 0)
            {
                break;
            }

            if (tooLong)
            {
                // Without a newline in sight there is no next line to resynchronise on: report it now.
                return new ControlLine("", true);
            }
        }

        if (tooLong)
        {
            return new ControlLine("", true);
        }

        var text = Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length);
        return new ControlLine(text.EndsWith('\r') ? text[..^1] : text, false);
    }
}
