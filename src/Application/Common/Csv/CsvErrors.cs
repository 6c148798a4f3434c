using Rapport.Domain.Common;

namespace Rapport.Application.Common.Csv;

/// <summary>Error codes of a CSV import that cannot be read (docs/errors.md).</summary>
public static class CsvErrors
{
    public static readonly ErrorCode Header = new("CSV_HEADER", ErrorKind.Invalid);
    public static readonly ErrorCode Encoding = new("CSV_ENCODING", ErrorKind.Invalid);
    public static readonly ErrorCode Empty = new("CSV_EMPTY", ErrorKind.Invalid);
    public static readonly ErrorCode Columns = new("CSV_COLUMNS", ErrorKind.Invalid);
    public static readonly ErrorCode Quoting = new("CSV_QUOTING", ErrorKind.Invalid);
}
