using System.Globalization;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Application.Pipeline;
using Rapport.Domain.Pipeline;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.DealsService bound to the pipeline use cases.</summary>
public static class DealsGrpcService
{
    public static GrpcServiceDefinition Create(RapportUseCases uc)
    {
        ArgumentNullException.ThrowIfNull(uc);
        var create = new CreateDeal(uc.UnitOfWork, uc.Clock, uc.Ids);
        var move = new MoveDeal(uc.UnitOfWork, uc.Clock);
        var win = new WinDeal(uc.UnitOfWork, uc.Clock);
        var lose = new LoseDeal(uc.UnitOfWork, uc.Clock);
        var forecast = new ForecastDeals(uc.UnitOfWork);
        var pipelines = new ListPipelines(uc.UnitOfWork);

        async Task<V1.Deal> ToProtoAsync(Domain.Pipeline.Deal deal, CancellationToken ct)
        {
            var all = await pipelines.ExecuteAsync(ct).ConfigureAwait(false);
            var name = all.FirstOrDefault(p => p.Id == deal.PipelineId)?.Name;
            return deal.ToProto(name ?? deal.PipelineId.Value.ToString("N"));
        }

        return GrpcServiceBuilder.ForService(DealsReflection.Descriptor, "DealsService")
            .Unary<V1.CreateDealRequest, V1.Deal>("CreateDeal", async (request, context) =>
            {
                var contact = ResourceNames.ParseContact(request.Contact, "contact");
                var created = await create.ExecuteAsync(
                    new Application.Pipeline.CreateDealRequest(contact, request.Pipeline, request.Title, request.Value, request.Currency,
                        string.IsNullOrEmpty(request.ExpectedClose) ? null : request.ExpectedClose),
                    context.Actor(), context.CancellationToken).ConfigureAwait(false);
                return await ToProtoAsync(ErrorMapping.Unwrap(created), context.CancellationToken).ConfigureAwait(false);
            })
            .Unary<MoveDealRequest, V1.Deal>("MoveDeal", async (request, context) =>
            {
                var id = ResourceNames.ParseDeal(request.Name, "name");
                var moved = await move.ExecuteAsync(id, request.Stage, context.Actor(), context.CancellationToken).ConfigureAwait(false);
                return await ToProtoAsync(ErrorMapping.Unwrap(moved), context.CancellationToken).ConfigureAwait(false);
            })
            .Unary<CloseDealRequest, V1.Deal>("CloseDeal", async (request, context) =>
            {
                var id = ResourceNames.ParseDeal(request.Name, "name");
                var closed = request.Outcome switch
                {
                    CloseDealRequest.Types.Outcome.Won => await win.ExecuteAsync(id, context.Actor(), context.CancellationToken).ConfigureAwait(false),
                    CloseDealRequest.Types.Outcome.Lost => await lose.ExecuteAsync(id, request.Reason, context.Actor(), context.CancellationToken).ConfigureAwait(false),
                    _ => throw ResourceNames.Invalid("outcome", "outcome must be WON or LOST"),
                };
                return await ToProtoAsync(ErrorMapping.Unwrap(closed), context.CancellationToken).ConfigureAwait(false);
            })
            .Unary<ForecastRequest, ForecastResponse>("Forecast", async (request, context) =>
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
            })
            .Build();
    }
}
