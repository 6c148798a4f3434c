using System.Collections.Immutable;
using System.Globalization;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Tabular;

/// <summary>
/// Reads a table's cells as model values: a cell that is empty or <c>NA</c> is missing; a column is numeric when every
/// other cell in it is a number (invariant culture), categorical otherwise.
/// </summary>
public static class TableColumns
{
    public static bool IsMissing(string cell) => cell.Length == 0 || cell is "NA" or "na" or "N/A";

    public static ColumnKind KindOf(TabularData table, int column)
    {
        foreach (var row in table.Rows)
        {
            var cell = row[column];
            if (!IsMissing(cell) && !TryNumber(cell, out _))
            {
                return ColumnKind.Categorical;
            }
        }

        return ColumnKind.Numeric;
    }

    /// <summary>The value of <paramref name="cell"/> in a column of <paramref name="kind"/>; a non-number in a numeric column is refused.</summary>
    public static Result<FeatureValue> ValueOf(string cell, ColumnKind kind, string column, int line)
    {
        if (IsMissing(cell))
        {
            return FeatureValue.Missing;
        }

        if (kind == ColumnKind.Categorical)
        {
            return FeatureValue.Of(cell);
        }

        return TryNumber(cell, out var number)
            ? FeatureValue.Of(number)
            : new Error(ScoringErrors.DataInvalid, $"Line {line}, column '{column}': '{Shorten(cell)}' is not a number, and the model reads the column as numbers.", column);
    }

    /// <summary>The header's names, or an error when one is empty or repeated.</summary>
    public static Result<ImmutableArray<string>> CheckHeader(TabularData table)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in table.Header)
        {
            if (name.Trim().Length == 0)
            {
                return new Error(ScoringErrors.DataInvalid, "The header has an empty column name; every column needs a name.");
            }

            if (!seen.Add(name))
            {
                return new Error(ScoringErrors.DataInvalid, $"The header names the column '{name}' twice.", name);
            }
        }

        return table.Header;
    }

    /// <summary>The line in the file of data row <paramref name="row"/> (the header is line 1).</summary>
    public static int LineOf(int row) => row + 2;

    internal static string Shorten(string cell) => cell.Length <= 40 ? cell : cell[..40] + "…";

    private static bool TryNumber(string cell, out double number) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
