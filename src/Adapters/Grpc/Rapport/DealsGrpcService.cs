using System.Globalization;
using Grpc.Core;
using Rapport.Application.Pipeline;
using Rapport.Domain.Pipeline;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.DealsService bound to the pipeline use cases.</summary>
public sealed class DealsGrpcService(
    CreateDeal create, MoveDeal move, WinDeal win, LoseDeal lose, ForecastDeals forecast, ListPipelines pipelines)
    : DealsService.DealsServiceBase
{
    public override async Task<V1.Deal> CreateDeal(V1.CreateDealRequest request, ServerCallContext context)
    {
        var contact = ResourceNames.ParseContact(request.Contact, "contact");
        var created = await create.ExecuteAsync(
            new Application.Pipeline.CreateDealRequest(contact, request.Pipeline, request.Title, request.Value, request.Currency,
                string.IsNullOrEmpty(request.ExpectedClose) ? null : request.ExpectedClose),
            context.Actor(), context.CancellationToken).ConfigureAwait(false);
        return await ToProtoAsync(ErrorMapping.Unwrap(created), context.CancellationToken).ConfigureAwait(false);
    }

    public override async Task<V1.Deal> MoveDeal(MoveDealRequest request, ServerCallContext context)
    {
        var id = ResourceNames.ParseDeal(request.Name, "name");
        var moved = await move.ExecuteAsync(id, request.Stage, context.Actor(), context.CancellationToken).ConfigureAwait(false);
        return await ToProtoAsync(ErrorMapping.Unwrap(moved), context.CancellationToken).ConfigureAwait(false);
    }

    public override async Task<V1.Deal> CloseDeal(CloseDealRequest request, ServerCallContext context)
    {
        var id = ResourceNames.ParseDeal(request.Name, "name");
        var closed = request.Outcome switch
        {
            CloseDealRequest.Types.Outcome.Won => await win.ExecuteAsync(id, context.Actor(), context.CancellationToken).ConfigureAwait(false),
            CloseDealRequest.Types.Outcome.Lost => await lose.ExecuteAsync(id, request.Reason, context.Actor(), context.CancellationToken).ConfigureAwait(false),
            _ => throw ResourceNames.Invalid("outcome", "outcome must be WON or LOST"),
        };
        return await ToProtoAsync(ErrorMapping.Unwrap(closed), context.CancellationToken).ConfigureAwait(false);
    }

    public override async Task<ForecastResponse> Forecast(ForecastRequest request, ServerCallContext context)
    {
        var report = ErrorMapping.Unwrap(await forecast.ExecuteAsync(
            string.IsNullOrEmpty(request.Pipeline) ? null : request.Pipeline, context.CancellationToken).ConfigureAwait(false));
        var response = new ForecastResponse();
        foreach (var line in report.Lines)
        {
            response.Lines.Add(new V1.ForecastLine
            {
                Pipeline = report.Pipelines.FirstOrDefault(p => p.Id == line.PipelineId)?.Name ?? line.PipelineId.Value.ToString("N"),
                Month = line.Month?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? string.Empty,
                Currency = line.Currency.Code,
                Deals = line.Deals,
                Total = line.Total.Amount.ToString("0.00##", CultureInfo.InvariantCulture),
                Weighted = line.Weighted.Amount.ToString("0.00##", CultureInfo.InvariantCulture),
            });
        }

        return response;
    }

    private async Task<V1.Deal> ToProtoAsync(Domain.Pipeline.Deal deal, CancellationToken ct)
    {
        var all = await pipelines.ExecuteAsync(ct).ConfigureAwait(false);
        var name = all.FirstOrDefault(p => p.Id == deal.PipelineId)?.Name;
        return deal.ToProto(name ?? deal.PipelineId.Value.ToString("N"));
    }
}
