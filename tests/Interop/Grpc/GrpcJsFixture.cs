using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Health;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Grpc.Reflection;
using Rapport.Adapters.Grpc.Tests.TestService;

namespace Rapport.Interop.Tests.Grpc;

/// <summary>Installs the grpc-js client and hosts the test service, health and reflection on a real Kestrel server.</summary>
public sealed class GrpcJsFixture : IAsyncLifetime
{
    public const int MaxMessageSize = 256 * 1024;
    public const string WatchedService = "rapport.test.v1.Watched";

    public TestServiceState State { get; } = new();
    public HealthStatus Health { get; } = new();
    public GrpcServer Server { get; private set; } = null!;
    public Uri Address => Server.Address;

    public async Task InitializeAsync()
    {
        await NpmInstall.EnsureAsync(RepositoryLayout.GrpcClientDirectory);
        var services = new List<GrpcServiceDefinition> { TestServiceBinding.Create(State), HealthService.Create(Health, TimeSpan.FromMilliseconds(200)) };
        services.AddRange(ServerReflectionService.Create(services));
        Server = await GrpcServer.StartAsync(
            new GrpcServerOptions { Endpoint = "127.0.0.1:0", MaxReceiveMessageSize = MaxMessageSize, MaxSendMessageSize = MaxMessageSize },
            services);
        Health.SetServiceStatus("rapport.test.v1.TestService", serving: true);
        Health.SetServiceStatus(WatchedService, serving: false);
        Health.MarkStarted();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
