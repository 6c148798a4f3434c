using Grpc.Core;
using Rapport.Application.Consent.Check;
using Rapport.Application.Consent.Receipts;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.ConsentService: consent status and history, each a read_consent decision of the gate.</summary>
public sealed class ConsentGrpcService(CheckConsent check, ListConsentReceipts receipts) : ConsentService.ConsentServiceBase
{
    public override async Task<V1.ConsentStatus> GetConsentStatus(GetConsentStatusRequest request, ServerCallContext context)
    {
        var contact = ResourceNames.ParseContact(request.Contact, "contact");
        var answer = ErrorMapping.Unwrap(await check.ExecuteAsync(contact, request.Purpose, context.Actor(), context.CancellationToken).ConfigureAwait(false));
        return new V1.ConsentStatus
        {
            Contact = request.Contact,
            Purpose = answer.Purpose,
            Status = answer.Status,
            Allowed = answer.Allowed,
            Version = answer.Version,
        };
    }

    public override async Task<ListReceiptsResponse> ListReceipts(ListReceiptsRequest request, ServerCallContext context)
    {
        var contact = ResourceNames.ParseContact(request.Contact, "contact");
        var history = ErrorMapping.Unwrap(
            await receipts.ExecuteAsync(contact, request.Purpose, context.Actor(), context.CancellationToken).ConfigureAwait(false),
            ("contact", request.Contact), ("purpose", request.Purpose));
        var response = new ListReceiptsResponse();
        response.Receipts.AddRange(history.Select(g => g.ToProto()));
        return response;
    }
}
