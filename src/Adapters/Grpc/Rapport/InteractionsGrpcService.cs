using Rapport.Adapters.Grpc.Binding;
using Rapport.Application.Interactions;
using Rapport.Domain.Interactions;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.InteractionsService bound to the interaction use cases.</summary>
public static class InteractionsGrpcService
{
    public static GrpcServiceDefinition Create(RapportUseCases uc)
    {
        ArgumentNullException.ThrowIfNull(uc);
        var log = new LogInteraction(uc.UnitOfWork, uc.Clock, uc.Ids);
        var timeline = new ShowTimeline(uc.UnitOfWork, uc.Clock, uc.Gate);
        return GrpcServiceBuilder.ForService(InteractionsReflection.Descriptor, "InteractionsService")
            .Unary<V1.LogInteractionRequest, V1.Interaction>("LogInteraction", async (request, context) =>
            {
                var contact = ResourceNames.ParseContact(request.Contact, "contact");
                var type = ErrorMapping.Unwrap(InteractionTypes.Parse(request.Type));
                var logged = await log.ExecuteAsync(
                    new Application.Interactions.LogInteractionRequest(
                        contact, type, request.Summary, string.IsNullOrEmpty(request.Details) ? null : request.Details,
                        request.OccurTime?.ToDateTimeOffset(), request.Duration?.ToTimeSpan(), context.Actor()),
                    context.CancellationToken).ConfigureAwait(false);
                return ErrorMapping.Unwrap(logged).ToProto();
            })
            .ServerStreaming<TimelineRequest, V1.Interaction>("Timeline", async (request, responses, context) =>
            {
                var contact = ResourceNames.ParseContact(request.Contact, "contact");
                var result = await timeline.ExecuteAsync(
                    contact, request.Limit == 0 ? ShowTimeline.DefaultLimit : request.Limit, request.Purpose, context.Actor(), context.CancellationToken).ConfigureAwait(false);
                foreach (var entry in ErrorMapping.Unwrap(result, ("contact", request.Contact), ("purpose", request.Purpose)).Entries)
                {
                    await responses.WriteAsync(entry.ToProto(), context.CancellationToken).ConfigureAwait(false);
                }
            })
            .Build();
    }
}
