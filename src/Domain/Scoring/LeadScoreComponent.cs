namespace Rapport.Domain.Scoring;

/// <param name="Name">The component (`qualification`, `recent_activity`, …).</param>
/// <param name="Weight">The business's weight for it.</param>
/// <param name="Value">How strongly the contact shows it, 0–1.</param>
/// <param name="Explanation">Why the value is what it is, in words, without personal data.</param>
public sealed record LeadScoreComponent(string Name, double Weight, double Value, string Explanation)
{
    /// <summary>What the component adds to the score: value × weight.</summary>
    public double Contribution => Value * Weight;
}
