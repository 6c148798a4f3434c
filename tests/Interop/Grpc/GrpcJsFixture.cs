using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Rapport.Adapters.Grpc.Tests.TestService;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;

namespace Rapport.Interop.Tests.Grpc;

/// <summary>
/// Installs the grpc-js client and serves the test service next to a node's partner API, health and reflection, on
/// the node's own gRPC server (a real node in a temp directory).
/// </summary>
public sealed class GrpcJsFixture : IAsyncLifetime
{
    public const int MaxMessageSize = 256 * 1024;
    public const string WatchedService = "rapport.test.v1.Watched";
    private const string WatchedTag = "watched";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rapport-grpc-js-" + Guid.NewGuid().ToString("N"));
    private RunningNode _node = null!;

    public TestServiceState State { get; } = new();
    public Uri Address => _node.PartnerApi!;

    /// <summary>Whether the health check behind <see cref="WatchedService"/> passes (published within a second).</summary>
    public bool WatchedUp { get; set; }

    public async Task InitializeAsync()
    {
        await NpmInstall.EnsureAsync(RepositoryLayout.GrpcClientDirectory);
        var data = new DataDirectory(_dir);
        Assert.True((await NewNode.CreateAsync(data)).IsSuccess);
        // Started as `rapport serve-grpc --grpc 127.0.0.1:0 --max-message-bytes …` starts a node, plus the test's parts.
        var options = new RapportNodeOptions { Grpc = "127.0.0.1:0", MaxMessageBytes = MaxMessageSize, ShutdownTimeout = TimeSpan.FromSeconds(5) };
        var started = await RunningNode.StartAsync(
            data,
            options,
            null,
            _ => { },
            CancellationToken.None,
            services =>
            {
                services.AddSingleton(State);
                // The test service and a watched name get their status from health checks, as the API's services do.
                services.AddHealthChecks().AddCheck("watched", () => WatchedUp ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(), tags: [WatchedTag]);
                services.Configure<GrpcHealthChecksOptions>(o =>
                {
                    o.Services.Map("rapport.test.v1.TestService", r => !r.Tags.Contains(WatchedTag));
                    o.Services.Map(WatchedService, r => r.Tags.Contains(WatchedTag));
                });
                services.Configure<HealthCheckPublisherOptions>(o => o.Period = TimeSpan.FromSeconds(1));
            },
            endpoints => endpoints.MapGrpcService<TestServiceImpl>());
        Assert.True(started.IsSuccess, started.IsFailure ? started.Error.ToString() : null);
        _node = started.Value;
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
