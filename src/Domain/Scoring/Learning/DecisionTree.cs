using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// One regression tree of a boosted ensemble. Internal node <c>n</c> sends a vector left when
/// <c>features[SplitFeature[n]] ≤ Threshold[n]</c>; a child index <c>c ≥ 0</c> is an internal node, <c>~c</c> a leaf.
/// A tree with one leaf has no internal node. <see cref="NodeCover"/> and <see cref="LeafCover"/> count the training
/// rows that reached each node: they weight the explanations (<see cref="TreeShap"/>).
/// </summary>
public sealed record DecisionTree(
    ImmutableArray<int> SplitFeature,
    ImmutableArray<float> Threshold,
    ImmutableArray<int> Left,
    ImmutableArray<int> Right,
    ImmutableArray<double> LeafValue,
    ImmutableArray<double> NodeCover,
    ImmutableArray<double> LeafCover)
{
    public int InternalNodes => SplitFeature.Length;

    public int LeafOf(ReadOnlySpan<float> features)
    {
        if (InternalNodes == 0)
        {
            return 0;
        }

        var node = 0;
        while (node >= 0)
        {
            node = features[SplitFeature[node]] <= Threshold[node] ? Left[node] : Right[node];
        }

        return ~node;
    }

    public double Value(ReadOnlySpan<float> features) => LeafValue[LeafOf(features)];

    /// <summary>The deepest path from the root to a leaf, in splits.</summary>
    public int Depth => InternalNodes == 0 ? 0 : DepthBelow(0);

    /// <summary>This tree with its covers counted on <paramref name="rows"/> (<paramref name="width"/>-wide vectors, row after row).</summary>
    public DecisionTree CoveredBy(ReadOnlySpan<float> rows, int width)
    {
        var nodeCover = new double[InternalNodes];
        var leafCover = new double[LeafValue.Length];
        for (var r = 0; r + width <= rows.Length; r += width)
        {
            var features = rows.Slice(r, width);
            if (InternalNodes == 0)
            {
                leafCover[0]++;
                continue;
            }

            var node = 0;
            while (node >= 0)
            {
                nodeCover[node]++;
                node = features[SplitFeature[node]] <= Threshold[node] ? Left[node] : Right[node];
            }

            leafCover[~node]++;
        }

        return this with { NodeCover = [.. nodeCover], LeafCover = [.. leafCover] };
    }

    internal double CoverOf(int child) => child >= 0 ? NodeCover[child] : LeafCover[~child];

    private int DepthBelow(int child) => child < 0 ? 0 : 1 + Math.Max(DepthBelow(Left[child]), DepthBelow(Right[child]));
}
