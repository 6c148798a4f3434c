using Rapport.Domain.Scoring.Learning;

namespace Rapport.Application.Scoring.Learning;

/// <summary>The chosen learner's model fitted on all rows (covers and means counted), and every candidate's cross-validated metrics.</summary>
public sealed record LearningOutcome(Learner Chosen, Predictor Predictor, PlattCalibration Calibration, IReadOnlyList<CandidateResult> Candidates)
{
    public ModelMetrics Metrics => Candidates.First(c => c.Learner == Chosen).Metrics;
}
