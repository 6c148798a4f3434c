using Grpc.Core;
using Rapport.Application.Interactions;
using Rapport.Domain.Interactions;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.InteractionsService bound to the interaction use cases.</summary>
public sealed class InteractionsGrpcService(LogInteraction log, ShowTimeline timeline) : InteractionsService.InteractionsServiceBase
{
    public override async Task<V1.Interaction> LogInteraction(V1.LogInteractionRequest request, ServerCallContext context)
    {
        var contact = ResourceNames.ParseContact(request.Contact, "contact");
        var type = ErrorMapping.Unwrap(InteractionTypes.Parse(request.Type));
        var logged = await log.ExecuteAsync(
            new Application.Interactions.LogInteractionRequest(
                contact, type, request.Summary, string.IsNullOrEmpty(request.Details) ? null : request.Details,
                request.OccurTime?.ToDateTimeOffset(), request.Duration?.ToTimeSpan(), context.Actor()),
            context.CancellationToken).ConfigureAwait(false);
        return ErrorMapping.Unwrap(logged).ToProto();
    }

    public override async Task Timeline(TimelineRequest request, IServerStreamWriter<V1.Interaction> responseStream, ServerCallContext context)
    {
        var contact = ResourceNames.ParseContact(request.Contact, "contact");
        var result = await timeline.ExecuteAsync(
            contact, request.Limit == 0 ? ShowTimeline.DefaultLimit : request.Limit, request.Purpose, context.Actor(), context.CancellationToken).ConfigureAwait(false);
        foreach (var entry in ErrorMapping.Unwrap(result, ("contact", request.Contact), ("purpose", request.Purpose)).Entries)
        {
            await responseStream.WriteAsync(entry.ToProto(), context.CancellationToken).ConfigureAwait(false);
        }
    }
}
