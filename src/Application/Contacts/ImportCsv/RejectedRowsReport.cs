using System.Globalization;
using Rapport.Application.Common.Csv;

namespace Rapport.Application.Contacts;

/// <summary>
/// The rows an import rejected, as CSV a person can fix and import again: row number and reason first, then the row as
/// it was, padded to the widest (cells past the header go to extra_N).
/// </summary>
public static class RejectedRowsReport
{
    public static async Task WriteAsync(TextWriter writer, CsvImportResult import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(import);
        var csv = new CsvWriter(writer);
        var width = Math.Max(import.Header.Count, import.Rejected.Count == 0 ? 0 : import.Rejected.Max(r => r.Cells.Count));
        var extra = Enumerable.Range(1, width - import.Header.Count).Select(i => $"extra_{i}");
        await csv.WriteAsync(["row", "reason", .. import.Header, .. extra], cancellationToken).ConfigureAwait(false);
        foreach (var row in import.Rejected)
        {
            var cells = row.Cells.Concat(Enumerable.Repeat(string.Empty, width - row.Cells.Count));
            await csv.WriteAsync([row.Row.ToString(CultureInfo.InvariantCulture), row.Reasons, .. cells], cancellationToken).ConfigureAwait(false);
        }
    }
}
