namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// A numeric column, standardised with the training rows' mean and standard deviation; a missing value reads as the
/// mean. When the training rows had missing values the column also gets a 0/1 "is missing" feature, so a model can
/// learn from the absence itself.
/// </summary>
public sealed record NumericColumnEncoding(string Column, double Mean, double Scale, bool FlagsMissing) : ColumnEncoding(Column)
{
    public override int Width => FlagsMissing ? 2 : 1;

    public override ColumnKind Kind => ColumnKind.Numeric;

    public override void Encode(FeatureValue value, Span<float> features)
    {
        var missing = double.IsNaN(value.Number);
        features[0] = missing ? 0f : (float)((value.Number - Mean) / Scale);
        if (FlagsMissing)
        {
            features[1] = missing ? 1f : 0f;
        }
    }

    public override string FeatureName(int index) => index == 0 ? Column : $"{Column} is missing";

    internal static NumericColumnEncoding Fit(string column, IEnumerable<double> values)
    {
        long count = 0;
        long missing = 0;
        double mean = 0;
        double m2 = 0;
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                missing++;
                continue;
            }

            // Welford: one pass, no cancellation on large values.
            count++;
            var delta = value - mean;
            mean += delta / count;
            m2 += delta * (value - mean);
        }

        var deviation = count > 1 ? Math.Sqrt(m2 / (count - 1)) : 0;
        return new NumericColumnEncoding(column, mean, deviation > 0 && double.IsFinite(deviation) ? deviation : 1, missing > 0);
    }
}
