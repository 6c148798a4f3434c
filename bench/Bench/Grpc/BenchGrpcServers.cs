using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Bench.Grpc.Protos;

namespace Rapport.Bench.Grpc;

/// <summary>The gRPC servers of this build that the gRPC benchmarks measure: an echo service and the node's partner API.</summary>
internal sealed class BenchGrpcServers : IAsyncDisposable
{
    public const string Label = "Grpc.AspNetCore 2.85.0";

    private readonly WebApplication _echo;

    private BenchGrpcServers(WebApplication echo, Uri echoAddress, Uri partnerApi) => (_echo, Echo, PartnerApi) = (echo, echoAddress, partnerApi);

    public Uri Echo { get; }

    public Uri PartnerApi { get; }

    /// <summary>The echo server, and <paramref name="node"/> served as `rapport serve-grpc` serves it.</summary>
    public static async Task<BenchGrpcServers> StartAsync(PartnerApiBenchNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var (echo, address) = await StartEchoAsync().ConfigureAwait(false);
        var api = await node.ServeAsync().ConfigureAwait(false);
        return new BenchGrpcServers(echo, address, api.PartnerApi!);
    }

    /// <summary>rapport.bench.v1.BenchContacts on Grpc.AspNetCore alone (no interceptors), h2c on a free loopback port.</summary>
    public static Task<(WebApplication App, Uri Address)> StartEchoAsync() =>
        Http2Calls.StartServerAsync(services => services.AddGrpc(), app => app.MapGrpcService<EchoContacts>());

    public async ValueTask DisposeAsync() => await _echo.DisposeAsync().ConfigureAwait(false);

    private sealed class EchoContacts : BenchContacts.BenchContactsBase
    {
        public override Task<Contact> GetContact(GetContactRequest request, ServerCallContext context) =>
            Task.FromResult(ContactHandler.Get(request.ContactId, request.IncludeConsents));
    }
}
