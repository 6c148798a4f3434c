namespace Rapport.Application.Common.Csv;

/// <summary>Writes RFC 4180 records (CRLF line ends), quoting only fields that need it.</summary>
public sealed class CsvWriter(TextWriter writer)
{
    public async Task WriteAsync(IReadOnlyList<string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',').ConfigureAwait(false);
            }

            await writer.WriteAsync(Escape(fields[i]).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await writer.WriteAsync("\r\n".AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    public static string Escape(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '));
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
