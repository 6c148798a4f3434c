namespace Rapport.Application.Scoring.Learning;

/// <summary>Encoded rows to learn from: <see cref="Width"/> features per row, row after row, and each row's label.</summary>
public sealed record TrainingMatrix(float[] Features, int Width, bool[] Labels)
{
    public int Rows => Labels.Length;

    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * Width, Width);
}
