using Rapport.Domain.Common;

namespace Rapport.Domain.Pipeline;

/// <summary>A named sales process: an ordered list of at least one stage with distinct names (case-insensitive).</summary>
public sealed record SalesPipeline
{
    public const int MaxNameLength = 80;

    private SalesPipeline(PipelineId id, string name, IReadOnlyList<Stage> stages, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        Stages = stages;
        CreatedAt = createdAt;
    }

    public PipelineId Id { get; }

    public string Name { get; }

    public IReadOnlyList<Stage> Stages { get; }

    public DateTimeOffset CreatedAt { get; }

    public Stage FirstStage => Stages[0];

    public static Result<SalesPipeline> Create(PipelineId id, string? name, IReadOnlyList<Stage> stages, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var n = BoundedText.Normalise(name, MaxNameLength, "name", PipelineErrors.Name);
        if (n.IsFailure)
        {
            return n.Error;
        }

        if (stages.Count == 0)
        {
            return new Error(PipelineErrors.StagesEmpty, "a pipeline needs at least one stage", "stage");
        }

        var duplicate = stages.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return new Error(PipelineErrors.StagesDuplicate, $"stage '{duplicate.Key}' appears more than once", "stage");
        }

        return new SalesPipeline(id, n.Value, stages.ToList(), at);
    }

    public static SalesPipeline Restore(PipelineId id, string name, IReadOnlyList<Stage> stages, DateTimeOffset createdAt) => new(id, name, stages, createdAt);

    public Stage? FindStage(string? name) => Stages.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
