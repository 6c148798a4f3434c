using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>Labelled rows to learn from: one value per column in each row, and whether each row is a positive outcome.</summary>
public sealed record TrainingSet(ImmutableArray<FeatureColumn> Columns, IReadOnlyList<IReadOnlyList<FeatureValue>> Rows, IReadOnlyList<bool> Labels)
{
    public int Positives => Labels.Count(l => l);

    /// <summary>The rows as encoded feature vectors, row after row.</summary>
    public float[] Encode(FeatureEncoding encoding)
    {
        var width = encoding.Width;
        var matrix = new float[Rows.Count * width];
        for (var r = 0; r < Rows.Count; r++)
        {
            encoding.Encode(Rows[r], matrix.AsSpan(r * width, width));
        }

        return matrix;
    }
}
