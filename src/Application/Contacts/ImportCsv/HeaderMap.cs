using Rapport.Application.Common.Csv;
using Rapport.Application.Contacts.Csv;
using Rapport.Domain.Common;

namespace Rapport.Application.Contacts;

/// <summary>Where each known column is in a CSV file's header (-1 when absent); "name" is required.</summary>
internal sealed class HeaderMap
{
    private readonly Dictionary<string, int> _index;

    private HeaderMap(Dictionary<string, int> index, int count)
    {
        _index = index;
        Count = count;
    }

    public int Count { get; }

    public static Result<HeaderMap> Parse(IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (!ContactCsvColumns.All.Contains(name))
            {
                return new Error(CsvErrors.Header, $"row 1: unknown column '{header[i]}' (known columns: {string.Join(',', ContactCsvColumns.All)})", "header");
            }

            if (!index.TryAdd(name, i))
            {
                return new Error(CsvErrors.Header, $"row 1: column '{name}' appears twice", "header");
            }
        }

        if (!index.ContainsKey(ContactCsvColumns.Name))
        {
            return new Error(CsvErrors.Header, $"row 1: the required column 'name' is missing (known columns: {string.Join(',', ContactCsvColumns.All)})", "header");
        }

        return new HeaderMap(index, header.Count);
    }

    public ContactInput ToInput(IReadOnlyList<string> cells) => new(
        Cell(cells, ContactCsvColumns.Name),
        Cell(cells, ContactCsvColumns.Email),
        Cell(cells, ContactCsvColumns.Phone),
        Cell(cells, ContactCsvColumns.Company),
        Cell(cells, ContactCsvColumns.Tags) is { } tags ? ContactCsvColumns.SplitList(tags) : null,
        Cell(cells, ContactCsvColumns.Fields) is { } fields ? ContactCsvColumns.SplitList(fields) : null,
        Cell(cells, ContactCsvColumns.PeerId));

    private string? Cell(IReadOnlyList<string> cells, string column) => _index.TryGetValue(column, out var i) ? cells[i] : null;
}
