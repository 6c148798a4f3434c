using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rapport.Adapters.Grpc.Health;
using Rapport.Adapters.Grpc.Interception;
using Rapport.Adapters.Grpc.Rapport;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>
/// The partner API on Grpc.AspNetCore: every rapport.v1 service, grpc.health.v1 (SERVING while the store answers) and
/// server reflection, guarded by the audit, failure, auth + scope and rate-limit interceptors, in that order. The use
/// cases and ports the services need come from the container.
/// </summary>
public static class PartnerApi
{
    /// <summary>Registers the API and configures Kestrel to listen where <see cref="PartnerApiOptions"/> says.</summary>
    public static IServiceCollection AddPartnerApi(this IServiceCollection services, Action<PartnerApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PartnerApiOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddGrpc(grpc =>
        {
            // Outermost first: the audit sees the final status of everything after it.
            grpc.Interceptors.Add<CallAuditInterceptor>();
            grpc.Interceptors.Add<HandlerFailureInterceptor>();
            grpc.Interceptors.Add<PartnerAuthInterceptor>();
            grpc.Interceptors.Add<RateLimitInterceptor>();
        });
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<PartnerApiOptions>>((grpc, api) =>
        {
            grpc.MaxReceiveMessageSize = api.Value.MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = api.Value.MaxSendMessageSize;
            grpc.ResponseCompressionAlgorithm = api.Value.ResponseCompression;
            grpc.EnableDetailedErrors = false;
        });
        // One of each for the server (the library would otherwise build each interceptor anew for every call).
        services.AddSingleton<CallAuditInterceptor>();
        services.AddSingleton<HandlerFailureInterceptor>();
        services.AddSingleton<PartnerAuthInterceptor>();
        services.AddSingleton<RateLimitInterceptor>();
        services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, RequestStatusMiddleware>();
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(health =>
        {
            health.Services.Map(string.Empty, _ => true);
            foreach (var service in ServiceNames())
            {
                health.Services.Map(service, _ => true);
            }
        }).AddCheck<StoreHealthCheck>("store");

        // Watchers learn the first status at start and a change within seconds (the library's defaults: 5 s, 30 s).
        services.Configure<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.Zero;
            o.Period = TimeSpan.FromSeconds(5);
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<PartnerApiOptions>>((kestrel, api) => PartnerApiListener.Listen(kestrel, api.Value));
        return services;
    }

    /// <summary>Maps every service of the API, health and reflection.</summary>
    public static IEndpointRouteBuilder MapPartnerApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<ContactsGrpcService>();
        endpoints.MapGrpcService<InteractionsGrpcService>();
        endpoints.MapGrpcService<DealsGrpcService>();
        endpoints.MapGrpcService<ConsentGrpcService>();
        endpoints.MapGrpcService<PolicyGrpcService>();
        endpoints.MapGrpcService<ScoringGrpcService>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }

    /// <summary>The descriptors of every rapport.v1 service the API serves (the coverage tests read their methods).</summary>
    public static IReadOnlyList<Google.Protobuf.Reflection.ServiceDescriptor> Descriptors { get; } =
    [
        Protocol.V1.ContactsService.Descriptor,
        Protocol.V1.InteractionsService.Descriptor,
        Protocol.V1.DealsService.Descriptor,
        Protocol.V1.ConsentService.Descriptor,
        Protocol.V1.PolicyService.Descriptor,
        Protocol.V1.ScoringService.Descriptor,
    ];

    /// <summary>"rapport.v1.ContactsService" and the others.</summary>
    public static IReadOnlyList<string> ServiceNames() => [.. Descriptors.Select(d => d.FullName)];
}
