using Rapport.Domain.Common;

namespace Rapport.Domain.Pipeline;

/// <summary>A stage's chance of winning, in whole percent from 0 to 100.</summary>
public readonly record struct Probability
{
    private Probability(int percent) => Percent = percent;

    public int Percent { get; }

    public static Result<Probability> Create(int percent, string field = "stage") =>
        percent is >= 0 and <= 100
            ? new Probability(percent)
            : new Error(PipelineErrors.ProbabilityInvalid, $"win probability {percent} is outside 0-100", field);

    public override string ToString() => $"{Percent}%";
}
