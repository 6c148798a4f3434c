using Rapport.Domain.Pipeline;

namespace Rapport.Host.Cli.Pipeline;

internal sealed record PipelineJson(string Id, string Name, IReadOnlyList<PipelineJson.StageJson> Stages)
{
    public static PipelineJson Of(SalesPipeline p) => new(p.Id.ToString(), p.Name, p.Stages.Select(s => new StageJson(s.Name, s.Probability.Percent)).ToList());

    internal sealed record StageJson(string Name, int Probability);
}

internal sealed record DealJson(
    string Id, string PipelineId, string ContactId, string Title, decimal Value, string Currency, DateOnly? ExpectedClose, string Stage, string Status,
    DateTimeOffset? ClosedAt, string? LostReason, IReadOnlyList<DealJson.StageEntryJson> History)
{
    public static DealJson Of(Deal d) => new(
        d.Id.ToString(), d.PipelineId.ToString(), d.ContactId.ToString(), d.Title, d.Value.Amount, d.Value.Currency.Code, d.ExpectedClose, d.Stage,
        d.Status.ToString().ToLowerInvariant(), d.Outcome?.At, (d.Outcome as DealLost)?.Reason, d.History.Select(h => new StageEntryJson(h.Stage, h.EnteredAt)).ToList());

    internal sealed record StageEntryJson(string Stage, DateTimeOffset EnteredAt);
}
