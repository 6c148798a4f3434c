namespace Rapport.Domain.Scoring.Learning;

/// <summary>Turns a model's raw score into a probability: 1 / (1 + e^(slope·raw + offset)), fitted on the training rows.</summary>
public sealed record PlattCalibration(double Slope, double Offset)
{
    public double Probability(double rawScore) => 1 / (1 + Math.Exp((Slope * rawScore) + Offset));
}
