namespace Rapport.Application.Scoring.Learning;

/// <summary>Where a training run is: step <see cref="Step"/> of <see cref="Steps"/> (each fold of each candidate, then the final fit).</summary>
public sealed record TrainingProgress(int Step, int Steps, string Doing);
