using Microsoft.Extensions.Logging;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Application.Partners;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>The partner API: every rapport.v1 service, and the interceptors that guard them (audit, auth + scopes, rate limit).</summary>
public static class RapportApi
{
    public static IReadOnlyList<GrpcServiceDefinition> Services(RapportUseCases useCases) =>
    [
        ContactsGrpcService.Create(useCases),
        InteractionsGrpcService.Create(useCases),
        DealsGrpcService.Create(useCases),
        ConsentGrpcService.Create(useCases),
        PolicyGrpcService.Create(useCases),
        ScoringGrpcService.Create(useCases),
    ];

    /// <summary>In order: audit sees the final outcome of everything after it; rate limits apply per authenticated partner.</summary>
    public static IReadOnlyList<IGrpcInterceptor> Interceptors(RapportUseCases useCases, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(useCases);
        return
        [
            new CallAuditInterceptor(new RecordPartnerCall(useCases.Journal, useCases.Clock), logger),
            new PartnerAuthInterceptor(new AuthenticatePartner(useCases.UnitOfWork)),
            new RateLimitInterceptor(useCases.Clock),
        ];
    }
}
