using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// Boosted trees (FastTree, LightGBM): the raw score is the bias plus each tree's weighted leaf value. Contributions
/// are exact path-dependent TreeSHAP values (<see cref="TreeShap"/>), so they sum to the raw score less the baseline.
/// </summary>
public sealed record TreeEnsemble(ImmutableArray<DecisionTree> Trees, ImmutableArray<double> TreeWeights, double Bias) : Predictor
{
    public override double Baseline
    {
        get
        {
            var baseline = Bias;
            for (var t = 0; t < Trees.Length; t++)
            {
                baseline += TreeWeights[t] * TreeShap.ExpectedValue(Trees[t]);
            }

            return baseline;
        }
    }

    public override double RawScore(ReadOnlySpan<float> features)
    {
        var score = Bias;
        for (var t = 0; t < Trees.Length; t++)
        {
            score += TreeWeights[t] * Trees[t].Value(features);
        }

        return score;
    }

    public override void Contributions(ReadOnlySpan<float> features, Span<double> contributions)
    {
        var shap = new TreeShap(Trees.Length == 0 ? 0 : Trees.Max(t => t.Depth));
        for (var t = 0; t < Trees.Length; t++)
        {
            shap.Add(Trees[t], TreeWeights[t], features, contributions);
        }
    }

    /// <summary>This ensemble with every tree's covers counted on the training rows.</summary>
    public TreeEnsemble CoveredBy(ReadOnlySpan<float> rows, int width)
    {
        var trees = ImmutableArray.CreateBuilder<DecisionTree>(Trees.Length);
        foreach (var tree in Trees)
        {
            trees.Add(tree.CoveredBy(rows, width));
        }

        return this with { Trees = trees.MoveToImmutable() };
    }
}
