using System.Security.Cryptography.X509Certificates;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Health;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Grpc.Rapport;
using Rapport.Adapters.Grpc.Reflection;
using Rapport.Domain.Policy;
using Rapport.Host.Composition;

namespace Rapport.Host.Grpc;

/// <summary>
/// Serves the partner API (rapport.v1), health and reflection for one node. Health reports NOT_SERVING until the
/// server is up and whenever the store probe fails. Plaintext h2c is only allowed on loopback (the adapter enforces it).
/// </summary>
public static class PartnerApiHost
{
    public const string DefaultEndpoint = "127.0.0.1:50051";

    /// <exception cref="GrpcServerConfigurationException">The endpoint is invalid, taken, or non-loopback without a certificate.</exception>
    public static async Task<IAsyncDisposable> StartAsync(NodeServices services, string endpoint, Action<string> log, CancellationToken ct, X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(log);
        var (useCases, health, all) = Compose(services);
        var server = await GrpcServer.StartAsync(
            new GrpcServerOptions { Endpoint = endpoint, Certificate = certificate },
            all,
            RapportApi.Interceptors(useCases),
            ct).ConfigureAwait(false);
        health.MarkStarted();
        log($"gRPC partner API listening on {server.Address} ({string.Join(", ", all.Where(s => s.Name.StartsWith("rapport.", StringComparison.Ordinal)).Select(s => s.Name))})");
        return new Running(server, health);
    }

    /// <summary>Every service the partner API serves: the one list the server maps, and the one the coverage tests read.</summary>
    public static IReadOnlyList<GrpcServiceDefinition> Services(NodeServices services) => Compose(services).All;

    private static (RapportUseCases UseCases, HealthStatus Health, List<GrpcServiceDefinition> All) Compose(NodeServices services)
    {
        var useCases = new RapportUseCases(services.UnitOfWork, services.Clock, services.Ids, services.Gate, services.Journal, new LeadWeightsFile(services.Data));
        var health = new HealthStatus(async token =>
        {
            // A snapshot read: a health probe must never queue behind writers or hold the write lock.
            await using var work = await services.UnitOfWork.BeginReadAsync(token).ConfigureAwait(false);
            await work.Audit.CountAsync(token).ConfigureAwait(false);
            return true;
        });
        var api = RapportApi.Services(useCases);
        foreach (var service in api)
        {
            health.SetServiceStatus(service.Name, serving: true);
        }

        var all = new List<GrpcServiceDefinition>(api) { HealthService.Create(health) };
        all.AddRange(ServerReflectionService.Create(all));
        return (useCases, health, all);
    }

    private sealed class Running(GrpcServer server, HealthStatus health) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            health.MarkStopping();
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
