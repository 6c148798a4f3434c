using Rapport.Domain.Common;

namespace Rapport.Domain.Scoring;

/// <summary>Why scoring input is refused (docs/errors.md).</summary>
public static class ScoringErrors
{
    public static readonly ErrorCode WeightsInvalid = new("SCORING_WEIGHTS_INVALID", ErrorKind.Invalid);
}
