using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Grpc.Rapport;
using Rapport.Bench.Grpc.Protos;
using Rapport.Host.Composition;

namespace Rapport.Bench.Grpc;

/// <summary>The gRPC servers of this build that grpc-server measures: an echo service and the partner API.</summary>
internal sealed class BenchGrpcServers : IAsyncDisposable
{
    public const string Label = "our HTTP/2 gRPC layer (GrpcServer)";

    private readonly GrpcServer _echo;
    private readonly GrpcServer _api;

    private BenchGrpcServers(GrpcServer echo, GrpcServer api) => (_echo, _api) = (echo, api);

    public Uri Echo => _echo.Address;

    public Uri PartnerApi => _api.Address;

    public static async Task<BenchGrpcServers> StartAsync(NodeServices node)
    {
        var useCases = new RapportUseCases(node.UnitOfWork, node.Clock, node.Ids, node.Gate, node.Journal);
        var echo = GrpcServiceBuilder.ForService(BenchContactsReflection.Descriptor, "BenchContacts")
            .Unary<GetContactRequest, Contact>("GetContact", (request, _) => Task.FromResult(ContactHandler.Get(request.ContactId, request.IncludeConsents)))
            .Build();
        var echoServer = await GrpcServer.StartAsync(new GrpcServerOptions { Endpoint = "127.0.0.1:0" }, [echo]).ConfigureAwait(false);
        var apiServer = await GrpcServer.StartAsync(new GrpcServerOptions { Endpoint = "127.0.0.1:0" }, RapportApi.Services(useCases), RapportApi.Interceptors(useCases)).ConfigureAwait(false);
        return new BenchGrpcServers(echoServer, apiServer);
    }

    public async ValueTask DisposeAsync()
    {
        await _echo.DisposeAsync().ConfigureAwait(false);
        await _api.DisposeAsync().ConfigureAwait(false);
    }
}
