using System.Text.Json;
using Rapport.Application.Scoring;
using Rapport.Domain.Common;
using Rapport.Domain.Scoring;

namespace Rapport.Host.Composition;

/// <summary>
/// The business's own lead-score weights: <c>lead-weights.json</c> in the data directory, e.g.
/// <c>{ "version": 2, "qualification": 30, "recentActivity": 20, "freshness": 15, "completeness": 10, "engagement": 15, "customFields": 10 }</c>.
/// No file: the built-in weights (version 1). A file that does not parse or holds weights out of range is refused with
/// what is wrong — scoring does not silently fall back to weights the business did not choose.
/// </summary>
public sealed class LeadWeightsFile(DataDirectory data) : ILeadWeightsSource
{
    private static readonly string[] Names = ["version", "qualification", "recentActivity", "freshness", "completeness", "engagement", "customFields"];

    /// <summary>The file as it is now: read on every use, so an edit applies to the next score.</summary>
    public Result<LeadScoreWeights> Current => Read(data);

    public static Result<LeadScoreWeights> Read(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var path = data.LeadWeightsPath;
        if (!File.Exists(path))
        {
            return LeadScoreWeights.Default;
        }

        return JsonSettingsFile.Read(path, root => FromJson(root, path), problem => Invalid(path, problem));
    }

    public static Result<LeadScoreWeights> Parse(string json, string source) =>
        JsonSettingsFile.Parse(json, root => FromJson(root, source), problem => Invalid(source, problem));

    private static Result<LeadScoreWeights> FromJson(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(source, $"expected an object with {string.Join(", ", Names)}");
        }

        if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !Names.Contains(n, StringComparer.Ordinal)) is { } stray)
        {
            return Invalid(source, $"unknown property '{stray}' (known: {string.Join(", ", Names)})");
        }

        var values = new double[Names.Length];
        for (var i = 0; i < Names.Length; i++)
        {
            if (!root.TryGetProperty(Names[i], out var value) || value.ValueKind != JsonValueKind.Number)
            {
                return Invalid(source, $"'{Names[i]}' must be a number");
            }

            values[i] = value.GetDouble();
        }

        if (values[0] != Math.Floor(values[0]) || values[0] is < 1 or > int.MaxValue)
        {
            return Invalid(source, "'version' must be a whole number from 1 up");
        }

        var weights = LeadScoreWeights.Create((int)values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
        return weights.IsFailure ? Invalid(source, weights.Error.Message) : weights;
    }

    private static Error Invalid(string source, string problem) => new(ScoringErrors.WeightsInvalid, $"{source} holds no valid lead-score weights: {problem}", "weights");
}
