using System.Collections.Immutable;
using Rapport.Application.Scoring.Learning;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Tabular;

/// <summary>Turns a table into labelled rows, refusing a table that names no such label, has one class only or too few rows.</summary>
public static class TabularTrainingSet
{
    public static Result<TrainingSet> From(TabularData table, TabularTrainingRequest request, int folds = LearningOptions.DefaultFolds)
    {
        var header = TableColumns.CheckHeader(table);
        if (header.IsFailure)
        {
            return header.Error;
        }

        var label = table.IndexOf(request.Label);
        if (label < 0)
        {
            return new Error(ScoringErrors.DataInvalid, $"The table has no column '{request.Label}' to learn; its columns are: {string.Join(", ", table.Header)}.", "label");
        }

        foreach (var drop in request.Drop)
        {
            if (table.IndexOf(drop) < 0)
            {
                return new Error(ScoringErrors.DataInvalid, $"The table has no column '{drop}' to drop; its columns are: {string.Join(", ", table.Header)}.", "drop");
            }
        }

        if (table.Rows.Count == 0)
        {
            return new Error(ScoringErrors.DataInvalid, "The table has a header but no rows.");
        }

        var features = Enumerable.Range(0, table.Header.Length)
            .Where(c => c != label && !request.Drop.Contains(table.Header[c], StringComparer.Ordinal))
            .ToArray();
        if (features.Length == 0)
        {
            return new Error(ScoringErrors.DataInvalid, "No column is left to learn from once the label and the dropped columns are set aside.");
        }

        var labels = new bool[table.Rows.Count];
        var seenLabels = new SortedSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var cell = table.Rows[r][label];
            if (TableColumns.IsMissing(cell))
            {
                return new Error(ScoringErrors.DataInvalid, $"Line {TableColumns.LineOf(r)} has no value in the label column '{request.Label}'.", "label");
            }

            seenLabels.Add(cell);
            labels[r] = string.Equals(cell, request.Positive, StringComparison.Ordinal);
        }

        var positives = labels.Count(l => l);
        var negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            var values = string.Join(", ", seenLabels.Take(10).Select(v => $"'{TableColumns.Shorten(v)}'"));
            return new Error(
                ScoringErrors.DataInvalid,
                positives == 0
                    ? $"No row has {request.Label} = '{request.Positive}', so there is only one class to learn; the column's values are: {values}."
                    : $"Every row has {request.Label} = '{request.Positive}', so there is only one class to learn.",
                "positive");
        }

        if (positives < folds || negatives < folds)
        {
            return new Error(ScoringErrors.NotEnoughData, $"{folds}-fold cross-validation needs at least {folds} rows of each class; the table has {positives} with {request.Label} = '{request.Positive}' and {negatives} without.");
        }

        var columns = features.Select(c => new FeatureColumn(table.Header[c], TableColumns.KindOf(table, c))).ToImmutableArray();
        var rows = new IReadOnlyList<FeatureValue>[table.Rows.Count];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var values = new FeatureValue[features.Length];
            for (var f = 0; f < features.Length; f++)
            {
                // Kinds come from the same cells, so a numeric column's cells all parse.
                values[f] = TableColumns.ValueOf(table.Rows[r][features[f]], columns[f].Kind, columns[f].Name, TableColumns.LineOf(r)).Value;
            }

            rows[r] = values;
        }

        return new TrainingSet(columns, rows, labels);
    }
}
