using System.Collections.Immutable;

namespace Rapport.Domain.Scoring.Learning;

/// <summary>
/// Why a learned model scored a row as it did: the baseline (the expected raw score) plus every column's contribution
/// is the raw score. <see cref="ReasonsUp"/> and <see cref="ReasonsDown"/> are the three that pushed most each way.
/// </summary>
public sealed record ScoreExplanation(ModelScore Score, double Baseline, ImmutableArray<ColumnContribution> Contributions)
{
    public const int Reasons = 3;

    public IEnumerable<ColumnContribution> ReasonsUp =>
        Contributions.Where(c => c.Amount > 0).OrderByDescending(c => c.Amount).Take(Reasons);

    public IEnumerable<ColumnContribution> ReasonsDown =>
        Contributions.Where(c => c.Amount < 0).OrderBy(c => c.Amount).Take(Reasons);
}
