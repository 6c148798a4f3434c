namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// Path-dependent TreeSHAP (Lundberg, Erion and Lee, "Consistent Individualized Feature Attribution for Tree
/// Ensembles", 2018, algorithm 2): the exact Shapley values of one tree's output, with a missing feature's effect
/// taken from the training covers of the branches. O(leaves · depth²) per tree.
/// </summary>
internal sealed class TreeShap
{
    private readonly PathElement[] _paths;

    /// <param name="maxDepth">The deepest tree the instance will explain.</param>
    public TreeShap(int maxDepth)
    {
        // One copy of the path per level of recursion, each at most depth + 2 long.
        var levels = maxDepth + 2;
        _paths = new PathElement[levels * (levels + 1) / 2 + levels];
    }

    private struct PathElement
    {
        public int Feature;
        public double ZeroFraction;
        public double OneFraction;
        public double Weight;
    }

    /// <summary>The tree's expected output, weighting each branch by its share of the training rows.</summary>
    public static double ExpectedValue(DecisionTree tree) => tree.InternalNodes == 0 ? tree.LeafValue[0] : Expected(tree, 0);

    /// <summary>Adds <paramref name="weight"/> times the tree's Shapley values for <paramref name="features"/> to <paramref name="contributions"/>.</summary>
    public void Add(DecisionTree tree, double weight, ReadOnlySpan<float> features, Span<double> contributions)
    {
        if (tree.InternalNodes == 0)
        {
            return;
        }

        Recurse(tree, weight, features, contributions, child: 0, pathStart: 0, depth: 0, zeroFraction: 1, oneFraction: 1, feature: -1);
    }

    private static double Expected(DecisionTree tree, int child)
    {
        if (child < 0)
        {
            return tree.LeafValue[~child];
        }

        var (left, right) = Fractions(tree, child);
        return (left * Expected(tree, tree.Left[child])) + (right * Expected(tree, tree.Right[child]));
    }

    // The shares of a node's training rows that went left and right; an unvisited node splits evenly.
    private static (double Left, double Right) Fractions(DecisionTree tree, int node)
    {
        var cover = tree.NodeCover[node];
        return cover > 0
            ? (tree.CoverOf(tree.Left[node]) / cover, tree.CoverOf(tree.Right[node]) / cover)
            : (0.5, 0.5);
    }

    private void Recurse(
        DecisionTree tree,
        double weight,
        ReadOnlySpan<float> features,
        Span<double> contributions,
        int child,
        int pathStart,
        int depth,
        double zeroFraction,
        double oneFraction,
        int feature)
    {
        // A branch no training row reached, taken against the row: every weight below would be zero.
        if (zeroFraction == 0 && oneFraction == 0)
        {
            return;
        }

        var path = _paths.AsSpan(pathStart, depth + 1);
        Extend(path, depth, zeroFraction, oneFraction, feature);

        if (child < 0)
        {
            var value = tree.LeafValue[~child] * weight;
            for (var i = 1; i <= depth; i++)
            {
                var sum = UnwoundSum(path, depth, i);
                contributions[path[i].Feature] += sum * (path[i].OneFraction - path[i].ZeroFraction) * value;
            }

            return;
        }

        var split = tree.SplitFeature[child];
        var goesLeft = features[split] <= tree.Threshold[child];
        var (leftShare, rightShare) = Fractions(tree, child);
        var (hot, hotShare, cold, coldShare) = goesLeft
            ? (tree.Left[child], leftShare, tree.Right[child], rightShare)
            : (tree.Right[child], rightShare, tree.Left[child], leftShare);

        // A feature split on again higher up the path: undo its earlier entry and carry its fractions down.
        var incomingZero = 1.0;
        var incomingOne = 1.0;
        var pathDepth = depth;
        for (var k = 1; k <= depth; k++)
        {
            if (path[k].Feature == split)
            {
                incomingZero = path[k].ZeroFraction;
                incomingOne = path[k].OneFraction;
                Unwind(path, pathDepth, k);
                pathDepth--;
                break;
            }
        }

        var next = pathStart + depth + 1;
        path[..(pathDepth + 1)].CopyTo(_paths.AsSpan(next));
        Recurse(tree, weight, features, contributions, hot, next, pathDepth + 1, hotShare * incomingZero, incomingOne, split);
        path[..(pathDepth + 1)].CopyTo(_paths.AsSpan(next));
        Recurse(tree, weight, features, contributions, cold, next, pathDepth + 1, coldShare * incomingZero, 0, split);
    }

    private static void Extend(Span<PathElement> path, int depth, double zeroFraction, double oneFraction, int feature)
    {
        path[depth] = new PathElement { Feature = feature, ZeroFraction = zeroFraction, OneFraction = oneFraction, Weight = depth == 0 ? 1 : 0 };
        for (var i = depth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += oneFraction * path[i].Weight * (i + 1) / (depth + 1);
            path[i].Weight = zeroFraction * path[i].Weight * (depth - i) / (depth + 1);
        }
    }

    private static void Unwind(Span<PathElement> path, int depth, int index)
    {
        var one = path[index].OneFraction;
        var zero = path[index].ZeroFraction;
        var nextOnePortion = path[depth].Weight;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var previous = path[i].Weight;
                path[i].Weight = nextOnePortion * (depth + 1) / ((i + 1) * one);
                nextOnePortion = previous - (path[i].Weight * zero * (depth - i) / (depth + 1));
            }
            else
            {
                path[i].Weight = path[i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }

        for (var i = index; i < depth; i++)
        {
            path[i].Feature = path[i + 1].Feature;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    private static double UnwoundSum(ReadOnlySpan<PathElement> path, int depth, int index)
    {
        var one = path[index].OneFraction;
        var zero = path[index].ZeroFraction;
        var nextOnePortion = path[depth].Weight;
        var total = 0.0;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var share = nextOnePortion * (depth + 1) / ((i + 1) * one);
                total += share;
                nextOnePortion = path[i].Weight - (share * zero * (depth - i) / (depth + 1));
            }
            else if (zero != 0)
            {
                total += path[i].Weight / zero / ((depth - i) / (double)(depth + 1));
            }
        }

        return total;
    }
}
