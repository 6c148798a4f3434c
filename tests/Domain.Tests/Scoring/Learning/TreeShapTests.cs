using Rapport.Domain.Scoring.Learning;

namespace Rapport.Domain.Tests.Scoring.Learning;

public sealed class TreeShapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Contributions_are_the_exact_shapley_values_of_the_path_dependent_expectation(int seed)
    {
        const int features = 5;
        var random = new Random(seed);
        var rows = RandomTrees.Rows(random, 300, features);
        var ensemble = RandomTrees.Ensemble(random, 4, features, 5, rows);

        for (var r = 0; r < 20; r++)
        {
            var x = rows.AsSpan(r * features, features).ToArray();
            var shap = new double[features];
            ensemble.Contributions(x, shap);

            var exact = BruteForceShapley(ensemble, x, features);
            for (var i = 0; i < features; i++)
            {
                Assert.Equal(exact[i], shap[i], 1e-9);
            }

            Assert.Equal(ensemble.RawScore(x), ensemble.Baseline + shap.Sum(), 1e-9);
        }
    }

    [Fact]
    public void A_feature_the_trees_never_split_on_contributes_nothing()
    {
        var random = new Random(11);
        var rows = RandomTrees.Rows(random, 200, 3);
        // Features 0..2 split on, feature 3 never: the vectors are 4 wide but the trees see 3.
        var ensemble = RandomTrees.Ensemble(random, 3, 3, 4, rows);
        var shap = new double[4];
        ensemble.Contributions([0.1f, 0.5f, 0.9f, 0.7f], shap);
        Assert.Equal(0, shap[3]);
    }

    [Fact]
    public void A_one_leaf_tree_is_all_baseline()
    {
        var tree = new DecisionTree([], [], [], [], [2.5], [], [10]);
        var ensemble = new TreeEnsemble([tree], [1.0], 0.5);
        var shap = new double[2];
        ensemble.Contributions([0.3f, 0.4f], shap);
        Assert.Equal([0.0, 0.0], shap);
        Assert.Equal(3.0, ensemble.Baseline);
        Assert.Equal(3.0, ensemble.RawScore([0.3f, 0.4f]));
    }

    // φ_i = Σ_{S ⊆ F∖{i}} |S|!(M−|S|−1)!/M! · (v(S ∪ {i}) − v(S)), v(S) the cover-weighted expectation with S fixed to x.
    private static double[] BruteForceShapley(TreeEnsemble ensemble, float[] x, int features)
    {
        var phi = new double[features];
        for (var i = 0; i < features; i++)
        {
            for (var subset = 0; subset < 1 << features; subset++)
            {
                if ((subset & (1 << i)) != 0)
                {
                    continue;
                }

                var size = System.Numerics.BitOperations.PopCount((uint)subset);
                var weight = Factorial(size) * Factorial(features - size - 1) / Factorial(features);
                phi[i] += weight * (Value(ensemble, x, subset | (1 << i)) - Value(ensemble, x, subset));
            }
        }

        return phi;
    }

    private static double Value(TreeEnsemble ensemble, float[] x, int known)
    {
        var value = ensemble.Bias;
        for (var t = 0; t < ensemble.Trees.Length; t++)
        {
            value += ensemble.TreeWeights[t] * Expected(ensemble.Trees[t], x, known, 0);
        }

        return value;
    }

    private static double Expected(DecisionTree tree, float[] x, int known, int child)
    {
        if (tree.InternalNodes == 0)
        {
            return tree.LeafValue[0];
        }

        if (child < 0)
        {
            return tree.LeafValue[~child];
        }

        var feature = tree.SplitFeature[child];
        if ((known & (1 << feature)) != 0)
        {
            return Expected(tree, x, known, x[feature] <= tree.Threshold[child] ? tree.Left[child] : tree.Right[child]);
        }

        var cover = tree.NodeCover[child];
        var leftShare = cover > 0 ? Cover(tree, tree.Left[child]) / cover : 0.5;
        var rightShare = cover > 0 ? Cover(tree, tree.Right[child]) / cover : 0.5;
        return (leftShare * Expected(tree, x, known, tree.Left[child])) + (rightShare * Expected(tree, x, known, tree.Right[child]));
    }

    private static double Cover(DecisionTree tree, int child) => child >= 0 ? tree.NodeCover[child] : tree.LeafCover[~child];

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
