using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// A categorical column, one-hot over the categories seen in training (the <see cref="MaxCategories"/> most frequent;
/// ties in name order, so the same rows always give the same encoding). A missing value, or a category not seen in
/// training, sets no feature.
/// </summary>
public sealed record CategoricalColumnEncoding(string Column, ImmutableArray<string> Categories) : ColumnEncoding(Column)
{
    public const int MaxCategories = 100;

    public override int Width => Categories.Length;

    public override ColumnKind Kind => ColumnKind.Categorical;

    public override void Encode(FeatureValue value, Span<float> features)
    {
        features[..Width].Clear();
        if (value.Category is { } category)
        {
            var index = Categories.IndexOf(category, StringComparer.Ordinal);
            if (index >= 0)
            {
                features[index] = 1f;
            }
        }
    }

    public override string FeatureName(int index) => $"{Column}={Categories[index]}";

    internal static CategoricalColumnEncoding Fit(string column, IEnumerable<string?> values)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value is not null)
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }

        var categories = counts
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(MaxCategories)
            .Select(c => c.Key)
            .ToImmutableArray();
        return new CategoricalColumnEncoding(column, categories);
    }

    public bool Equals(CategoricalColumnEncoding? other) =>
        other is not null && Column == other.Column && Categories.SequenceEqual(other.Categories, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Column, Categories.Length);
}
