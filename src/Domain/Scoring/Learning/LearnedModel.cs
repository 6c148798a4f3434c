using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// A trained binary model the node scores with: the encoding of its columns, the predictor and the calibration of its
/// raw score. Scoring and explaining need no learning library; training (an adapter) makes one.
/// </summary>
public sealed record LearnedModel(Learner Learner, FeatureEncoding Encoding, Predictor Predictor, PlattCalibration Calibration)
{
    public ModelScore Score(IReadOnlyList<FeatureValue> row) => ScoreEncoded(Encoding.Encode(row));

    public ModelScore ScoreEncoded(ReadOnlySpan<float> features)
    {
        var raw = Predictor.RawScore(features);
        return new ModelScore(raw, Calibration.Probability(raw));
    }

    /// <summary>Scores <paramref name="row"/> and explains it column by column.</summary>
    public ScoreExplanation Explain(IReadOnlyList<FeatureValue> row)
    {
        var features = Encoding.Encode(row);
        var perFeature = new double[features.Length];
        Predictor.Contributions(features, perFeature);

        var perColumn = new double[Encoding.Columns.Length];
        for (var f = 0; f < perFeature.Length; f++)
        {
            perColumn[Encoding.ColumnOf(f)] += perFeature[f];
        }

        var contributions = ImmutableArray.CreateBuilder<ColumnContribution>(perColumn.Length);
        for (var c = 0; c < perColumn.Length; c++)
        {
            contributions.Add(new ColumnContribution(Encoding.Columns[c].Column, row[c], perColumn[c]));
        }

        return new ScoreExplanation(ScoreEncoded(features), Predictor.Baseline, contributions.MoveToImmutable());
    }
}
