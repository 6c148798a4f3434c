using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Domain.Pipeline;

/// <summary>A sales opportunity with a contact, moving through the stages of one pipeline until won or lost.</summary>
public sealed record Deal
{
    public const int MaxTitleLength = 200;
    public const int MaxReasonLength = 500;

    private Deal(DealId id, PipelineId pipelineId, ContactId contactId, string title, Money value, DateOnly? expectedClose,
        IReadOnlyList<StageEntry> history, DealOutcome? outcome, DateTimeOffset createdAt)
    {
        Id = id;
        PipelineId = pipelineId;
        ContactId = contactId;
        Title = title;
        Value = value;
        ExpectedClose = expectedClose;
        History = history;
        Outcome = outcome;
        CreatedAt = createdAt;
    }

    public DealId Id { get; }

    public PipelineId PipelineId { get; }

    public ContactId ContactId { get; }

    public string Title { get; }

    public Money Value { get; }

    public DateOnly? ExpectedClose { get; }

    /// <summary>Every stage the deal entered, oldest first; the last one is the current stage.</summary>
    public IReadOnlyList<StageEntry> History { get; private init; }

    public DealOutcome? Outcome { get; private init; }

    public DateTimeOffset CreatedAt { get; }

    public string Stage => History[^1].Stage;

    public DealStatus Status => Outcome?.Status ?? DealStatus.Open;

    public bool IsOpen => Outcome is null;

    /// <summary>Opens a deal in the pipeline's first stage.</summary>
    public static Result<Deal> Open(DealId id, SalesPipeline pipeline, ContactId contactId, string? title, Money value, DateOnly? expectedClose, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(value);
        return BoundedText.Normalise(title, MaxTitleLength, "title", DealErrors.Title).Map(t =>
            new Deal(id, pipeline.Id, contactId, t, value, expectedClose, [new StageEntry(pipeline.FirstStage.Name, at)], null, at));
    }

    public static Deal Restore(DealId id, PipelineId pipelineId, ContactId contactId, string title, Money value, DateOnly? expectedClose,
        IReadOnlyList<StageEntry> history, DealOutcome? outcome, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            throw new ArgumentException("a deal has at least one stage entry", nameof(history));
        }

        return new Deal(id, pipelineId, contactId, title, value, expectedClose, history, outcome, createdAt);
    }

    public Result<Deal> MoveTo(SalesPipeline pipeline, string? stageName, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (pipeline.Id != PipelineId)
        {
            throw new ArgumentException("the deal belongs to another pipeline", nameof(pipeline));
        }

        if (!IsOpen)
        {
            return new Error(DealErrors.Closed, $"the deal is already {Status.ToString().ToLowerInvariant()}", "stage");
        }

        var stage = pipeline.FindStage(stageName);
        if (stage is null)
        {
            return new Error(DealErrors.StageUnknown, $"pipeline '{pipeline.Name}' has no stage '{stageName}' (stages: {string.Join(", ", pipeline.Stages.Select(s => s.Name))})", "stage");
        }

        if (stage.Name == Stage)
        {
            return new Error(DealErrors.StageSame, $"the deal is already in stage '{stage.Name}'", "stage");
        }

        return this with { History = [.. History, new StageEntry(stage.Name, at)] };
    }

    public Result<Deal> Win(DateTimeOffset at) =>
        IsOpen ? this with { Outcome = new DealWon(at) } : new Error(DealErrors.Closed, $"the deal is already {Status.ToString().ToLowerInvariant()}", "id");

    public Result<Deal> Lose(string? reason, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return new Error(DealErrors.Closed, $"the deal is already {Status.ToString().ToLowerInvariant()}", "id");
        }

        return BoundedText.Normalise(reason, MaxReasonLength, "reason", DealErrors.Reason).Map(r => this with { Outcome = new DealLost(at, r) });
    }
}
