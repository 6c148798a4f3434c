namespace Rapport.Adapters.Scoring.Learning;

/// <summary>One row as ML.NET reads it; the feature vector's width is set at run time (<see cref="TrainingRows"/>).</summary>
internal sealed class TrainingRow
{
    public bool Label { get; set; }

    public float[] Features { get; set; } = [];
}
