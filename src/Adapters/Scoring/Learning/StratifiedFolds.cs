namespace Rapport.Adapters.Scoring.Learning;

/// <summary>
/// Assigns rows to cross-validation folds so every fold holds the same share of positives (each class shuffled with
/// the seed, then dealt round-robin): with few positives a plain split can leave a fold without any, and its AUC
/// undefined. The same labels and seed always give the same folds.
/// </summary>
internal static class StratifiedFolds
{
    public static int[] Assign(IReadOnlyList<bool> labels, int folds, int seed)
    {
        var random = new Random(seed);
        var foldOf = new int[labels.Count];
        foreach (var positive in new[] { true, false })
        {
            var rows = Enumerable.Range(0, labels.Count).Where(r => labels[r] == positive).ToArray();
            random.Shuffle(rows);
            for (var i = 0; i < rows.Length; i++)
            {
                foldOf[rows[i]] = i % folds;
            }
        }

        return foldOf;
    }
}
