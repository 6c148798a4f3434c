using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// A linear model (logistic regression's raw score): bias plus weight times feature. A feature contributes its weight
/// times its distance from the training mean — the exact Shapley value of a linear model — so the baseline is the raw
/// score of the mean row.
/// </summary>
public sealed class LinearPredictor : Predictor
{
    public LinearPredictor(ImmutableArray<double> weights, double bias, ImmutableArray<double> means)
    {
        if (weights.Length != means.Length)
        {
            throw new ArgumentException($"{weights.Length} weights with {means.Length} means.", nameof(means));
        }

        Weights = weights;
        Bias = bias;
        Means = means;
        var baseline = bias;
        for (var i = 0; i < weights.Length; i++)
        {
            baseline += weights[i] * means[i];
        }

        Baseline = baseline;
    }

    public ImmutableArray<double> Weights { get; }

    public double Bias { get; }

    public ImmutableArray<double> Means { get; }

    public override double Baseline { get; }

    public override double RawScore(ReadOnlySpan<float> features)
    {
        var score = Bias;
        for (var i = 0; i < Weights.Length; i++)
        {
            score += Weights[i] * features[i];
        }

        return score;
    }

    public override void Contributions(ReadOnlySpan<float> features, Span<double> contributions)
    {
        for (var i = 0; i < Weights.Length; i++)
        {
            contributions[i] += Weights[i] * (features[i] - Means[i]);
        }
    }

    /// <summary>The means of the <paramref name="width"/>-wide feature vectors in <paramref name="rows"/> (row after row).</summary>
    public static ImmutableArray<double> MeansOf(ReadOnlySpan<float> rows, int width)
    {
        var sums = new double[width];
        var count = rows.Length / width;
        for (var r = 0; r < count; r++)
        {
            var row = rows.Slice(r * width, width);
            for (var i = 0; i < width; i++)
            {
                sums[i] += row[i];
            }
        }

        for (var i = 0; i < width; i++)
        {
            sums[i] = count > 0 ? sums[i] / count : 0;
        }

        return [.. sums];
    }
}
