using Rapport.Domain.Common;

namespace Rapport.Application.Common.Csv;

/// <summary>Error codes of a CSV file that cannot be read (docs/errors.md).</summary>
public static class CsvErrors
{
    public static readonly ErrorCode Header = new("CSV_HEADER", ErrorKind.Invalid);
    public static readonly ErrorCode Encoding = new("CSV_ENCODING", ErrorKind.Invalid);
    public static readonly ErrorCode Empty = new("CSV_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode Columns = new("CSV_COLUMNS", ErrorKind.Invalid);
    public static readonly ErrorCode Quoting = new("CSV_QUOTING", ErrorKind.Invalid);

    /// <summary>
    /// The error for a CSV file that is not UTF-8, naming the line and byte of the first bad byte when the stream can
    /// be scanned again (the decoder fails a buffer ahead of the record read), else the line the reader had reached.
    /// </summary>
    public static async Task<Error> NotUtf8Async(Stream csv, int readerLine, CancellationToken cancellationToken)
    {
        return await Utf8Position.FindFirstInvalidAsync(csv, cancellationToken).ConfigureAwait(false) is { } at
            ? new Error(Encoding, $"line {at.Line}, byte {at.Column}: the file is not valid UTF-8; save it as UTF-8 and retry", "csv")
            : new Error(Encoding, $"near line {Math.Max(1, readerLine)}: the file is not valid UTF-8; save it as UTF-8 and retry", "csv");
    }
}
