using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

public sealed record ForecastReport(IReadOnlyList<SalesPipeline> Pipelines, IReadOnlyList<ForecastLine> Lines);

/// <summary>Weighted forecast of open deals per pipeline, expected-close month and currency.</summary>
public sealed class ForecastDeals(IUnitOfWorkFactory unitOfWork)
{
    public async Task<Result<ForecastReport>> ExecuteAsync(string? pipeline = null, CancellationToken cancellationToken = default)
    {
        await using var uow = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<SalesPipeline> pipelines;
        if (string.IsNullOrWhiteSpace(pipeline))
        {
            pipelines = await uow.Pipelines.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var found = await uow.Pipelines.FindAsync(pipeline, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return PipelineErrors.Unknown(pipeline);
            }

            pipelines = [found];
        }

        var deals = new List<Deal>();
        foreach (var p in pipelines)
        {
            deals.AddRange(await uow.Deals.ListAsync(new DealFilter(p.Id, OpenOnly: true), cancellationToken).ConfigureAwait(false));
        }

        return new ForecastReport(pipelines, Rapport.Domain.Pipeline.Forecast.Compute(pipelines, deals));
    }
}
