using System.Globalization;
using System.Text;
using Rapport.Application.Common.Csv;
using Rapport.Domain.Common;

namespace Rapport.Application.Scoring.Tabular;

/// <summary>
/// Reads a <see cref="TabularData"/> from a CSV file (RFC 4180, strict UTF-8, a BOM allowed; <see cref="CsvReader"/>). The
/// first row is the header. Refused, naming the line: a file that is not UTF-8, an empty file, a first row that looks
/// like data (a number or an empty cell where a column name belongs), a row with another number of cells than the
/// header, a quote left open.
/// </summary>
public static class TableCsv
{
    public static async Task<Result<TabularData>> ReadAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var text = new StreamReader(csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var reader = new CsvReader(text);
        try
        {
            return await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            return await CsvErrors.NotUtf8Async(csv, reader.Line, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Result<TabularData>> ReadAsync(CsvReader reader, CancellationToken cancellationToken)
    {
        var cells = new List<string>();
        var read = await reader.ReadAsync(cells, cancellationToken).ConfigureAwait(false);
        if (read.IsFailure)
        {
            return read.Error;
        }

        if (!read.Value)
        {
            return new Error(CsvErrors.Empty, "the file is empty; it needs a header row naming its columns, then the rows", "csv");
        }

        if (cells.Count > 0)
        {
            cells[0] = cells[0].TrimStart('\uFEFF');
        }

        var header = cells.ToArray();
        if (header.FirstOrDefault(LooksLikeData) is { } data)
        {
            return new Error(
                CsvErrors.Header,
                $"line 1: {(data.Trim().Length == 0 ? "an empty cell" : $"'{TableColumns.Shorten(data)}'")} where a column name belongs; the file needs a header row naming its columns",
                "csv");
        }

        var rows = new List<string[]>();
        while (true)
        {
            read = await reader.ReadAsync(cells, cancellationToken).ConfigureAwait(false);
            if (read.IsFailure)
            {
                return read.Error;
            }

            if (!read.Value)
            {
                return new TabularData([.. header], rows);
            }

            if (cells.Count != header.Length)
            {
                return new Error(CsvErrors.Columns, $"line {reader.Line}: {cells.Count} cells where the header has {header.Length}", "csv");
            }

            rows.Add([.. cells]);
        }
    }

    private static bool LooksLikeData(string name) =>
        name.Trim().Length == 0 || double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
