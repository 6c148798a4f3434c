namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// How one source column becomes model features. Fitted on the training rows (<see cref="FeatureEncoding.Fit"/>) and
/// kept in the model, so a row is encoded the same way for training, scoring and explaining.
/// </summary>
public abstract record ColumnEncoding(string Column)
{
    /// <summary>How many features the column becomes.</summary>
    public abstract int Width { get; }

    public abstract ColumnKind Kind { get; }

    /// <summary>Writes the column's features for <paramref name="value"/> into <paramref name="features"/> (length <see cref="Width"/>).</summary>
    public abstract void Encode(FeatureValue value, Span<float> features);

    /// <summary>The name of the column's feature <paramref name="index"/> (0 ≤ index &lt; <see cref="Width"/>).</summary>
    public abstract string FeatureName(int index);
}
