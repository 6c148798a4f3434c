namespace Rapport.Domain.Scoring;

/// <summary>A rule-based lead score with every component that made it (<see cref="LeadScoring.Score"/>).</summary>
/// <param name="RawTotal">The sum of the contributions before the clamp.</param>
/// <param name="WeightsVersion">The version of the weights it was made with.</param>
public sealed record LeadScore(double RawTotal, IReadOnlyList<ScoreComponent> Components, int WeightsVersion, DateTimeOffset At)
{
    /// <summary>0–100.</summary>
    public double Total => Math.Clamp(RawTotal, 0, 100);

    public LeadClass Class => LeadClasses.Of(Total);

    /// <summary>What to do about the lead, naming the component that holds it back most (or drives it most).</summary>
    public string Recommendation
    {
        get
        {
            // The most room: the weight a component leaves unused.
            var weakest = Components.MaxBy(c => c.Weight * (1 - c.Value));
            var strongest = Components.MaxBy(c => c.Contribution);
            return Class switch
            {
                LeadClass.Hot => $"act now: a hot lead, driven most by {strongest?.Name ?? "-"}",
                LeadClass.Warm => $"follow up this week; most room in {weakest?.Name ?? "-"}",
                LeadClass.Cool => $"nurture; most room in {weakest?.Name ?? "-"}",
                _ => $"no action yet; most room in {weakest?.Name ?? "-"}",
            };
        }
    }
}
