namespace Rapport.Domain.Pipeline;

/// <summary>One line of a weighted forecast: open deals of one pipeline expected to close in one month, in one currency.</summary>
/// <param name="Month">First day of the expected-close month; null for deals without an expected close date.</param>
public sealed record ForecastLine(PipelineId PipelineId, DateOnly? Month, Currency Currency, int Deals, Money Total, Money Weighted);

/// <summary>Weighted pipeline forecast: Σ value × stage probability of open deals, per pipeline, month and currency (never mixed).</summary>
public static class Forecast
{
    public static IReadOnlyList<ForecastLine> Compute(IEnumerable<SalesPipeline> pipelines, IEnumerable<Deal> deals)
    {
        var byId = pipelines.ToDictionary(p => p.Id);
        var lines = new List<ForecastLine>();
        var groups = deals
            .Where(d => d.IsOpen && byId.ContainsKey(d.PipelineId))
            .GroupBy(d => (d.PipelineId, Month: d.ExpectedClose is { } c ? new DateOnly(c.Year, c.Month, 1) : (DateOnly?)null, d.Value.Currency));
        foreach (var group in groups)
        {
            var pipeline = byId[group.Key.PipelineId];
            var total = Money.Zero(group.Key.Currency);
            var weighted = Money.Zero(group.Key.Currency);
            foreach (var deal in group)
            {
                var probability = pipeline.FindStage(deal.Stage)?.Probability ?? Probability.Create(0).Value;
                total = Sum(total, deal.Value);
                weighted = Sum(weighted, deal.Value.Weighted(probability));
            }

            lines.Add(new ForecastLine(group.Key.PipelineId, group.Key.Month, group.Key.Currency, group.Count(), total, weighted));
        }

        return lines
            .OrderBy(l => byId[l.PipelineId].Name, StringComparer.Ordinal)
            .ThenBy(l => l.Month ?? DateOnly.MaxValue)
            .ThenBy(l => l.Currency.Code, StringComparer.Ordinal)
            .ToList();
    }

    // Grouping is by currency, so a mismatch here would be a bug, not an expected failure.
    private static Money Sum(Money a, Money b) => a.Add(b) is { IsSuccess: true } r ? r.Value : throw new InvalidOperationException("currencies mixed in one forecast line");
}
