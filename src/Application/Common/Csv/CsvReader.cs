using System.Text;
using Rapport.Domain.Common;

namespace Rapport.Application.Common.Csv;

/// <summary>
/// Streaming RFC 4180 reader: fields separated by ',', records by CRLF or LF, fields optionally enclosed in '"' with
/// embedded commas, line breaks and doubled quotes. Strict: a quote inside an unquoted field, text after a closing
/// quote or a quote left open at the end of the input is an error naming the record and line. Blank lines are skipped.
/// </summary>
public sealed class CsvReader(TextReader reader)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private bool _eof;

    /// <summary>1-based number of the last record returned (the header is record 1).</summary>
    public int RecordNumber { get; private set; }

    /// <summary>1-based physical line on which the last record started.</summary>
    public int Line { get; private set; }

    private int _nextLine = 1;

    /// <summary>Reads the next record into <paramref name="fields"/>: true when one was read, false at the end of input.</summary>
    public async ValueTask<Result<bool>> ReadAsync(List<string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        while (true)
        {
            var c = await PeekAsync(cancellationToken).ConfigureAwait(false);
            if (c < 0)
            {
                return false;
            }

            if (c is '\r' or '\n')
            {
                await ConsumeLineBreakAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            break;
        }

        RecordNumber++;
        Line = _nextLine;
        while (true)
        {
            _field.Clear();
            var c = await PeekAsync(cancellationToken).ConfigureAwait(false);
            if (c == '"')
            {
                _position++;
                var quoted = await ReadQuotedAsync(cancellationToken).ConfigureAwait(false);
                if (quoted.IsFailure)
                {
                    return quoted.Error;
                }
            }
            else
            {
                while (true)
                {
                    c = await PeekAsync(cancellationToken).ConfigureAwait(false);
                    if (c is < 0 or ',' or '\r' or '\n')
                    {
                        break;
                    }

                    if (c == '"')
                    {
                        return Broken($"a quote inside an unquoted field (field {fields.Count + 1}); enclose the field in quotes and double the quote");
                    }

                    _position++;
                    _field.Append((char)c);
                }
            }

            fields.Add(_field.ToString());
            c = await PeekAsync(cancellationToken).ConfigureAwait(false);
            if (c == ',')
            {
                _position++;
                continue;
            }

            if (c is '\r' or '\n')
            {
                await ConsumeLineBreakAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
    }

    private async ValueTask<Result<bool>> ReadQuotedAsync(CancellationToken cancellationToken)
    {
        var startLine = _nextLine;
        while (true)
        {
            var c = await PeekAsync(cancellationToken).ConfigureAwait(false);
            if (c < 0)
            {
                return Broken($"a quoted field opened on line {startLine} is never closed");
            }

            _position++;
            if (c == '"')
            {
                var next = await PeekAsync(cancellationToken).ConfigureAwait(false);
                if (next == '"')
                {
                    _position++;
                    _field.Append('"');
                    continue;
                }

                if (next is >= 0 and not (',' or '\r' or '\n'))
                {
                    return Broken($"unexpected '{(char)next}' after a closing quote on line {_nextLine}");
                }

                return true;
            }

            if (c == '\n')
            {
                _nextLine++;
            }

            _field.Append((char)c);
        }
    }

    private Error Broken(string message) => new(CsvErrors.Quoting, $"row {RecordNumber} (line {Line}): {message}", "csv");

    private async ValueTask ConsumeLineBreakAsync(CancellationToken cancellationToken)
    {
        var c = await PeekAsync(cancellationToken).ConfigureAwait(false);
        _position++;
        if (c == '\r' && await PeekAsync(cancellationToken).ConfigureAwait(false) == '\n')
        {
            _position++;
        }

        _nextLine++;
    }

    private async ValueTask<int> PeekAsync(CancellationToken cancellationToken)
    {
        if (_position < _length)
        {
            return _buffer[_position];
        }

        if (_eof)
        {
            return -1;
        }

        _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        _position = 0;
        if (_length == 0)
        {
            _eof = true;
            return -1;
        }

        return _buffer[0];
    }
}
