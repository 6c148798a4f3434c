using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Application.Common;
using Rapport.Host.Composition;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Rapport.Adapters.Grpc.Tests.Server;

/// <summary>grpc.health.v1 as the node serves it: SERVING for the server and every rapport.v1 service while the store answers.</summary>
public sealed class HealthServiceTests : IAsyncLifetime
{
    private const string Check = "/grpc.health.v1.Health/Check";
    private readonly FailingStore _store = new();
    private TestNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await TestNode.StartAsync(
            services: services => services.AddSingleton<IUnitOfWorkFactory>(sp =>
            {
                _store.Inner = sp.GetRequiredService<NodeServices>().UnitOfWork;
                return _store;
            }));

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("rapport.v1.ContactsService")]
    [InlineData("rapport.v1.ScoringService")]
    public async Task The_server_and_each_service_serve_while_the_store_answers(string service)
    {
        Assert.Equal(ServingStatus.Serving, await CheckAsync(service));
    }

    [Fact]
    public async Task A_failing_store_means_not_serving_and_recovery_serving_again()
    {
        _store.Down = true;

        Assert.Equal(ServingStatus.NotServing, await CheckAsync(""));
        Assert.Equal(ServingStatus.NotServing, await CheckAsync("rapport.v1.ContactsService"));

        _store.Down = false;
        Assert.Equal(ServingStatus.Serving, await CheckAsync(""));
    }

    [Fact]
    public async Task Unknown_service_is_not_found()
    {
        var response = await _node.Client.UnaryAsync(Check, new HealthCheckRequest { Service = "nope" });

        Assert.Equal(StatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Watch_streams_the_current_status()
    {
        var (responseTask, requests) = _node.Client.StartStreaming("/grpc.health.v1.Health/Watch");
        requests.Write(new HealthCheckRequest { Service = "" });
        requests.Complete();
        using var response = await responseTask.WaitAsync(TimeSpan.FromSeconds(10));
        await using var stream = await response.Content.ReadAsStreamAsync();

        Assert.Equal(ServingStatus.Serving, await NextAsync(stream));
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_reports_service_unknown()
    {
        var (responseTask, requests) = _node.Client.StartStreaming("/grpc.health.v1.Health/Watch");
        requests.Write(new HealthCheckRequest { Service = "later" });
        requests.Complete();
        using var response = await responseTask.WaitAsync(TimeSpan.FromSeconds(10));
        await using var stream = await response.Content.ReadAsStreamAsync();

        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(stream));
    }

    private async Task<ServingStatus> CheckAsync(string service)
    {
        var response = await _node.Client.UnaryAsync(Check, new HealthCheckRequest { Service = service });
        Assert.True(response.Status == StatusCode.OK, $"{response.Status}: {response.StatusMessage}");
        return HealthCheckResponse.Parser.ParseFrom(Assert.Single(response.Messages)).Status;
    }

    private static async Task<ServingStatus> NextAsync(Stream stream) =>
        HealthCheckResponse.Parser.ParseFrom(await GrpcFrames.ReadFrameAsync(stream).WaitAsync(TimeSpan.FromSeconds(10))).Status;

    /// <summary>The node's store, or — while <see cref="Down"/> — one that fails as a full or damaged disk does.</summary>
    private sealed class FailingStore : IUnitOfWorkFactory
    {
        public IUnitOfWorkFactory Inner { get; set; } = null!;

        public bool Down { get; set; }

        public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken = default) =>
            Down ? throw new StoreUnavailableException("disk gone") : Inner.BeginAsync(cancellationToken);

        public Task<IReadUnitOfWork> BeginReadAsync(CancellationToken cancellationToken = default) =>
            Down ? throw new StoreUnavailableException("disk gone") : Inner.BeginReadAsync(cancellationToken);
    }
}
