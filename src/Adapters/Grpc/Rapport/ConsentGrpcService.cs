using Rapport.Adapters.Grpc.Binding;
using Rapport.Application.Consent.Check;
using Rapport.Application.Consent.Receipts;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.ConsentService: consent status and history, each a read_consent decision of the gate.</summary>
public static class ConsentGrpcService
{
    public static GrpcServiceDefinition Create(RapportUseCases uc)
    {
        ArgumentNullException.ThrowIfNull(uc);
        var receipts = new ListConsentReceipts(uc.UnitOfWork, uc.Clock, uc.Gate);
        var check = new CheckConsent(uc.UnitOfWork, uc.Clock, uc.Gate);
        return GrpcServiceBuilder.ForService(ConsentReflection.Descriptor, "ConsentService")
            .Unary<GetConsentStatusRequest, V1.ConsentStatus>("GetConsentStatus", async (request, context) =>
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
            })
            .Unary<ListReceiptsRequest, ListReceiptsResponse>("ListReceipts", async (request, context) =>
            {
                var contact = ResourceNames.ParseContact(request.Contact, "contact");
                var history = ErrorMapping.Unwrap(
                    await receipts.ExecuteAsync(contact, request.Purpose, context.Actor(), context.CancellationToken).ConfigureAwait(false),
                    ("contact", request.Contact), ("purpose", request.Purpose));
                var response = new ListReceiptsResponse();
                response.Receipts.AddRange(history.Select(g => g.ToProto()));
                return response;
            })
            .Build();
    }
}
