using Rapport.Adapters.Grpc.Binding;
using Rapport.Application.Consent.Show;
using Rapport.Domain.Consent;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.ConsentService bound to ShowConsent.</summary>
public static class ConsentGrpcService
{
    public static GrpcServiceDefinition Create(RapportUseCases uc)
    {
        ArgumentNullException.ThrowIfNull(uc);
        var show = new ShowConsent(uc.UnitOfWork, uc.Clock);
        return GrpcServiceBuilder.ForService(ConsentReflection.Descriptor, "ConsentService")
            .Unary<GetConsentStatusRequest, V1.ConsentStatus>("GetConsentStatus", async (request, context) =>
            {
                var contact = ResourceNames.ParseContact(request.Contact, "contact");
                var purpose = ErrorMapping.Unwrap(Purpose.Parse(request.Purpose));
                var overview = ErrorMapping.Unwrap(await show.ExecuteAsync(contact, context.CancellationToken).ConfigureAwait(false));
                var status = overview.Snapshot.StatusAt(purpose, overview.At);
                return new V1.ConsentStatus
                {
                    Contact = request.Contact,
                    Purpose = purpose.Key,
                    Status = status == Domain.Consent.ConsentStatus.Unknown ? "missing" : status.ToKey(),
                    Allowed = status == Domain.Consent.ConsentStatus.Granted,
                    Version = overview.Snapshot.GrantFor(purpose)?.Version ?? 0,
                };
            })
            .Unary<ListReceiptsRequest, ListReceiptsResponse>("ListReceipts", async (request, context) =>
            {
                var contact = ResourceNames.ParseContact(request.Contact, "contact");
                var overview = ErrorMapping.Unwrap(await show.ExecuteAsync(contact, context.CancellationToken).ConfigureAwait(false));
                var response = new ListReceiptsResponse();
                response.Receipts.AddRange(overview.History.Select(g => g.ToProto()));
                return response;
            })
            .Build();
    }
}
