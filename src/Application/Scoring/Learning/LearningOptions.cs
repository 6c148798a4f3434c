using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Learning;

/// <summary>How to learn: the folds of the cross-validation, the seed that fixes folds and learners, and the candidates.</summary>
public sealed record LearningOptions(int Folds = LearningOptions.DefaultFolds, int Seed = LearningOptions.DefaultSeed, IReadOnlyList<Learner>? Learners = null)
{
    public const int DefaultFolds = 5;
    public const int DefaultSeed = 20261206;

    public IReadOnlyList<Learner> Candidates => Learners ?? [Learner.FastTree, Learner.LightGbm, Learner.LogisticRegression];
}
