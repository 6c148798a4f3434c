using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// How a row of columns becomes the feature vector a model reads: each column's <see cref="ColumnEncoding"/>, side
/// by side. Fitted once on the training rows and stored with the model (it is the "feature configuration" whose hash
/// the model card records).
/// </summary>
public sealed class FeatureEncoding
{
    private readonly int[] _offsets;
    private readonly int[] _columnOfFeature;

    public FeatureEncoding(ImmutableArray<ColumnEncoding> columns)
    {
        Columns = columns;
        _offsets = Offsets(columns);
        _columnOfFeature = ColumnsOfFeatures(_offsets);
    }

    public ImmutableArray<ColumnEncoding> Columns { get; }

    /// <summary>The length of a feature vector.</summary>
    public int Width => _offsets[^1];

    /// <summary>Fits an encoding of <paramref name="columns"/> to <paramref name="rows"/> (each row one value per column).</summary>
    public static FeatureEncoding Fit(IReadOnlyList<FeatureColumn> columns, IReadOnlyList<IReadOnlyList<FeatureValue>> rows)
    {
        var encodings = ImmutableArray.CreateBuilder<ColumnEncoding>(columns.Count);
        for (var c = 0; c < columns.Count; c++)
        {
            var column = c;
            encodings.Add(columns[c].Kind switch
            {
                ColumnKind.Numeric => NumericColumnEncoding.Fit(columns[c].Name, rows.Select(r => r[column].Number)),
                _ => CategoricalColumnEncoding.Fit(columns[c].Name, rows.Select(r => r[column].Category)),
            });
        }

        return new FeatureEncoding(encodings.MoveToImmutable());
    }

    /// <summary>Writes the features of <paramref name="row"/> (one value per column, in column order) into <paramref name="features"/>.</summary>
    public void Encode(IReadOnlyList<FeatureValue> row, Span<float> features)
    {
        if (row.Count != Columns.Length)
        {
            throw new ArgumentException($"A row of {row.Count} values for {Columns.Length} columns.", nameof(row));
        }

        for (var c = 0; c < Columns.Length; c++)
        {
            Columns[c].Encode(row[c], features[_offsets[c].._offsets[c + 1]]);
        }
    }

    public float[] Encode(IReadOnlyList<FeatureValue> row)
    {
        var features = new float[Width];
        Encode(row, features);
        return features;
    }

    /// <summary>The column feature <paramref name="feature"/> comes from.</summary>
    public int ColumnOf(int feature) => _columnOfFeature[feature];

    public string FeatureName(int feature)
    {
        var column = ColumnOf(feature);
        return Columns[column].FeatureName(feature - _offsets[column]);
    }

    private static int[] ColumnsOfFeatures(int[] offsets)
    {
        var columns = new int[offsets[^1]];
        for (var c = 0; c < offsets.Length - 1; c++)
        {
            columns.AsSpan(offsets[c]..offsets[c + 1]).Fill(c);
        }

        return columns;
    }

    private static int[] Offsets(ImmutableArray<ColumnEncoding> columns)
    {
        var offsets = new int[columns.Length + 1];
        for (var c = 0; c < columns.Length; c++)
        {
            offsets[c + 1] = offsets[c] + columns[c].Width;
        }

        return offsets;
    }
}
