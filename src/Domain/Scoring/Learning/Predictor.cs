namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// The learned function from a feature vector to a raw score, with additive explanations: for every vector,
/// <see cref="Baseline"/> plus the sum of <see cref="Contributions"/> is <see cref="RawScore"/>.
/// </summary>
public abstract class Predictor
{
    public abstract double RawScore(ReadOnlySpan<float> features);

    /// <summary>The expected raw score over the training rows: what a row explains its score against.</summary>
    public abstract double Baseline { get; }

    /// <summary>Adds each feature's contribution to <paramref name="contributions"/> (one per feature).</summary>
    public abstract void Contributions(ReadOnlySpan<float> features, Span<double> contributions);
}
