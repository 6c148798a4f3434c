namespace Rapport.Domain.Scoring.Learning;

/// <summary>One value of one column of a row to learn from or score: a number, a category, or missing.</summary>
public readonly record struct FeatureValue
{
    private FeatureValue(double number, string? category)
    {
        Number = number;
        Category = category;
    }

    public static FeatureValue Missing { get; } = new(double.NaN, null);

    /// <summary>NaN unless the value is a number.</summary>
    public double Number { get; }

    /// <summary>Null unless the value is a category.</summary>
    public string? Category { get; }

    public bool IsMissing => Category is null && double.IsNaN(Number);

    public static FeatureValue Of(double number) => double.IsFinite(number) ? new(number, null) : Missing;

    public static FeatureValue Of(string? category) => string.IsNullOrEmpty(category) ? Missing : new(double.NaN, category);

    public override string ToString() => Category ?? (double.IsNaN(Number) ? "NA" : Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
