using Grpc.Health.V1;
using Rapport.Adapters.Grpc.Health;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Grpc.Protocol;
using Rapport.Adapters.Grpc.Tests.Support;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Rapport.Adapters.Grpc.Tests.Server;

public sealed class HealthServiceTests : IAsyncLifetime
{
    private const string Check = "/grpc.health.v1.Health/Check";
    private bool _storeUp = true;
    private HealthStatus _health = null!;
    private GrpcServer _server = null!;
    private RawGrpcClient _client = null!;

    public async Task InitializeAsync()
    {
        _health = new HealthStatus(_ => _storeUp ? Task.FromResult(true) : throw new IOException("disk gone"));
        _server = await GrpcServer.StartAsync(new GrpcServerOptions(), [HealthService.Create(_health, TimeSpan.FromMilliseconds(100))]);
        _client = new RawGrpcClient(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Server_is_not_serving_until_started()
    {
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(""));

        _health.MarkStarted();

        Assert.Equal(ServingStatus.Serving, await CheckAsync(""));
    }

    [Fact]
    public async Task Failing_store_probe_means_not_serving()
    {
        _health.MarkStarted();
        _health.SetServiceStatus("rapport.Contacts", serving: true);
        _storeUp = false;

        Assert.Equal(ServingStatus.NotServing, await CheckAsync(""));
        Assert.Equal(ServingStatus.NotServing, await CheckAsync("rapport.Contacts"));
    }

    [Fact]
    public async Task Per_service_status_is_reported()
    {
        _health.MarkStarted();
        _health.SetServiceStatus("rapport.Contacts", serving: true);
        _health.SetServiceStatus("rapport.Deals", serving: false);

        Assert.Equal(ServingStatus.Serving, await CheckAsync("rapport.Contacts"));
        Assert.Equal(ServingStatus.NotServing, await CheckAsync("rapport.Deals"));
    }

    [Fact]
    public async Task Unknown_service_is_not_found()
    {
        var response = await _client.UnaryAsync(Check, new HealthCheckRequest { Service = "nope" });

        Assert.Equal(StatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Watch_streams_the_current_status_then_every_change()
    {
        var (responseTask, requests) = _client.StartStreaming("/grpc.health.v1.Health/Watch");
        requests.Write(new HealthCheckRequest { Service = "" });
        requests.Complete();
        using var response = await responseTask.WaitAsync(TimeSpan.FromSeconds(10));
        await using var stream = await response.Content.ReadAsStreamAsync();

        Assert.Equal(ServingStatus.NotServing, await NextAsync(stream));
        _health.MarkStarted();
        Assert.Equal(ServingStatus.Serving, await NextAsync(stream));
        _storeUp = false;
        Assert.Equal(ServingStatus.NotServing, await NextAsync(stream));
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_reports_service_unknown()
    {
        var (responseTask, requests) = _client.StartStreaming("/grpc.health.v1.Health/Watch");
        requests.Write(new HealthCheckRequest { Service = "later" });
        requests.Complete();
        using var response = await responseTask.WaitAsync(TimeSpan.FromSeconds(10));
        await using var stream = await response.Content.ReadAsStreamAsync();

        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(stream));
        _health.MarkStarted();
        _health.SetServiceStatus("later", serving: true);
        Assert.Equal(ServingStatus.Serving, await NextAsync(stream));
    }

    private async Task<ServingStatus> CheckAsync(string service)
    {
        var response = await _client.UnaryAsync(Check, new HealthCheckRequest { Service = service });
        Assert.Equal(StatusCode.OK, response.Status);
        return HealthCheckResponse.Parser.ParseFrom(Assert.Single(response.Messages)).Status;
    }

    private static async Task<ServingStatus> NextAsync(Stream stream) =>
        HealthCheckResponse.Parser.ParseFrom(await GrpcFrames.ReadFrameAsync(stream).WaitAsync(TimeSpan.FromSeconds(10))).Status;
}
