namespace Rapport.Domain.Scoring;

/// <summary>A relationship's strength (<see cref="RelationshipStrength.Score"/>), 0–100, with every component that made it.</summary>
public sealed record StrengthScore(double Total, IReadOnlyList<ScoreComponent> Components, DateTimeOffset At)
{
    /// <summary>The version of the components and their weights, kept with a cached strength.</summary>
    public const int Version = 1;
}
