using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// Boosted trees (FastTree, LightGBM): the raw score is the bias plus each tree's weighted leaf value. Contributions
/// are exact path-dependent TreeSHAP values (<see cref="TreeShap"/>), so they sum to the raw score less the baseline.
/// </summary>
public sealed class TreeEnsemble : Predictor
{
    private readonly int _maxDepth;

    public TreeEnsemble(ImmutableArray<DecisionTree> trees, ImmutableArray<double> treeWeights, double bias)
    {
        if (trees.Length != treeWeights.Length)
        {
            throw new ArgumentException($"{trees.Length} trees with {treeWeights.Length} weights.", nameof(treeWeights));
        }

        Trees = trees;
        TreeWeights = treeWeights;
        Bias = bias;
        _maxDepth = trees.Length == 0 ? 0 : trees.Max(t => t.Depth);
        var baseline = bias;
        for (var t = 0; t < trees.Length; t++)
        {
            baseline += treeWeights[t] * TreeShap.ExpectedValue(trees[t]);
        }

        Baseline = baseline;
    }

    public ImmutableArray<DecisionTree> Trees { get; }

    public ImmutableArray<double> TreeWeights { get; }

    public double Bias { get; }

    public override double Baseline { get; }

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
        var shap = new TreeShap(_maxDepth);
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

        return new TreeEnsemble(trees.MoveToImmutable(), TreeWeights, Bias);
    }
}
