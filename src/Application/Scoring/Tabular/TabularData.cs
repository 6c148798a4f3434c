using System.Collections.Immutable;

namespace Rapport.Application.Scoring.Tabular;

/// <summary>A table as read from a file: the header's column names and every row's cells, as text, one per column.</summary>
public sealed record TabularData(ImmutableArray<string> Header, IReadOnlyList<string[]> Rows)
{
    public int IndexOf(string column) => Header.IndexOf(column, StringComparer.Ordinal);
}
