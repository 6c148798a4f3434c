using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Health;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Grpc.Protocol;
using Rapport.Adapters.Grpc.Reflection;
using Rapport.Adapters.Grpc.Tests.TestService;

namespace Rapport.Adapters.Grpc.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1:0 hosting the test service, health and reflection.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const int MaxMessageSize = 64 * 1024;

    public TestServiceState State { get; } = new();
    public HealthStatus Health { get; } = new();
    public RecordingInterceptor Interceptor { get; } = new();
    public GrpcServer Server { get; private set; } = null!;
    public RawGrpcClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var services = new List<GrpcServiceDefinition> { TestServiceBinding.Create(State), HealthService.Create(Health, TimeSpan.FromMilliseconds(200)) };
        services.AddRange(ServerReflectionService.Create(services));
        Server = await GrpcServer.StartAsync(
            new GrpcServerOptions { Endpoint = "127.0.0.1:0", MaxReceiveMessageSize = MaxMessageSize, MaxSendMessageSize = MaxMessageSize },
            services,
            [Interceptor]);
        Client = new RawGrpcClient(Server.Address);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Records every call it sees; rejects calls carrying "x-deny" and authenticates "x-user".</summary>
public sealed class RecordingInterceptor : IGrpcInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Method, StatusCode Status)> _seen = new();

    public IReadOnlyCollection<(string Method, StatusCode Status)> Seen => _seen;

    public async ValueTask<GrpcStatus> InterceptAsync(GrpcCallContext context, GrpcContinuation next)
    {
        if (context.RequestHeaders.GetValue("x-deny") is { } reason)
        {
            _seen.Enqueue((context.MethodFullName, StatusCode.Unauthenticated));
            return new GrpcStatus(StatusCode.Unauthenticated, $"denied: {reason}");
        }

        if (context.RequestHeaders.GetValue("x-user") is { } user)
        {
            context.Principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim("sub", user)], "test"));
        }

        var status = await next(context);
        _seen.Enqueue((context.MethodFullName, status.Code));
        return status;
    }
}
