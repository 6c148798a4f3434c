using System.Collections.Immutable;
using Rapport.Domain.Scoring.Learning;

namespace Rapport.Domain.Tests.Scoring.Learning;

/// <summary>Random well-formed trees over a few features, with covers counted on random rows.</summary>
internal static class RandomTrees
{
    public static DecisionTree Tree(Random random, int features, int maxDepth, float[] rows)
    {
        var split = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var leaves = new List<double>();

        int Grow(int depth)
        {
            if (depth == maxDepth || (depth > 0 && random.NextDouble() < 0.3))
            {
                leaves.Add(Math.Round((random.NextDouble() * 4) - 2, 3));
                return ~(leaves.Count - 1);
            }

            var node = split.Count;
            split.Add(random.Next(features));
            threshold.Add((float)Math.Round(random.NextDouble(), 2));
            left.Add(0);
            right.Add(0);
            left[node] = Grow(depth + 1);
            right[node] = Grow(depth + 1);
            return node;
        }

        Grow(0);
        var tree = new DecisionTree([.. split], [.. threshold], [.. left], [.. right], [.. leaves], [.. new double[split.Count]], [.. new double[leaves.Count]]);
        return tree.CoveredBy(rows, features);
    }

    public static float[] Rows(Random random, int count, int features) =>
        [.. Enumerable.Range(0, count * features).Select(_ => (float)Math.Round(random.NextDouble(), 2))];

    public static TreeEnsemble Ensemble(Random random, int trees, int features, int maxDepth, float[] rows) =>
        new(
            [.. Enumerable.Range(0, trees).Select(_ => Tree(random, features, maxDepth, rows))],
            [.. Enumerable.Range(0, trees).Select(_ => Math.Round(random.NextDouble() + 0.5, 2))],
            Math.Round(random.NextDouble() - 0.5, 2));

    public static ImmutableArray<double> NoCovers(int count) => [.. new double[count]];
}
