using System.Globalization;
using Rapport.Domain.Common;

namespace Rapport.Domain.Pipeline;

/// <summary>A step of a pipeline with the probability that a deal in it is won.</summary>
public sealed record Stage(string Name, Probability Probability)
{
    public const int MaxNameLength = 60;

    public static Result<Stage> Create(string? name, int probability, string field = "stage") =>
        BoundedText.Normalise(name, MaxNameLength, field, PipelineErrors.Stage)
            .Bind(n => Probability.Create(probability, field).Map(p => new Stage(n, p)));

    /// <summary>Parses "Name:probability", e.g. "Proposal:60".</summary>
    public static Result<Stage> Parse(string? text, string field = "stage")
    {
        var t = text ?? string.Empty;
        var colon = t.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(t.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var probability))
        {
            return new Error(PipelineErrors.StageSyntax, $"'{t}' is not Name:probability (e.g. Lead:10)", field);
        }

        return Create(t[..colon], probability, field);
    }

    public override string ToString() => $"{Name}:{Probability.Percent}";
}
