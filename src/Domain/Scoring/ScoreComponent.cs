namespace Rapport.Domain.Scoring;

/// <summary>One weighted part of a rule-based score (the lead score, the relationship strength).</summary>
/// <param name="Name">The component (`qualification`, `recent_activity`, `reciprocity`, …).</param>
/// <param name="Weight">Its weight (for the lead score, the business's).</param>
/// <param name="Value">How strongly the contact shows it, 0–1.</param>
/// <param name="Explanation">Why the value is what it is, in words, without personal data.</param>
public sealed record ScoreComponent(string Name, double Weight, double Value, string Explanation)
{
    /// <summary>What the component adds to the score: value × weight.</summary>
    public double Contribution => Value * Weight;
}
