using Rapport.Domain.Common;

namespace Rapport.Domain.Scoring;

/// <summary>
/// A business's weights for the rule-based lead score, versioned so every score names the weights it was made with.
/// Each component's value (0–1) times its weight is its contribution; the contributions add up to the score, which is
/// clamped to 0–100 (weights may add up to more than 100, so a strong lead saturates).
/// </summary>
public sealed record LeadScoreWeights
{
    private LeadScoreWeights(int version, double qualification, double recentActivity, double freshness, double completeness, double engagement, double customFields) =>
        (Version, Qualification, RecentActivity, Freshness, Completeness, Engagement, CustomFields) =
        (version, qualification, recentActivity, freshness, completeness, engagement, customFields);

    /// <summary>Version 1, the built-in weights: 25 + 20 + 15 + 15 + 15 + 10 = 100.</summary>
    public static LeadScoreWeights Default { get; } = new(1, 25, 20, 15, 15, 15, 10);

    public int Version { get; }
    public double Qualification { get; }
    public double RecentActivity { get; }
    public double Freshness { get; }
    public double Completeness { get; }
    public double Engagement { get; }
    public double CustomFields { get; }

    public static Result<LeadScoreWeights> Create(int version, double qualification, double recentActivity, double freshness, double completeness, double engagement, double customFields)
    {
        if (version < 1)
        {
            return new Error(ScoringErrors.WeightsInvalid, "weights are versioned from 1 up", "version");
        }

        double[] all = [qualification, recentActivity, freshness, completeness, engagement, customFields];
        if (all.Any(w => !double.IsFinite(w) || w < 0 || w > 100))
        {
            return new Error(ScoringErrors.WeightsInvalid, "every weight is a number from 0 to 100", "weights");
        }

        return all.Sum() <= 0
            ? new Error(ScoringErrors.WeightsInvalid, "at least one weight must be above 0", "weights")
            : new LeadScoreWeights(version, qualification, recentActivity, freshness, completeness, engagement, customFields);
    }
}
