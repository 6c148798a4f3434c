using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Grpc.Tests.TestService;

namespace Rapport.Adapters.Grpc.Tests.Support;

/// <summary>
/// The node's gRPC server (real Kestrel on 127.0.0.1:0, the partner API's interceptors, health and reflection) with
/// the test service mapped next to the API, and small message limits.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const int MaxMessageSize = 64 * 1024;

    public TestServiceState State { get; } = new();

    public TestNode Node { get; private set; } = null!;

    public RawGrpcClient Client => Node.Client;

    public HealthServiceImpl Health => Node.Get<HealthServiceImpl>();

    public async Task InitializeAsync() => Node = await StartAsync(State);

    public static Task<TestNode> StartAsync(TestServiceState state, Action<Hosting.PartnerApiOptions>? configure = null) =>
        TestNode.StartAsync(
            o =>
            {
                o.MaxReceiveMessageSize = MaxMessageSize;
                o.MaxSendMessageSize = MaxMessageSize;
                configure?.Invoke(o);
            },
            services => services.AddSingleton(state),
            endpoints => endpoints.MapGrpcService<TestServiceImpl>());

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
