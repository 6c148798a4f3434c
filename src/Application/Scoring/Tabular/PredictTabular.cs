using Rapport.Application.Scoring.Models;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Tabular;

/// <summary>
/// <c>rapport scoring predict</c>: scores every row of a table with a stored model and explains each score. The table
/// needs the model's columns (by name, in any order; others are ignored); a cell the model cannot read is refused with
/// its line before any score is given.
/// </summary>
public sealed class PredictTabular(ModelCatalog models)
{
    public async Task<Result<IReadOnlyList<TabularPrediction>>> ExecuteAsync(ModelId modelId, Stream csv, CancellationToken cancellationToken = default)
    {
        var loaded = await models.LoadAsync(modelId, cancellationToken).ConfigureAwait(false);
        if (loaded.IsFailure)
        {
            return loaded.Error;
        }

        var table = await TableCsv.ReadAsync(csv, cancellationToken).ConfigureAwait(false);
        if (table.IsFailure)
        {
            return table.Error;
        }

        var header = TableColumns.CheckHeader(table.Value);
        if (header.IsFailure)
        {
            return header.Error;
        }

        var columns = loaded.Value.Card.Columns;
        var indexes = columns.Select(c => table.Value.IndexOf(c.Name)).ToArray();
        var absent = columns.Where((_, i) => indexes[i] < 0).Select(c => c.Name).ToList();
        if (absent.Count > 0)
        {
            return new Error(ScoringErrors.DataInvalid, $"The table lacks the model's column{(absent.Count == 1 ? "" : "s")} {string.Join(", ", absent.Select(a => $"'{a}'"))}.");
        }

        var rows = table.Value.Rows;
        var values = new FeatureValue[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            values[r] = new FeatureValue[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                var value = TableColumns.ValueOf(rows[r][indexes[c]], columns[c].Kind, columns[c].Name, TableColumns.LineOf(r));
                if (value.IsFailure)
                {
                    return value.Error;
                }

                values[r][c] = value.Value;
            }
        }

        var model = loaded.Value.Model;
        return values.Select((row, r) => new TabularPrediction(TableColumns.LineOf(r), model.Explain(row))).ToList();
    }
}
