using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Routing;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Grpc;

/// <summary>
/// What the node's gRPC server serves is the rapport.v1 API — whose every method the gRPC coverage test classifies —
/// plus services listed here with the reason they hand out no personal data. A service mapped in the Host beside the
/// API fails this test until it gets a line.
/// </summary>
public sealed class PartnerApiServicesTests
{
    private static readonly Dictionary<string, string> NotPersonalData = new(StringComparer.Ordinal)
    {
        ["grpc.health.v1.Health"] = "serving status of the node and of each service name",
        ["grpc.reflection.v1.ServerReflection"] = "the served protobuf descriptors, no data",
        ["grpc.reflection.v1alpha.ServerReflection"] = "the served protobuf descriptors, no data",
    };

    [Fact]
    public async Task Every_service_the_node_serves_is_the_partner_api_or_holds_no_personal_data()
    {
        using var cli = new CliHarness();
        var data = new DataDirectory(cli.Root);
        await NewNode.CreateAsync(data);
        var started = await RunningNode.StartAsync(data, new RapportNodeOptions { Grpc = "127.0.0.1:0" }, null, _ => { }, CancellationToken.None);
        Assert.True(started.IsSuccess, started.IsFailure ? started.Error.ToString() : null);
        await using var node = started.Value;

        // What the node's server routes to: every gRPC method endpoint, by its service's full name.
        var served = node.Get<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var api = PartnerApi.ServiceNames().ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(api);
        Assert.Subset(served.ToHashSet(StringComparer.Ordinal), api);
        var others = served.Where(s => !api.Contains(s)).ToList();
        Assert.True(others.All(NotPersonalData.ContainsKey), $"served but not classified: {string.Join(", ", others.Where(o => !NotPersonalData.ContainsKey(o)))}");
    }
}
