using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Bench.Grpc.Protos;
using Rapport.Host.Composition;
using Rapport.Host.Grpc;

namespace Rapport.Bench.Grpc;

/// <summary>The gRPC servers of this build that the gRPC benchmarks measure: an echo service and the node's partner API.</summary>
internal sealed class BenchGrpcServers : IAsyncDisposable
{
    public const string Label = "Grpc.AspNetCore 2.85.0";

    private readonly WebApplication _echo;
    private readonly PartnerApiServer _api;

    private BenchGrpcServers(WebApplication echo, Uri echoAddress, PartnerApiServer api) => (_echo, Echo, _api) = (echo, echoAddress, api);

    public Uri Echo { get; }

    public Uri PartnerApi => _api.Address;

    public static async Task<BenchGrpcServers> StartAsync(NodeServices node)
    {
        var (echo, address) = await StartEchoAsync().ConfigureAwait(false);
        var api = await StartPartnerApiAsync(node).ConfigureAwait(false);
        return new BenchGrpcServers(echo, address, api);
    }

    /// <summary>The node's partner API exactly as `rapport run` serves it, on a free loopback port.</summary>
    public static Task<PartnerApiServer> StartPartnerApiAsync(NodeServices node, Action<IServiceCollection>? services = null) =>
        PartnerApiServer.StartAsync(node, o => o.Endpoint = "127.0.0.1:0", CancellationToken.None, services);

    /// <summary>rapport.bench.v1.BenchContacts on Grpc.AspNetCore alone (no interceptors), h2c on a free loopback port.</summary>
    public static Task<(WebApplication App, Uri Address)> StartEchoAsync() =>
        Http2Calls.StartServerAsync(services => services.AddGrpc(), app => app.MapGrpcService<EchoContacts>());

    public async ValueTask DisposeAsync()
    {
        await _echo.DisposeAsync().ConfigureAwait(false);
        await _api.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class EchoContacts : BenchContacts.BenchContactsBase
    {
        public override Task<Contact> GetContact(GetContactRequest request, ServerCallContext context) =>
            Task.FromResult(ContactHandler.Get(request.ContactId, request.IncludeConsents));
    }
}
